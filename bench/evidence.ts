// `npm run bench -- evidence`: the record of processing and erasure impact on
// a generated 100k-asset / 1M-edge world (bench/generate-world.ts, the engine
// benchmark's shape). Baseline: a full evaluation of the same world in the
// same run, so the figures read as ratios on a loaded machine.
import { performance } from "node:perf_hooks";
import { evaluate } from "../lib/engine/evaluate.ts";
import { erasureImpact } from "../lib/engine/erasure-impact.ts";
import { csvDocument } from "../lib/evidence/csv.ts";
import { buildRopa, ropaEngineOf, ropaTable } from "../lib/evidence/ropa.ts";
import { generateWorld } from "./generate-world.ts";

const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;
// CPU time of this process (user + system): on a machine shared with other builds, wall time mostly measures them
const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 100) / 10;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

export async function benchEvidence(): Promise<Record<string, unknown>> {
  const world = generateWorld({ assets: 100_000, edges: 1_000_000, zones: 50, categories: 200, paths: 500, seed: 7 });
  let start = performance.now();
  let cpu = process.cpuUsage();
  const evaluation = evaluate(world);
  const evaluateMs = ms(start);
  const evaluateCpuMs = cpuMs(cpu);
  console.log(`full evaluation (baseline): ${evaluateMs} ms wall, ${evaluateCpuMs} ms CPU`);

  // erasure impact from 40 labelled sources spread over the world
  const labelled = world.assets.filter((asset) => asset.labels.length > 0);
  const sources = Array.from({ length: 40 }, (_, i) => labelled[Math.floor((i * labelled.length) / 40)].id);
  const times: number[] = [];
  let reached = 0;
  let states = 0;
  cpu = process.cpuUsage();
  for (const source of sources) {
    start = performance.now();
    const impact = erasureImpact(evaluation.state, source);
    times.push(performance.now() - start);
    reached += impact.reached.length;
    states += impact.statesVisited;
  }
  const erasure = {
    sources: sources.length,
    cpuMsPerSource: Math.round((cpuMs(cpu) / sources.length) * 10) / 10,
    medianMs: Math.round(percentile(times, 0.5) * 10) / 10,
    p95Ms: Math.round(percentile(times, 0.95) * 10) / 10,
    maxMs: Math.round(Math.max(...times) * 10) / 10,
    avgAssetsReached: Math.round(reached / sources.length),
    avgStatesVisited: Math.round(states / sources.length),
  };
  console.log(`erasure impact: ${erasure.cpuMsPerSource} ms CPU per source; wall median ${erasure.medianMs} ms, p95 ${erasure.p95Ms} ms, max ${erasure.maxMs} ms; ${erasure.avgAssetsReached} assets reached on average (${erasure.avgStatesVisited} label states)`);

  start = performance.now();
  cpu = process.cpuUsage();
  const record = buildRopa({ world, engine: ropaEngineOf(evaluation), controller: { organisationName: "Bench", controllerName: "Bench", controllerContact: "", dpoContact: "" }, zones: [], at: new Date() });
  const ropaMs = ms(start);
  const ropaCpuMs = cpuMs(cpu);
  start = performance.now();
  const { header, rows } = ropaTable(record);
  const csv = csvDocument(header, rows);
  const csvMs = ms(start);
  const transfers = record.activities.reduce((sum, activity) => sum + activity.transfers.length, 0);
  console.log(`record of processing: ${ropaCpuMs} ms CPU (${ropaMs} ms wall) to build (${record.activities.length} activities, ${transfers} transfers), ${csvMs} ms to write ${Math.round(csv.length / 1024)} KiB of CSV`);
  return { evaluateMs, evaluateCpuMs, erasure, ropa: { buildMs: ropaMs, buildCpuMs: ropaCpuMs, csvMs, activities: record.activities.length, transfers, csvKiB: Math.round(csv.length / 1024) } };
}
