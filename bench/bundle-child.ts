// One evidence-bundle export (or verification) in a process of its own, so its
// peak RSS is the export's alone (bench/bundle.ts starts it). Prints JSON.
//   node --import tsx bench/bundle-child.ts export OUT.zip   (DATABASE_URL, ZONELINE_AUDIT_KEY set)
//   node --import tsx bench/bundle-child.ts verify FILE.zip
import { createHash } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";

const [mode, file] = process.argv.slice(2);
const started = performance.now();
let result: Record<string, unknown>;
if (mode === "export") {
  const { exportEvidenceBundle } = await import("../server/evidence/export-evidence-bundle.ts");
  const { disconnectPrisma } = await import("../server/db.ts");
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
  await disconnectPrisma();
  result = { ms: performance.now() - started, bytes, entries: manifest.chain.entries, files: manifest.files.map((f) => `${f.path}:${f.rows}`) };
} else {
  const { verifyEvidenceBundle } = await import("../lib/evidence/verify-evidence-bundle.ts");
  const verification = await verifyEvidenceBundle({ path: file });
  result = { ms: performance.now() - started, ok: verification.ok, findings: verification.findings.slice(0, 3), entries: verification.summary.entries };
}
console.log(JSON.stringify({ ...result, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
process.exit(0);
