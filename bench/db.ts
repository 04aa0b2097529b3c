// Load → evaluate → store against Postgres (issue: "load + evaluate + store
// under 10 s for 1M edges"). Needs DATABASE_URL pointing at a server where a
// scratch database may be created (default: the local PostgreSQL).
import pg from "pg";
import { generateWorld } from "./generate-world.ts";
import { createScratchDatabase } from "../server/db/scratch-database.ts";

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

    t = performance.now();
    const summary = await runEvaluation({ trigger: "bench", actor: "bench" });
    const endToEndMs = performance.now() - t;
    await disconnectPrisma();
    const ioMs = summary.timings.loadMs + summary.timings.storeMs;
    const result = {
      world: `${assets} assets / ${world.edges.length} edges`,
      importMs: Math.round(importMs),
      edgeScanBaselineMs: Math.round(scanMs),
      loadMs: Math.round(summary.timings.loadMs),
      evaluateMs: Math.round(summary.timings.evaluateMs),
      storeMs: Math.round(summary.timings.storeMs),
      violations: summary.violationCount,
      endToEndMs: Math.round(endToEndMs),
      engineOverIo: +(summary.timings.evaluateMs / ioMs).toFixed(3),
      loadOverScanBaseline: +(summary.timings.loadMs / scanMs).toFixed(2),
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
