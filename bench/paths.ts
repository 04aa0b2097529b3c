// Sanctioned-path decisions on the 100k-asset / 1M-edge world: a decision's dry
// run (what approving or revoking would resolve and open, with explanations,
// tried on the cached incremental state and undone) and its re-evaluation (the
// cached state replaying the decided path, as every app process does when the
// world version moves), each against a full evaluation of the same world in
// this run. Target: under 200 ms each, so a reviewer never waits.
// Run with `npm run bench -- paths` or `node --expose-gc --import tsx bench/paths.ts`.
import { pathToFileURL } from "node:url";
import { dryRun } from "../lib/engine/dry-run.ts";
import { evaluate } from "../lib/engine/evaluate.ts";
import { IncrementalEvaluator, type TrialChange } from "../lib/engine/incremental.ts";
import type { SanctionedPath } from "../lib/world/schema.ts";
import { generateWorld, prng } from "./generate-world.ts";

const AT = new Date("2026-01-01T00:00:00.000Z");
const round = (ms: number) => Math.round(ms * 100) / 100;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

function stats(times: number[], fullMs: number) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  return { n: times.length, medianMs: round(median), p95Ms: round(percentile(sorted, 0.95)), maxMs: round(sorted[sorted.length - 1]), fullOverMedian: Math.round(fullMs / Math.max(median, 1e-3)), underTarget200Ms: percentile(sorted, 0.95) < 200 };
}

export async function benchPaths(): Promise<Record<string, unknown>> {
  const options = { assets: 100_000, edges: 1_000_000, zones: 50, categories: 200, paths: 500, seed: 42 };
  const world = generateWorld(options);
  global.gc?.();
  const fullStarted = performance.now();
  const full = evaluate(world, { at: AT });
  const violations = full.violationCount;
  const fullMs = performance.now() - fullStarted;

  const evaluator = new IncrementalEvaluator(world, { at: AT });
  const random = prng(options.seed + 7);
  const int = (n: number) => Math.floor(random() * n);

  // Half the decisions are on the world's own paths (approve what is not approved, revoke what is);
  // half are new requests made from a red crossing, for the categories flowing along it.
  const red = evaluator.evaluation.violations.filter((v) => v.kind === "unsanctioned_crossing");
  const zoneOf = new Map(world.assets.map((a) => [a.id, a.zone]));
  const decisions: SanctionedPath[] = [];
  for (let i = 0; i < 40; i++) {
    if (i % 2 === 0) {
      const path = world.sanctionedPaths[int(world.sanctionedPaths.length)];
      decisions.push({ ...path, status: path.status === "approved" ? "revoked" : "approved", reviewer: "reviewer@example.com", requester: "engineer@example.com" });
    } else {
      const crossing = red[int(red.length)];
      const edge = crossing.edge!;
      decisions.push({
        id: `bench-request-${i}`,
        from: zoneOf.get(edge.from)!,
        to: zoneOf.get(edge.to) ?? null,
        categories: evaluator.evaluation.flowingCategories(edge.from, edge.to),
        purpose: null,
        justification: "bench",
        requester: "engineer@example.com",
        reviewer: "reviewer@example.com",
        status: "approved",
        expiresAt: null,
        requestedAt: null,
        reviewedAt: null,
        reviewNote: null,
      });
    }
  }

  // The first dry run in a process compiles the provenance search (JIT): reported apart, as a server's first decision after start.
  const coldStarted = performance.now();
  dryRun(evaluator, { kind: "putSanctionedPath", path: decisions[0] });
  const coldDryRunMs = performance.now() - coldStarted;
  for (const path of decisions.slice(1, 4)) dryRun(evaluator, { kind: "putSanctionedPath", path });

  const dryTimes: number[] = [];
  const applyTimes: number[] = [];
  let resolved = 0;
  let opened = 0;
  for (const path of decisions) {
    const change: TrialChange = { kind: "putSanctionedPath", path };
    const t0 = performance.now();
    const dry = dryRun(evaluator, change);
    dryTimes.push(performance.now() - t0);
    resolved += dry.resolves.length;
    opened += dry.opens.length;
    // the decision commits: the cached state replays it (then it is undone, untimed, so each decision starts from the same world)
    const before = world.sanctionedPaths.find((p) => p.id === path.id);
    const t1 = performance.now();
    evaluator.apply(change);
    applyTimes.push(performance.now() - t1);
    evaluator.apply(before ? { kind: "putSanctionedPath", path: before } : { kind: "removeSanctionedPath", id: path.id });
  }
  const result = {
    world: "100k assets / 1M edges",
    assets: world.assets.length,
    edges: world.edges.length,
    violations,
    fullEvaluationMs: round(fullMs),
    coldFirstDryRunMs: round(coldDryRunMs),
    dryRun: stats(dryTimes, fullMs),
    reEvaluation: stats(applyTimes, fullMs),
    avgResolvedPerDecision: Math.round((resolved / decisions.length) * 10) / 10,
    avgOpenedPerDecision: Math.round((opened / decisions.length) * 10) / 10,
  };
  console.log(JSON.stringify(result, null, 2));
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchPaths();
