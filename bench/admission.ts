// Admission latency (issue 10, point 4): p50/p95 of POST /api/v1/admission
// with 20 concurrent callers, each with a bearer token, through the route
// handler Next calls (token check, cached world state, engine, audit entry),
// on the demo world and on a 100k-asset world. Baseline from the same run and
// the same callers: GET /api/health (one database round trip).
// Targets: p95 under 20 ms (demo) and 50 ms (100k).
// Run alone: node --import tsx bench/admission.ts
import path from "node:path";
import type { World } from "../lib/world/schema.ts";
import { createScratchDatabase } from "../server/db/scratch-database.ts";
import { readWorldFile } from "../server/world/read-world-file.ts";
import { generateWorld } from "./generate-world.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const CALLERS = 20;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const round = (n: number) => Math.round(n * 10) / 10;

/** `callers` loops, each sending its next request when the last one answered; latencies in ms. */
async function load(callers: number, perCaller: number, send: (caller: number, i: number) => Promise<Response>): Promise<{ sorted: number[]; perSecond: number; cpuMsPerRequest: number }> {
  const latencies: number[] = [];
  const start = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      for (let i = 0; i < perCaller; i++) {
        const t = performance.now();
        const response = await send(caller, i);
        await response.arrayBuffer();
        latencies.push(performance.now() - t);
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  // the process's CPU per request (callers included): unlike latency, it barely moves with other load on the machine
  return { sorted: latencies.sort((a, b) => a - b), perSecond: latencies.length / seconds, cpuMsPerRequest: (user + system) / 1000 / latencies.length };
}

/** A job and inputs from the same world that the engine answers for: jobs with a zone and purpose, inputs that feed them. */
function admissionRequests(world: World, count: number): { job: string; purpose: string; inputs: string[] }[] {
  const feeds = new Map<string, string[]>();
  for (const edge of world.edges) feeds.set(edge.to, [...(feeds.get(edge.to) ?? []), edge.from]);
  const requests = [];
  for (const asset of world.assets) {
    const inputs = feeds.get(asset.id);
    if (asset.purpose && inputs?.length) requests.push({ job: asset.id, purpose: asset.purpose, inputs: inputs.slice(0, 3) });
    if (requests.length >= count) break;
  }
  if (!requests.length) throw new Error("no job with inputs and a purpose in this world");
  return requests;
}

async function benchWorld(name: string, world: World, { perCaller, target }: { perCaller: number; target: number }) {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const scratch = await createScratchDatabase(admin, "bench_admission");
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = scratch.url;
  try {
    const { migrate } = await import("../server/db/migrate.ts");
    const { disconnectPrisma } = await import("../server/db.ts");
    const { importWorld } = await import("../server/world/import-world.ts");
    const { resetWorldState } = await import("../server/world/world-state.ts");
    const { createApiToken } = await import("../server/tokens/api-tokens.ts");
    const { POST } = await import("../app/api/v1/admission/route.ts");
    const { GET: health } = await import("../app/api/health/route.ts");
    await disconnectPrisma();
    resetWorldState();
    await migrate(scratch.url);
    let t = performance.now();
    await importWorld({ world, actor: "bench" });
    const importMs = performance.now() - t;
    const { secret } = await createApiToken({ system: "cli" }, { name: "bench", scopes: ["admission"] });
    const requests = admissionRequests(world, 200);
    const admit = (caller: number, i: number) =>
      POST(
        new Request("http://bench.local/api/v1/admission", {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          body: JSON.stringify(requests[(caller * perCaller + i) % requests.length]),
        }),
      );
    t = performance.now();
    const first = await admit(0, 0); // loads the world state once; every later call uses the cache
    if (first.status !== 200) throw new Error(`admission failed: ${first.status} ${await first.text()}`);
    const firstCallMs = performance.now() - t;
    await load(CALLERS, 20, admit); // warm-up, as a server that has been answering for a while: JIT, pool connections
    const baseline = await load(CALLERS, perCaller, () => health(new Request("http://bench.local/api/health")));
    const admission = await load(CALLERS, perCaller, admit);
    await disconnectPrisma();
    resetWorldState();
    const result = {
      world: name,
      assets: world.assets.length,
      edges: world.edges.length,
      callers: CALLERS,
      requests: admission.sorted.length,
      importMs: Math.round(importMs),
      firstCallMs: Math.round(firstCallMs),
      admissionP50Ms: round(percentile(admission.sorted, 0.5)),
      admissionP95Ms: round(percentile(admission.sorted, 0.95)),
      admissionPerSecond: Math.round(admission.perSecond),
      admissionCpuMsPerRequest: Math.round(admission.cpuMsPerRequest * 100) / 100,
      healthP50Ms: round(percentile(baseline.sorted, 0.5)),
      healthCpuMsPerRequest: Math.round(baseline.cpuMsPerRequest * 100) / 100,
      healthP95Ms: round(percentile(baseline.sorted, 0.95)),
      p95OverHealthP95: round(percentile(admission.sorted, 0.95) / percentile(baseline.sorted, 0.95)),
      targetP95Ms: target,
      meetsTarget: percentile(admission.sorted, 0.95) < target,
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    await scratch.drop().catch(() => {});
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  }
}

export async function benchAdmission(): Promise<Record<string, unknown>> {
  // BENCH_ADMISSION_WORLDS=demo runs the demo world alone (a quick check)
  const worlds = (process.env.BENCH_ADMISSION_WORLDS ?? "demo,100k").split(",");
  const results: Record<string, unknown> = {};
  if (worlds.includes("demo")) results.demo = await benchWorld("demo", readWorldFile(path.join(ROOT, "examples/demo.world.json")), { perCaller: 50, target: 20 });
  if (worlds.includes("100k"))
    results["100k"] = await benchWorld("100k", generateWorld({ assets: 100_000, edges: 400_000, zones: 50, categories: 200, paths: 500, seed: 7 }), { perCaller: 50, target: 50 });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchAdmission();
  process.exit(0);
}
