// The audit report (issue 11): the PDF export, through the same runner the
// dashboard uses (full chain verification, world sections, the audit log read
// in slices, the violation history, react-pdf rendering, the file stored in its
// row and its audit entry), on a 100k-asset world with 100,000 audit entries in
// the period. Baseline: the same export of the demo world in the same run.
// Target: under 30 s, memory bounded (peak RSS reported).
// Run alone: node --expose-gc --import tsx bench/report.ts
import path from "node:path";
import pg from "pg";
import { appendEntry, signCheckpoint, type AuditEntry } from "../lib/audit/index.ts";
import type { World } from "../lib/world/schema.ts";
import { createScratchDatabase } from "../server/db/scratch-database.ts";
import { readWorldFile } from "../server/world/read-world-file.ts";
import { generateWorld } from "./generate-world.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const DAY = 86_400_000;
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Appends `count` entries to the chain the way the app writes them (hashes chained from the current
 * tail, a signed checkpoint at every 100th entry) but in bulk, spread over the last 80 days: admission
 * checks (allowed, denied, would-deny), path decisions, edge reviews and evaluation runs.
 */
async function appendAuditEntries(url: string, world: World, count: number) {
  const { auditSigningKey } = await import("../server/audit/audit-key.ts");
  const key = auditSigningKey().key;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tail = (await client.query(`SELECT "sequence", "hash" FROM "AuditEntry" ORDER BY "sequence" DESC LIMIT 1`)).rows[0] as { sequence: number; hash: string } | undefined;
    let previous: { sequence: number; hash: string } | null = tail ?? null;
    const zoned = world.assets.filter((asset) => asset.zone);
    const paths = world.sanctionedPaths;
    const start = Date.now() - 80 * DAY;
    const BATCH = 5_000;
    for (let done = 0; done < count; done += BATCH) {
      const rows: AuditEntry[] = [];
      const checkpoints = [];
      for (let i = done; i < Math.min(count, done + BATCH); i++) {
        const at = new Date(start + Math.floor((i / count) * 79 * DAY)).toISOString();
        const asset = zoned[(i * 7919) % zoned.length];
        const kind = i % 10;
        let fields;
        if (kind < 6) {
          const allowed = kind < 4;
          fields = {
            at, actor: "token:ci", action: "admission.check", subject: `job:${asset.id}`,
            payload: { checkId: `c${i}`, request: { job: asset.id, purpose: asset.purpose, inputs: [asset.id], zone: null }, answer: { allowed, reasons: allowed ? [] : [{ kind: "category_not_permitted", zone: asset.zone, enforced: true }] }, wouldDeny: kind === 3 ? [{ zone: asset.zone }] : [] },
          };
        } else if (kind < 8) {
          const p = paths[i % paths.length];
          const action = ["path.request", "path.approve", "path.reject", "path.revoke"][(i >> 1) % 4];
          fields = { at, actor: "rosa@example.com", action, subject: `path:${p.id}`, payload: { path: p, from: "pending", to: "approved", note: action === "path.request" ? null : "Reviewed against the policy." } };
        } else if (kind === 8) {
          fields = { at, actor: "rosa@example.com", action: "edge.review", subject: `edges:${i}`, payload: { edges: [{ from: asset.id, to: zoned[(i * 31) % zoned.length].id }], skipped: [] } };
        } else {
          fields = { at, actor: "system", action: "evaluation.run", subject: `run:${i}`, payload: { violationCount: 100 } };
        }
        const entry = appendEntry(previous, fields);
        previous = entry;
        rows.push(entry);
        if (entry.sequence % 100 === 0) checkpoints.push(signCheckpoint(entry, key, new Date()));
      }
      await client.query(
        `INSERT INTO "AuditEntry" ("sequence", "at", "actor", "action", "subject", "payload", "prevHash", "hash")
         SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[])`,
        [rows.map((r) => r.sequence), rows.map((r) => r.at), rows.map((r) => r.actor), rows.map((r) => r.action), rows.map((r) => r.subject), rows.map((r) => JSON.stringify(r.payload)), rows.map((r) => r.prevHash), rows.map((r) => r.hash)],
      );
      if (checkpoints.length) {
        await client.query(
          `INSERT INTO "AuditCheckpoint" ("sequence", "hash", "signature", "keyFingerprint", "signedAt")
           SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) ON CONFLICT DO NOTHING`,
          [checkpoints.map((c) => c.sequence), checkpoints.map((c) => c.hash), checkpoints.map((c) => c.signature), checkpoints.map((c) => c.keyFingerprint), checkpoints.map((c) => c.signedAt)],
        );
      }
    }
  } finally {
    await client.end();
  }
}

