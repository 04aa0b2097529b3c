// The evidence bundle (issue 11): export of 100,000 audit entries and a world
// of 100k assets as the ZIP bundle, against the export of the demo world in
// the same run (the ratio baseline). Target: under 30 s, memory bounded
// (streamed; peak RSS of the exporting process reported). Each export and
// verification runs in a child process (bench/bundle-child.ts) so its peak
// RSS is its own, not the world import's.
// Run alone: node --import tsx bench/bundle.ts
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { appendEntry, generateAuditSigningKeyPem, parseAuditSigningKey, signCheckpoint, type AuditEntry } from "../lib/audit/index.ts";
import { createScratchDatabase } from "../server/db/scratch-database.ts";
import { readWorldFile } from "../server/world/read-world-file.ts";
import { generateWorld } from "./generate-world.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const CHECKPOINT_EVERY = 100;
const round = (n: number) => Math.round(n);

/** Appends `count` audit entries shaped like admission checks, with a signed checkpoint every 100th, in bulk. */
async function appendAuditEntries(url: string, count: number, pem: string): Promise<void> {
  const key = parseAuditSigningKey(pem);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ sequence: number; hash: string }>(`SELECT "sequence", "hash" FROM "AuditEntry" ORDER BY "sequence" DESC LIMIT 1`);
  let previous: Pick<AuditEntry, "sequence" | "hash"> | null = rows[0] ?? null;
  const start = Date.now() - count * 10;
  for (let done = 0; done < count; ) {
    const batch: AuditEntry[] = [];
    for (let i = 0; i < 5_000 && done < count; i++, done++) {
      const entry: AuditEntry = appendEntry(previous, {
        at: new Date(start + done * 10).toISOString(),
        actor: `token:pipeline-${done % 20}`,
        action: "admission.check",
        subject: `job:job_${done % 997}`,
        payload: { checkId: `00000000-0000-4000-8000-${String(done).padStart(12, "0")}`, worldVersion: 1, request: { job: `job_${done % 997}`, purpose: "analytics.reporting", inputs: [`t_${done % 5003}`, `t_${(done * 7) % 5003}`], zone: null, at: new Date(start + done * 10).toISOString() }, answer: { allowed: done % 3 !== 0, reasons: [] }, wouldDeny: [] },
      });
      batch.push(entry);
      previous = entry;
    }
    await client.query(
      `INSERT INTO "AuditEntry" ("sequence", "at", "actor", "action", "subject", "payload", "prevHash", "hash")
       SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[])`,
      [batch.map((e) => e.sequence), batch.map((e) => e.at), batch.map((e) => e.actor), batch.map((e) => e.action), batch.map((e) => e.subject), batch.map((e) => JSON.stringify(e.payload)), batch.map((e) => e.prevHash), batch.map((e) => e.hash)],
    );
    const checkpoints = batch.filter((e) => e.sequence % CHECKPOINT_EVERY === 0).map((e) => signCheckpoint(e, key));
    if (checkpoints.length) {
      await client.query(
        `INSERT INTO "AuditCheckpoint" ("sequence", "hash", "signature", "keyFingerprint", "signedAt") SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) ON CONFLICT DO NOTHING`,
        [checkpoints.map((c) => c.sequence), checkpoints.map((c) => c.hash), checkpoints.map((c) => c.signature), checkpoints.map((c) => c.keyFingerprint), checkpoints.map((c) => c.signedAt)],
      );
    }
  }
  await client.end();
}

function child(mode: "export" | "verify", file: string, env: NodeJS.ProcessEnv): { ms: number; startupMs?: number; worldStateMs?: number; chainCheckMs?: number; writeMs?: number; writeCpuMs?: number; maxRssMiB: number; bytes?: number; ok?: boolean; entries?: number } {
  const out = execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/bundle-child.ts"), mode, file], { cwd: ROOT, env, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split("\n").at(-1)!);
}

