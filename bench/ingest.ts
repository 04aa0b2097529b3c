// OpenLineage ingestion throughput (issue 10): events/s into the local
// PostgreSQL on a 100k-asset world, through the route handlers Next calls
// (bearer token check, body read, validation, one transaction per request),
// with incremental verification on: the clock stops when the evaluation that
// covers the last event is stored (whenEvaluationsSettled). Single events and
// batches of 100. Baseline, same run, same events: one single-row INSERT per
// event (autocommit) into a plain table, the least a store-every-event
// ingestion could do per event. Target: at least 5,000 events/s batched.
// Also each case's steady state: the same pipelines' next-day runs, batched and one event per request.
// Run alone: node --import tsx bench/ingest.ts
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { World } from "../lib/world/schema.ts";
import { createScratchDatabase } from "../server/db/scratch-database.ts";
import { generateWorld } from "./generate-world.ts";

// BENCH_INGEST_SINGLES / BENCH_INGEST_BATCHES shorten a run on a busy machine
const SINGLE_EVENTS = Number(process.env.BENCH_INGEST_SINGLES ?? 500);
const BATCH_SIZE = 100;
const BATCHES = Number(process.env.BENCH_INGEST_BATCHES ?? 60);
const round = (n: number) => Math.round(n * 10) / 10;
// the app process's CPU per event (PostgreSQL's own work is not in it): unlike events/s, it barely moves with other load
const cpuMsPer = ({ user, system }: NodeJS.CpuUsage, events: number) => Math.round(((user + system) / 1000 / events) * 100) / 100;

/**
 * RunEvents as a scheduler's jobs send them: each run of one of 500 jobs reads
 * two datasets of the world and writes one (a world dataset or a new one),
 * with a schema facet on the output; event times move forward, so most events
 * move an edge's lastSeen (a world write per request, as in production).
 */
