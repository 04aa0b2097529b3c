// Engine benchmark: full evaluation, explaining every violation, and
// incremental re-evaluation on generated worlds. Peak RSS is the process's
// maximum so far (it includes the generated world itself). Run directly with `node --import tsx bench/engine.ts`, or through
// bench/run.ts via benchEngine().
import { pathToFileURL } from "node:url";
import { evaluate } from "../lib/engine/evaluate.ts";
import { IncrementalEvaluator, type WorldChange } from "../lib/engine/incremental.ts";
import type { World } from "../lib/world/schema.ts";
import { generateWorld, prng } from "./generate-world.ts";

const AT = new Date("2026-01-01T00:00:00.000Z");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const round = (ms: number) => Math.round(ms * 100) / 100;
const rssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Random single changes of the kinds ingestion and review produce. */
function randomChange(world: World, random: () => number, step: number): WorldChange {
  const int = (n: number) => Math.floor(random() * n);
  const asset = () => world.assets[int(world.assets.length)].id;
  const kind = step % 5;
  if (kind === 0) return { kind: "putEdge", edge: { from: asset(), to: asset(), transforms: random() < 0.2 ? ["aggregate"] : [] } };
  if (kind === 1) {
    const edge = world.edges[int(world.edges.length)];
    return { kind: "removeEdge", from: edge.from, to: edge.to };
  }
  if (kind === 2) {
    const edge = world.edges[int(world.edges.length)];
    return { kind: "putEdge", edge: { ...edge, transforms: edge.transforms.length > 0 ? [] : ["pseudonymize"] } };
  }
  if (kind === 3) {
    const path = world.sanctionedPaths[int(world.sanctionedPaths.length)];
    return { kind: "putSanctionedPath", path: { ...path, status: path.status === "approved" ? "revoked" : "approved", reviewer: "reviewer" } };
  }
  const target = world.assets[int(world.assets.length)];
  const donor = world.assets.find((a) => a.labels.length > 0)!;
  return { kind: "putAsset", asset: { ...target, labels: target.labels.length > 0 ? [] : donor.labels } };
}

async function benchSize(name: string, options: Parameters<typeof generateWorld>[0]) {
  const world = generateWorld(options);
  global.gc?.();
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const evaluation = evaluate(world, { at: AT });
  const violationCount = evaluation.violationCount;
  const fullMs = performance.now() - started;
  const fullCpu = process.cpuUsage(cpuStarted);
  const rssAfterFull = rssMiB();

  // Every violation with its explanation and path, as storing a run needs them.
  const explainStarted = performance.now();
  const explained = evaluation.explainAll();
  const explainAllMs = performance.now() - explainStarted;
  const rssAfterExplain = rssMiB();
  const byKind: Record<string, number> = {};
  let categories = 0;
  let explanationChars = 0;
  let pathLength = 0;
  for (const v of explained) {
    byKind[v.kind] = (byKind[v.kind] ?? 0) + 1;
    categories += v.categories.length;
    explanationChars += v.explanation.length;
    pathLength += v.path.length;
  }
  let crossingEdges = 0;
  const zoneOf = new Map(world.assets.map((a) => [a.id, a.zone]));
  for (const edge of world.edges) {
    const from = zoneOf.get(edge.from);
    if (from !== null && zoneOf.get(edge.to) !== from) crossingEdges++;
  }
  // The same through `evaluation.violations` (lazy reads switch to the bulk pass), as run-evaluation.ts reads them.
  const readStarted = performance.now();
  let readChars = 0;
  for (const v of evaluate(world, { at: AT }).violations) readChars += v.explanation.length + v.path.length;
  const evaluateAndReadAllMs = performance.now() - readStarted;
  if (readChars !== explanationChars + pathLength) throw new Error("violations and explainAll() disagree");

  const buildStarted = performance.now();
  const incremental = new IncrementalEvaluator(world, { at: AT });
  const buildMs = performance.now() - buildStarted;
  const random = prng(options.seed + 1);
  const times: number[] = [];
  for (let step = 0; step < 100; step++) {
    const change = randomChange(world, random, step);
    const t = performance.now();
    try {
      incremental.apply(change);
    } catch (error) {
      // A random putEdge may repeat an existing pair with the same transforms or
      // an asset's name clash; neither is what we measure.
      if (!(error instanceof Error)) throw error;
    }
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 0.5);
  const n = Math.max(1, explained.length);
  return {
    name,
    assets: world.assets.length,
    edges: world.edges.length,
    crossingEdges,
    zones: world.zones.length,
    categories: options.categories,
    sanctionedPaths: world.sanctionedPaths.length,
    violations: violationCount,
    violationsByKind: byKind,
    avgCategoriesPerViolation: Math.round((categories / n) * 10) / 10,
    avgExplanationChars: Math.round(explanationChars / n),
    avgPathLength: Math.round((pathLength / n) * 10) / 10,
    fullEvaluationMs: round(fullMs),
    fullEvaluationCpuMs: round((fullCpu.user + fullCpu.system) / 1000),
    peakRssMiB: rssAfterFull,
    explainAllMs: round(explainAllMs),
    peakRssAfterExplainAllMiB: rssAfterExplain,
    evaluateAndReadAllViolationsMs: round(evaluateAndReadAllMs),
    incrementalSetupMs: round(buildMs),
    incrementalMedianMs: round(median),
    incrementalP95Ms: round(percentile(times, 0.95)),
    incrementalMaxMs: round(times[times.length - 1]),
    fullOverIncrementalMedian: Math.round(fullMs / Math.max(median, 1e-3)),
    peakRssAfterIncrementalMiB: rssMiB(),
  };
}

export async function benchEngine(): Promise<Record<string, unknown>> {
  const common = { zones: 50, categories: 200, paths: 500, seed: 42 };
  const small = await benchSize("10k assets / 50k edges", { assets: 10_000, edges: 50_000, ...common });
  const large = await benchSize("100k assets / 1M edges", { assets: 100_000, edges: 1_000_000, ...common });
  return { engine: [small, large] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await benchEngine();
  console.log(JSON.stringify(result, null, 2));
}
