// Load → evaluate → store against Postgres (issue: "load + evaluate + store
// under 10 s for 1M edges"). Needs DATABASE_URL pointing at a server where a
// scratch database may be created (default: the local PostgreSQL).
import pg from "pg";
import { generateWorld } from "./generate-world.ts";
import { createScratchDatabase } from "../server/db/scratch-database.ts";

async function violationRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Violation"`);
  await client.end();
  return rows[0].n;
}

export async function benchDatabase({ assets = 100_000, edges = 1_000_000 } = {}): Promise<Record<string, unknown>> {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const scratch = await createScratchDatabase(admin, "bench");
  const url = new URL(scratch.url);
  process.env.DATABASE_URL = scratch.url;
  try {
    const { migrate } = await import("../server/db/migrate.ts");
    const { importWorld } = await import("../server/world/import-world.ts");
    const { runEvaluation } = await import("../server/evaluations/run-evaluation.ts");
    const { disconnectPrisma } = await import("../server/db.ts");
    await migrate(url.toString());
    const world = generateWorld({ assets, edges, zones: 50, categories: 200, paths: 500, seed: 7 });
    let t = performance.now();
    await importWorld({ world, actor: "bench" });
    const importMs = performance.now() - t;

    // baseline in the same run: one full scan of the edge table, the least any load must do
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    t = performance.now();
    await client.query({ text: `SELECT "fromId", "toId", "transforms" FROM "LineageEdge"`, rowMode: "array" });
    const scanMs = performance.now() - t;
    await client.end();

    const { currentWorldState } = await import("../server/world/world-state.ts");
    t = performance.now();
    await currentWorldState(); // load + full evaluation, once per process
    const fullStateMs = performance.now() - t;

    t = performance.now();
    const summary = await runEvaluation({ trigger: "bench", actor: "bench" });
    const firstRunMs = performance.now() - t;
    const endToEndMs = fullStateMs + firstRunMs;
    const rowsAfterFirst = await violationRows(url.toString());

    // a re-run of the same world stores nothing new: history grows by what changed, not by the violation set
    t = performance.now();
    await runEvaluation({ trigger: "bench", actor: "bench" });
    const rerunMs = performance.now() - t;
    const rowsAfterRerun = await violationRows(url.toString());

    // small writes, as a path decision or one ingested edge make them: the state replays them instead of reloading
    const path = world.sanctionedPaths.find((p) => p.status === "approved") ?? world.sanctionedPaths[0];
    const edge = world.edges[Math.floor(world.edges.length / 2)];
    const partial = { taxonomy: { categories: [], purposes: [] }, zones: [], assets: [], edges: [], sanctionedPaths: [] };
    const replays: number[] = [];
    for (const write of [
      { ...partial, sanctionedPaths: [{ ...path, status: path.status === "approved" ? "revoked" : "approved", reviewer: "bench" } as typeof path] },
      { ...partial, edges: [{ ...edge, transforms: edge.transforms.length ? [] : ["aggregate"] }] },
      { ...partial, sanctionedPaths: [path] },
    ]) {
      await importWorld({ world: write, actor: "bench" });
      t = performance.now();
      const state = await currentWorldState();
      replays.push(performance.now() - t);
      if (state.reachedBy !== "replay") throw new Error("a described small write was not replayed");
    }
    t = performance.now();
    const afterWrite = await runEvaluation({ trigger: "bench", actor: "bench" });
    const runAfterSmallWriteMs = performance.now() - t;
    await disconnectPrisma();
    const replayMedian = [...replays].sort((a, b) => a - b)[1];
    const result = {
      world: `${assets} assets / ${world.edges.length} edges`,
      importMs: Math.round(importMs),
      edgeScanBaselineMs: Math.round(scanMs),
      loadAndEvaluateMs: Math.round(fullStateMs),
      loadOverScanBaseline: +(fullStateMs / scanMs).toFixed(2),
      explainMs: Math.round(summary.timings.evaluateMs),
      storeMs: Math.round(summary.timings.storeMs),
      violations: summary.violationCount,
      endToEndMs: Math.round(endToEndMs),
      violationRowsAfterFirstRun: rowsAfterFirst,
      violationRowsAfterRerun: rowsAfterRerun,
      rerunMs: Math.round(rerunMs),
      replaySmallWriteMs: replays.map((ms) => +ms.toFixed(1)),
      fullReloadOverReplay: +(fullStateMs / replayMedian).toFixed(0),
      runAfterSmallWrite: { ms: Math.round(runAfterSmallWriteMs), opened: afterWrite.newViolations, resolved: afterWrite.resolvedViolations, changed: afterWrite.changedViolations },
      target: "load + evaluate + store < 10 s",
      meetsTarget: endToEndMs < 10_000,
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    await scratch.drop().catch(() => {});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = process.argv[2] === "small" ? { assets: 10_000, edges: 50_000 } : {};
  await benchDatabase(scale);
}
