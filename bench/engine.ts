// Engine benchmark: full evaluation, explaining every violation, and
// incremental re-evaluation on generated worlds. Peak RSS is the process's
// maximum so far (it includes the generated world itself). Then `zoneline
// check` on dense worlds of 10k, 100k and 1M violations, run as a user runs it:
// the real CLI in a child process, its answer written to /dev/null, its phases
// and peak RSS recorded by bench/cli-stats.ts.
// Run directly with `node --import tsx bench/engine.ts [evaluate] [check]`, or
// through bench/run.ts via benchEngine().
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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

/**
 * A world file as a pipeline would hand it to `zoneline check`, written a few
 * thousand edges at a time: a million edges are more JSON than one string holds.
 */
function writeWorldFile(world: World, file: string): number {
  const fd = fs.openSync(file, "w");
  try {
    const { edges, ...rest } = world;
    fs.writeSync(fd, `${JSON.stringify(rest).slice(0, -1)},"edges":[`);
    for (let begin = 0; begin < edges.length; begin += 10_000) {
      fs.writeSync(fd, (begin > 0 ? "," : "") + edges.slice(begin, begin + 10_000).map((edge) => JSON.stringify(edge)).join(","));
    }
    fs.writeSync(fd, "]}\n");
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}

type CliStats = { code: number; phases: Record<string, { ms: number; cpuMs: number }>; peakRssKiB: number; cpuMs: number };

const root = path.resolve(import.meta.dirname, "..");

/** `zoneline check FILE --format F > /dev/null` in a child process: its exit code, phases, CPU time and peak RSS. */
function runCheck(file: string, format: string): CliStats & { wallMs: number } {
  const statsFile = path.join(os.tmpdir(), `zoneline-check-stats-${process.pid}.json`);
  const devNull = fs.openSync("/dev/null", "w");
  const started = performance.now();
  const child = spawnSync(process.execPath, ["--import", "tsx", "--import", "./bench/cli-stats.ts", "cli/main.ts", "check", file, "--at", AT.toISOString(), "--format", format], {
    cwd: root,
    env: { ...process.env, ZONELINE_STATS_FILE: statsFile },
    stdio: ["ignore", devNull, "pipe"],
    encoding: "utf8",
  });
  const wallMs = performance.now() - started;
  fs.closeSync(devNull);
  // Exit 1 is the expected answer (violations found); anything else is a failed run.
  if (child.status !== 1) throw new Error(`zoneline check ${format} exited ${child.status}: ${child.stderr}`);
  const stats = JSON.parse(fs.readFileSync(statsFile, "utf8")) as CliStats;
  fs.rmSync(statsFile);
  return { ...stats, wallMs };
}

function prepareWorldFile(options: Parameters<typeof generateWorld>[0], file: string) {
  const world = generateWorld(options);
  const bytes = writeWorldFile(world, file);
  const violations = evaluate(world, { at: AT }).violationCount;
  return { assets: world.assets.length, edges: world.edges.length, violations, worldFileMiB: Math.round(bytes / 2 ** 20) };
}

/** One row per (world, format): the figures the issue asks for, in seconds and MiB. */
async function benchCheckSize(name: string, options: Parameters<typeof generateWorld>[0], formats: string[]) {
  const file = path.join(os.tmpdir(), `zoneline-dense-${process.pid}-${options.assets}.world.json`);
  const counts = { world: name, ...prepareWorldFile(options, file) };
  const violations = counts.violations;
  global.gc?.(); // the world is gone from this process: the child has the machine's memory to itself
  const rows = [];
  try {
    for (const format of formats) {
      const stats = runCheck(file, format);
      const seconds = (phase: string) => Math.round((stats.phases[phase]?.ms ?? 0) / 10) / 100;
      const cpuSeconds = (phase: string) => Math.round((stats.phases[phase]?.cpuMs ?? 0) / 10) / 100;
      rows.push({
        ...counts,
        format,
        wallS: Math.round(stats.wallMs / 10) / 100,
        cpuS: Math.round(stats.cpuMs / 10) / 100,
        peakRssMiB: Math.round(stats.peakRssKiB / 1024),
        // `parse` includes reading the file; wall time, then CPU time (the machine may be shared).
        parseS: seconds("read") + seconds("parse"),
        evaluateS: seconds("evaluate"),
        explainS: seconds("explain"),
        writeS: seconds("write"),
        cpu: { parseS: cpuSeconds("read") + cpuSeconds("parse"), evaluateS: cpuSeconds("evaluate"), explainS: cpuSeconds("explain"), writeS: cpuSeconds("write") },
        microsecondsPerViolation: Math.round((stats.wallMs * 1000) / Math.max(1, violations)),
      });
      console.error(`check ${name} ${format}: ${JSON.stringify(rows[rows.length - 1])}`);
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
  return rows;
}

/** Dense worlds (bench/generate-world.ts): ten edges per asset, nearly every one an unsanctioned crossing. */
export async function benchCheck(): Promise<Record<string, unknown>[]> {
  const dense = { zones: 50, categories: 200, paths: 0, seed: 42, dense: true };
  return [
    ...(await benchCheckSize("1k assets / 10k edges", { assets: 1_000, edges: 10_000, ...dense }, ["json"])),
    ...(await benchCheckSize("10k assets / 100k edges", { assets: 10_000, edges: 100_000, ...dense }, ["json"])),
    ...(await benchCheckSize("100k assets / 1M edges", { assets: 100_000, edges: 1_000_000, ...dense }, ["json", "ndjson", "text"])),
  ];
}

export async function benchEngine(parts: string[] = ["evaluate", "check"]): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  if (parts.includes("evaluate")) {
    const common = { zones: 50, categories: 200, paths: 500, seed: 42 };
    const small = await benchSize("10k assets / 50k edges", { assets: 10_000, edges: 50_000, ...common });
    const large = await benchSize("100k assets / 1M edges", { assets: 100_000, edges: 1_000_000, ...common });
    result.engine = [small, large];
  }
  if (parts.includes("check")) result.check = await benchCheck();
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const parts = process.argv.slice(2);
  const result = await benchEngine(parts.length > 0 ? parts : undefined);
  console.log(JSON.stringify(result, null, 2));
}
