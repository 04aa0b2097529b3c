// The graph of the current world: loaded, evaluated, laid out (through the
// Postgres layout cache) once per version of the database, and kept in the
// process so that the page and every viewport request reuse it. Layout never
// runs in the browser and never once per request.
import ELK from "elkjs/lib/elk.bundled.js";
import { evaluate, type Evaluation } from "@/lib/engine/evaluate";
import { layoutGraph, type ElkLike, type LayoutStats } from "@/lib/graph/layout";
import type { GraphLayout, GraphSource } from "@/lib/graph/types";
import { indexGraph, type GraphIndex } from "@/lib/graph/view";
import type { World } from "@/lib/world/schema";
import { prisma } from "../db";
import { loadWorld } from "../world/load-world";
import { toGraphSource } from "./graph-source";
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

// Evaluation depends on the instant (sanctioned paths expire), so a loaded graph is
// re-evaluated at least this often even when nothing in the database changed.
const MAX_AGE_MS = 60_000;

const memo = globalThis as unknown as {
  zonelineGraph?: { version: string; loaded: Promise<LoadedGraph> };
  zonelineElk?: ElkLike;
};

/** A cheap fingerprint of everything the graph depends on: one round trip. */
async function databaseVersion(): Promise<string> {
  const rows = await prisma().$queryRaw<Record<string, unknown>[]>`
    SELECT (SELECT max("sequence") FROM "AuditEntry") AS audit,
           (SELECT count(*) FROM "Asset") AS assets,
           (SELECT max("updatedAt") FROM "Asset") AS assets_at,
           (SELECT max("updatedAt") FROM "Zone") AS zones_at,
           (SELECT count(*) FROM "LineageEdge") AS edges,
           (SELECT max("lastSeen") FROM "LineageEdge") AS edges_seen,
           (SELECT count(*) FROM "LineageEdge" WHERE "reviewState" = 'unreviewed') AS unreviewed,
           (SELECT count(*) FROM "SanctionedPath") AS paths,
           (SELECT max("reviewedAt") FROM "SanctionedPath") AS paths_at`;
  return JSON.stringify(rows[0], (_, v) => (typeof v === "bigint" ? v.toString() : v));
}

export function graphElk(): ElkLike {
  memo.zonelineElk ??= new ELK() as unknown as ElkLike;
  return memo.zonelineElk;
}

async function build(version: string): Promise<LoadedGraph> {
  const world = await loadWorld();
  const evaluation = evaluate(world);
  const source = toGraphSource(world, evaluation);
  const { layout, stats } = await layoutGraph(source, { cache: prismaLayoutCache(), elk: graphElk() });
  return { version, world, evaluation, source, index: indexGraph(source), layout, layoutStats: stats, loadedAt: Date.now() };
}

export async function loadGraph(): Promise<LoadedGraph> {
  const version = await databaseVersion();
  const current = memo.zonelineGraph;
  if (current && current.version === version) {
    const loaded = await current.loaded.catch(() => null);
    if (loaded && Date.now() - loaded.loadedAt < MAX_AGE_MS) return loaded;
    if (!loaded) memo.zonelineGraph = undefined;
  }
  const entry = { version, loaded: build(version) };
  memo.zonelineGraph = entry;
  entry.loaded.catch(() => {
    if (memo.zonelineGraph === entry) memo.zonelineGraph = undefined;
  });
  return entry.loaded;
}