async function benchExport(name: string, world: World, auditEntries: number) {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const scratch = await createScratchDatabase(admin, "bench_report");
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = scratch.url;
  try {
    const { migrate } = await import("../server/db/migrate.ts");
    const { disconnectPrisma, prisma } = await import("../server/db.ts");
    const { importWorld } = await import("../server/world/import-world.ts");
    const { runEvaluation } = await import("../server/evaluations/run-evaluation.ts");
    const { resetWorldState, currentWorldState } = await import("../server/world/world-state.ts");
    const { requestEvidenceExport } = await import("../server/evidence/exports/request-evidence-export.ts");
    await disconnectPrisma();
    resetWorldState();
    await migrate(scratch.url);
    let t = performance.now();
    await importWorld({ world, actor: "bench" });
    await runEvaluation({ trigger: "bench" });
    const importMs = performance.now() - t;
    t = performance.now();
    if (auditEntries) await appendAuditEntries(scratch.url, world, auditEntries);
    const appendMs = performance.now() - t;
    // the world state is warm in a running server; the first request after a restart pays the load
    await currentWorldState();
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    // the sampler doubles as an event-loop probe: its longest gap is how long a request to this process would have waited
    let lastTick = performance.now();
    let longestGap = 0;
    const sampler = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - lastTick);
      lastTick = now;
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    t = performance.now();
    const made = await requestEvidenceExport({ system: "bench" }, { input: {}, run: "wait" });
    const exportMs = performance.now() - t;
    const exportLongestGapMs = Math.max(longestGap, performance.now() - lastTick);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const row = await prisma().evidenceExport.findUniqueOrThrow({ where: { id: made.id }, select: { status: true, error: true, bytes: true, file: true } });
    if (row.status !== "done") throw new Error(`export ${row.status}: ${row.error}`);
    const pages = (Buffer.from(row.file!).toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
    // a second pass, timed in its two halves: reading (chain verification, world, audit log, history) and rendering
    const { buildAuditReport } = await import("../server/reports/audit-report/build-audit-report.ts");
    const { renderAuditReport } = await import("../server/reports/audit-report/render-audit-report.tsx");
    const { resolveEvidenceScope } = await import("../server/evidence/resolve-evidence-scope.ts");
    t = performance.now();
    const report = await buildAuditReport({ scope: await resolveEvidenceScope({}), generatedBy: "bench" });
    const buildMs = performance.now() - t;
    lastTick = performance.now();
    longestGap = 0;
    const probe = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - lastTick);
      lastTick = now;
    }, 50);
    t = performance.now();
    await renderAuditReport(report);
    const renderMs = performance.now() - t;
    const renderLongestGapMs = Math.max(longestGap, performance.now() - lastTick);
    clearInterval(probe);
    const entries = await prisma().auditEntry.count();
    await disconnectPrisma();
    resetWorldState();
    const result = { world: name, assets: world.assets.length, edges: world.edges.length, auditEntries: entries, importMs: Math.round(importMs), appendMs: Math.round(appendMs), exportMs: Math.round(exportMs), buildMs: Math.round(buildMs), renderMs: Math.round(renderMs), exportLongestGapMs: Math.round(exportLongestGapMs), renderLongestGapMs: Math.round(renderLongestGapMs), pages, pdfBytes: row.bytes, rssBeforeMiB: mib(rssBefore), peakRssMiB: mib(peak) };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    await scratch.drop().catch(() => {});
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  }
}

export async function benchReport({ assets = 100_000, edges = 200_000, auditEntries = 100_000 } = {}): Promise<Record<string, unknown>> {
  const demo = await benchExport("demo", readWorldFile(path.join(ROOT, "examples/demo.world.json")), 0);
  const large = await benchExport(`${assets / 1000}k`, generateWorld({ assets, edges, zones: 50, categories: 200, paths: 500, seed: 7 }), auditEntries);
  const summary = { demo, large, exportRatio: Math.round((large.exportMs / demo.exportMs) * 10) / 10, targetMs: 30_000, meetsTarget: large.exportMs < 30_000 };
  console.log(JSON.stringify({ exportRatio: summary.exportRatio, meetsTarget: summary.meetsTarget }));
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchReport();
  process.exit(0);
}
