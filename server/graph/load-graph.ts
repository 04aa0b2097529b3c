// The graph of the current world state: laid out (through the Postgres layout
// cache) once per world version, and kept in the process so that the page and
// every viewport request reuse it. Layout never runs in the browser and never
// once per request.
import ELK from "elkjs/lib/elk.bundled.js";
import type { Evaluation } from "@/lib/engine/evaluate";
import { layoutGraph, type ElkLike, type LayoutStats } from "@/lib/graph/layout";
import type { GraphLayout, GraphSource } from "@/lib/graph/types";
import { indexGraph, type GraphIndex } from "@/lib/graph/view";
import type { World } from "@/lib/world/schema";
import { currentWorldState, type WorldState } from "../world/world-state";
import { toGraphSource } from "@/lib/graph/graph-source";
import { prismaLayoutCache } from "./layout-cache";

export interface LoadedGraph {
  version: string;
  world: World;
  evaluation: Evaluation;
  source: GraphSource;
  index: GraphIndex;
  layout: GraphLayout;
  layoutStats: LayoutStats;
  loadedAt: number;
}

const memo = globalThis as unknown as {
  zonelineGraph?: { key: string; loaded: Promise<LoadedGraph> };
  zonelineElk?: ElkLike;
};

export function graphElk(): ElkLike {
  memo.zonelineElk ??= new ELK() as unknown as ElkLike;
  return memo.zonelineElk;
}

async function build(state: WorldState): Promise<LoadedGraph> {
  const world = state.world();
  const evaluation = state.evaluation;
  const source = toGraphSource(world, evaluation);
  const { layout, stats } = await layoutGraph(source, { cache: prismaLayoutCache(), elk: graphElk(), emptyZones: true });
  return { version: state.key, world, evaluation, source, index: indexGraph(source), layout, layoutStats: stats, loadedAt: Date.now() };
}

/** The graph of the current world state: built once per state (version, instant) and shared by every request. */
export async function loadGraph(): Promise<LoadedGraph> {
  const state = await currentWorldState();
  const current = memo.zonelineGraph;
  if (current && current.key === state.key) return current.loaded;
  const entry = { key: state.key, loaded: build(state) };
  memo.zonelineGraph = entry;
  entry.loaded.catch(() => {
    if (memo.zonelineGraph === entry) memo.zonelineGraph = undefined;
  });
  return entry.loaded;
}