export function makeEvents(world: World, count: number, startMs: number, seed: number): Record<string, unknown>[] {
  const datasets = world.assets.filter((a) => a.kind === "table" || a.kind === "stream");
  let state = seed;
  const next = (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
  return Array.from({ length: count }, (_, i) => {
    const job = next(500);
    const input = (k: number) => datasets[(job * 7 + k * 13 + next(3)) % datasets.length];
    const output = next(10) === 0 ? { namespace: "bench.lake", name: `derived_${job}_${next(50)}` } : datasets[(job * 11 + 5) % datasets.length];
    return {
      eventType: i % 2 === 0 ? "START" : "COMPLETE",
      eventTime: new Date(startMs + i * 1_000).toISOString(),
      producer: "https://example.org/bench",
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
      run: { runId: randomUUID() },
      job: { namespace: "bench.scheduler", name: `job_${job}` },
      inputs: [input(0), input(1)].map((d) => ({ namespace: d.namespace, name: d.name })),
      outputs: [
        {
          namespace: output.namespace,
          name: output.name,
          facets: {
            schema: {
              _producer: "https://example.org/bench",
              _schemaURL: "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json",
              fields: [{ name: "id", type: "bigint" }, { name: "value", type: "text" }],
            },
          },
        },
      ],
    };
  });
}

export async function benchIngest({ assets = 100_000, edges = 400_000 } = {}): Promise<Record<string, unknown>> {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const scratch = await createScratchDatabase(admin, "bench_ingest");
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = scratch.url;
  try {
    const { migrate } = await import("../server/db/migrate.ts");
    const { disconnectPrisma } = await import("../server/db.ts");
    const { importWorld } = await import("../server/world/import-world.ts");
    const { currentWorldState, resetWorldState } = await import("../server/world/world-state.ts");
    const { runEvaluation } = await import("../server/evaluations/run-evaluation.ts");
    const { whenEvaluationsSettled } = await import("../server/evaluations/schedule-evaluation.ts");
    const { createApiToken } = await import("../server/tokens/api-tokens.ts");
    const { POST: postOne } = await import("../app/api/v1/lineage/route.ts");
    const { POST: postBatch } = await import("../app/api/v1/lineage/batch/route.ts");
    await disconnectPrisma();
    resetWorldState();
    await migrate(scratch.url);
    const world = generateWorld({ assets, edges, zones: 50, categories: 200, paths: 500, seed: 7 });
    let t = performance.now();
    await importWorld({ world, actor: "bench" });
    const importMs = performance.now() - t;
    t = performance.now();
    await currentWorldState();
    await runEvaluation({ trigger: "bench", actor: "bench" }); // the stored baseline every later run diffs against
    const firstEvaluationMs = performance.now() - t;
    // as a deployed server does (instrumentation.ts): every commit's NOTIFY makes the cached state replay
    // the described change at once, so an evaluation finds it current instead of far behind (a reload)
    const { startWorldListener, stopWorldListener } = await import("../server/world/world-listener.ts");
    startWorldListener();
    const { secret } = await createApiToken({ system: "cli" }, { name: "bench", scopes: ["ingest"] });
    // bodies are serialized before a clock starts: a pipeline does that in its own process, not in Zoneline's
    const send = async (handler: (r: Request) => Promise<Response>, url: string, body: string) => {
      const response = await handler(new Request(`http://bench.local${url}`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body }));
      if (response.status !== 201) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
      return response.json() as Promise<{ stored: number; worldVersion: number | null; edgesCreated: number }>;
    };

    // warm-up (JIT, pool connections, the first incremental replay), not counted
    for (const event of makeEvents(world, 20, Date.parse("2026-01-01T00:00:00Z"), 1)) await send(postOne, "/api/v1/lineage", JSON.stringify(event));
    await whenEvaluationsSettled();

    const singles = makeEvents(world, SINGLE_EVENTS, Date.parse("2026-02-01T00:00:00Z"), 2).map((event) => JSON.stringify(event));
    const evaluationsBefore = async () => (await import("../server/db.ts")).prisma().evaluationRun.count({ where: { trigger: "lineage.openlineage" } });
    let runsBefore = await evaluationsBefore();
    t = performance.now();
    let worldWrites = 0;
    for (const event of singles) if ((await send(postOne, "/api/v1/lineage", event)).worldVersion !== null) worldWrites++;
    const singleAnsweredMs = performance.now() - t;
    await whenEvaluationsSettled();
    const singleMs = performance.now() - t;
    const singleRuns = (await evaluationsBefore()) - runsBefore;
    const singleWorldWrites = worldWrites;

    const batched = makeEvents(world, BATCH_SIZE * BATCHES, Date.parse("2026-03-01T00:00:00Z"), 3);
    const batchBodies = Array.from({ length: BATCHES }, (_, i) => JSON.stringify(batched.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE)));
    runsBefore = await evaluationsBefore();
    worldWrites = 0;
    t = performance.now();
    let cpu = process.cpuUsage();
    for (const body of batchBodies) if ((await send(postBatch, "/api/v1/lineage/batch", body)).worldVersion !== null) worldWrites++;
    const batchAnsweredMs = performance.now() - t;
    await whenEvaluationsSettled();
    const batchMs = performance.now() - t;
    const batchCpu = process.cpuUsage(cpu);
    const batchRuns = (await evaluationsBefore()) - runsBefore;

    // replays of the batched events: found by hash, nothing written
    t = performance.now();
    for (const body of batchBodies) {
      const answer = await send(postBatch, "/api/v1/lineage/batch", body);
      if (answer.stored !== 0) throw new Error("a replay stored something");
    }
    const replayMs = performance.now() - t;

    // the same pipelines running again the next day: new runs (new runIds, later eventTimes) of the jobs just
    // seen, reading and writing the same datasets. This is a scheduler's steady state: the edges exist, each
    // event moves their lastSeen, and the evaluation re-decides only those edges.
    const nextDay = batched.map((event) => ({
      ...event,
      run: { runId: randomUUID() },
      eventTime: new Date(Date.parse(event.eventTime as string) + 86_400_000).toISOString(),
    }));
    const nextDayBodies = Array.from({ length: BATCHES }, (_, i) => JSON.stringify(nextDay.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE)));
    runsBefore = await evaluationsBefore();
    let steadyNewEdges = 0;
    t = performance.now();
    cpu = process.cpuUsage();
    for (const body of nextDayBodies) {
      const answer = await send(postBatch, "/api/v1/lineage/batch", body);
      if (answer.stored !== BATCH_SIZE) throw new Error(`a next-day batch stored ${answer.stored} of ${BATCH_SIZE}`);
      steadyNewEdges += answer.edgesCreated;
    }
    const steadyAnsweredMs = performance.now() - t;
    await whenEvaluationsSettled();
    const steadyMs = performance.now() - t;
    const steadyCpu = process.cpuUsage(cpu);
    const steadyRuns = (await evaluationsBefore()) - runsBefore;

    // the same, one event per request, as OpenLineage's HTTP transport posts them (Airflow, Spark, dbt): the
    // next-day runs of the single events' pipelines
    const nextDaySingles = singles.map((body) => {
      const event = JSON.parse(body) as Record<string, unknown>;
      return JSON.stringify({ ...event, run: { runId: randomUUID() }, eventTime: new Date(Date.parse(event.eventTime as string) + 86_400_000).toISOString() });
    });
    runsBefore = await evaluationsBefore();
    t = performance.now();
    cpu = process.cpuUsage();
    for (const body of nextDaySingles) {
      const answer = await send(postOne, "/api/v1/lineage", body);
      if (answer.stored !== 1) throw new Error("a next-day event was not stored");
    }
    const steadySingleAnsweredMs = performance.now() - t;
    await whenEvaluationsSettled();
    const steadySingleMs = performance.now() - t;
    const steadySingleCpu = process.cpuUsage(cpu);
    const steadySingleRuns = (await evaluationsBefore()) - runsBefore;

    // baseline: one single-row INSERT per event, autocommit, into a plain table in the same database
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    await client.query(`CREATE TABLE bench_plain_events (id serial PRIMARY KEY, event jsonb NOT NULL)`);
    const baselineEvents = makeEvents(world, SINGLE_EVENTS * 2, Date.parse("2026-04-01T00:00:00Z"), 4).map((event) => JSON.stringify(event));
    t = performance.now();
    for (const event of baselineEvents) await client.query(`INSERT INTO bench_plain_events (event) VALUES ($1)`, [event]);
    const baselineMs = performance.now() - t;
    await client.end();

    await stopWorldListener();
    await disconnectPrisma();
    resetWorldState();
    const perSecond = (events: number, ms: number) => Math.round(events / (ms / 1000));
    const baselinePerSecond = perSecond(baselineEvents.length, baselineMs);
    const result = {
      assets: world.assets.length,
      edges: world.edges.length,
      importMs: Math.round(importMs),
      firstEvaluationMs: Math.round(firstEvaluationMs),
      baselineSingleRowInsertsPerSecond: baselinePerSecond,
      single: {
        events: singles.length,
        eventsPerSecond: perSecond(singles.length, singleMs),
        answeredPerSecond: perSecond(singles.length, singleAnsweredMs),
        ratioToBaseline: round(perSecond(singles.length, singleMs) / baselinePerSecond),
        requestsThatWroteTheWorld: singleWorldWrites,
        evaluationRuns: singleRuns,
      },
      batchOf100: {
        events: batched.length,
        eventsPerSecond: perSecond(batched.length, batchMs),
        answeredPerSecond: perSecond(batched.length, batchAnsweredMs),
        ratioToBaseline: round(perSecond(batched.length, batchMs) / baselinePerSecond),
        evaluationRuns: batchRuns,
        appCpuMsPerEvent: cpuMsPer(batchCpu, batched.length),
        meetsTarget: perSecond(batched.length, batchMs) >= 5_000,
      },
      replayedBatchOf100EventsPerSecond: perSecond(batched.length, replayMs),
      steadyStateBatchOf100: {
        events: nextDay.length,
        eventsPerSecond: perSecond(nextDay.length, steadyMs),
        answeredPerSecond: perSecond(nextDay.length, steadyAnsweredMs),
        ratioToBaseline: round(perSecond(nextDay.length, steadyMs) / baselinePerSecond),
        edgesCreated: steadyNewEdges,
        evaluationRuns: steadyRuns,
        appCpuMsPerEvent: cpuMsPer(steadyCpu, nextDay.length),
        meetsTarget: perSecond(nextDay.length, steadyMs) >= 5_000,
      },
      steadyStateSingle: {
        events: nextDaySingles.length,
        eventsPerSecond: perSecond(nextDaySingles.length, steadySingleMs),
        answeredPerSecond: perSecond(nextDaySingles.length, steadySingleAnsweredMs),
        ratioToBaseline: round(perSecond(nextDaySingles.length, steadySingleMs) / baselinePerSecond),
        evaluationRuns: steadySingleRuns,
        appCpuMsPerEvent: cpuMsPer(steadySingleCpu, nextDaySingles.length),
      },
      targetBatchedEventsPerSecond: 5_000,
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    await scratch.drop().catch(() => {});
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const small = process.argv.includes("--small");
  await benchIngest(small ? { assets: 10_000, edges: 40_000 } : undefined);
  process.exit(0);
}