async function measure(label: string, world: Parameters<typeof import("../server/world/import-world.ts").importWorld>[0]["world"], auditEntries: number) {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const scratch = await createScratchDatabase(admin, "bench_bundle");
  const key = generateAuditSigningKeyPem();
  const env = { ...process.env, DATABASE_URL: scratch.url, ZONELINE_AUDIT_KEY: key };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zoneline-bench-bundle-"));
  try {
    // the world is imported by a child too: this process stays small and holds no Prisma client
    const worldFile = path.join(dir, "world.json");
    const { serializeWorld } = await import("../lib/world/index.ts");
    fs.writeFileSync(worldFile, serializeWorld(world));
    let t = performance.now();
    execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "cli/main.ts"), "import", worldFile], { cwd: ROOT, env, stdio: "ignore" });
    const importMs = performance.now() - t;
    t = performance.now();
    if (auditEntries) await appendAuditEntries(scratch.url, auditEntries, key);
    const appendMs = performance.now() - t;
    // a live database's autovacuum has long analysed its tables (and set their rows' hint bits); a scratch
    // database filled a second ago has not, which made the first reads of every table several times slower
    const vacuum = new pg.Client({ connectionString: scratch.url });
    await vacuum.connect();
    await vacuum.query("VACUUM ANALYZE");
    await vacuum.end();
    const file = path.join(dir, "bundle.zip");
    const exported = child("export", file, env);
    const verified = child("verify", file, env);
    console.log(`${label}: import ${round(importMs)} ms, ${auditEntries} audit entries appended in ${round(appendMs)} ms; export ${round(exported.ms)} ms (world state ${round(exported.worldStateMs ?? 0)}, chain check ${round(exported.chainCheckMs ?? 0)}, ZIP ${round(exported.writeMs ?? 0)}, of which CPU ${round(exported.writeCpuMs ?? 0)}) after ${round(exported.startupMs ?? 0)} ms of module loading (${((exported.bytes ?? 0) / 1024 / 1024).toFixed(1)} MiB ZIP, ${exported.entries} entries, peak RSS ${exported.maxRssMiB} MiB); verify ${round(verified.ms)} ms (ok: ${verified.ok}, peak RSS ${verified.maxRssMiB} MiB)`);
    return { exportMs: round(exported.ms), startupMs: round(exported.startupMs ?? 0), worldStateMs: round(exported.worldStateMs ?? 0), chainCheckMs: round(exported.chainCheckMs ?? 0), writeMs: round(exported.writeMs ?? 0), writeCpuMs: round(exported.writeCpuMs ?? 0), zipMiB: Number(((exported.bytes ?? 0) / 1024 / 1024).toFixed(1)), entries: exported.entries, exportPeakRssMiB: exported.maxRssMiB, verifyMs: round(verified.ms), verifyOk: verified.ok, verifyPeakRssMiB: verified.maxRssMiB };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    // BENCH_BUNDLE_KEEP=1 keeps the database for profiling an export (its URL is printed)
    if (process.env.BENCH_BUNDLE_KEEP) console.log(`kept ${scratch.url} (key in ZONELINE_AUDIT_KEY of this run: ${JSON.stringify(key)})`);
    else await scratch.drop();
  }
}

export async function benchBundle(): Promise<Record<string, unknown>> {
  if (process.env.BENCH_BUNDLE_ONLY === "large") return { large: await measure("100k assets / 200k edges + 100k audit entries", generateWorld({ assets: 100_000, edges: 200_000, zones: 50, categories: 200, paths: 500, seed: 11 }), 100_000) };
  const demo = await measure("demo world", readWorldFile(path.join(ROOT, "examples/demo.world.json")), 0);
  const large = await measure("100k assets / 200k edges + 100k audit entries", generateWorld({ assets: 100_000, edges: 200_000, zones: 50, categories: 200, paths: 500, seed: 11 }), 100_000);
  const result = { demo, large, exportRatio: Number((large.exportMs / demo.exportMs).toFixed(1)), targetMs: 30_000, metTarget: large.exportMs < 30_000 };
  console.log(`export ratio 100k ÷ demo: ${result.exportRatio}×; under 30 s: ${result.metTarget}`);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchBundle();
  process.exit(0);
}
