// One evidence-bundle export (or verification) in a process of its own, so its
// peak RSS is the export's alone (bench/bundle.ts starts it). Prints JSON.
//   node --import tsx bench/bundle-child.ts export OUT.zip   (DATABASE_URL, ZONELINE_AUDIT_KEY set)
//   node --import tsx bench/bundle-child.ts verify FILE.zip
import { createHash } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";

// `ms` is the export (or verification) itself, from the call to the last byte written; `startupMs` is
// loading the modules (Prisma, the engine) before it, which a running server has already paid.
const [mode, file] = process.argv.slice(2);
let started = performance.now();
let result: Record<string, unknown>;
if (mode === "export") {
  const { exportEvidenceBundle } = await import("../server/evidence/export-evidence-bundle.ts");
  const { disconnectPrisma } = await import("../server/db.ts");
  const { currentWorldState } = await import("../server/world/world-state.ts");
  const { verifyAuditChain } = await import("../server/audit/verify-audit-chain.ts");
  const startupMs = performance.now() - started;
  started = performance.now();
  // the export's first two steps, timed apart (the export then finds them cached / already verified)
  let t = performance.now();
  await currentWorldState();
  const worldStateMs = performance.now() - t;
  t = performance.now();
  await verifyAuditChain();
  const chainCheckMs = performance.now() - t;
  t = performance.now();
  const cpu = process.cpuUsage();
  const bundle = await exportEvidenceBundle({ input: {}, actor: "bench" });
  const hash = createHash("sha256");
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(bundle.stream, count, fs.createWriteStream(file));
  await bundle.recordExport({ sha256: hash.digest("hex"), bytes });
  const manifest = await bundle.manifest;
  const ms = performance.now() - started;
  const writeMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  // CPU time of the ZIP phase (this thread and the zlib / fs pool threads): less sensitive to other load than wall time
  const writeCpuMs = (used.user + used.system) / 1000;
  await disconnectPrisma();
  result = { ms, startupMs, worldStateMs, chainCheckMs, writeMs, writeCpuMs, bytes, entries: manifest.chain.entries, files: manifest.files.map((f) => `${f.path}:${f.rows}`) };
} else {
  const { verifyEvidenceBundle } = await import("../lib/evidence/verify-evidence-bundle.ts");
  started = performance.now();
  const verification = await verifyEvidenceBundle({ path: file });
  result = { ms: performance.now() - started, ok: verification.ok, findings: verification.findings.slice(0, 3), entries: verification.summary.entries };
}
console.log(JSON.stringify({ ...result, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
process.exit(0);
