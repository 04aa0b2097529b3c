// The generated world of e2e/graph-scale.spec.ts (and of the 50-zone case of bench/graph.ts):
// 5,000 assets, 20,000 edges and 50 zones, the size the zone map is made for.
import { generateWorld } from "../bench/generate-world";
import { evaluate } from "../lib/engine/evaluate";
import { zoneFlowGraph, type ZoneFlow } from "../lib/graph/zone-flows";
import { toGraphSource } from "../lib/graph/graph-source";
import { E2E_PORT } from "./servers";

export const SCALE_WORLD_OPTIONS = { assets: 5_000, edges: 20_000, zones: 50, categories: 60, paths: 60, seed: 5 } as const;
export const scaleWorld = () => generateWorld({ ...SCALE_WORLD_OPTIONS });
// far from E2E_PORT like the other derived ports (+1000 empty world, +2000 OIDC)
export const SCALE_WORLD_PORT = Number(process.env.ZONELINE_E2E_SCALE_PORT ?? E2E_PORT + 3000);

/** The world as the graph sees it (the engine's verdicts), and its zone-level graph without filters. */
export function scaleWorldGraph() {
  const world = scaleWorld();
  const source = toGraphSource(world, evaluate(world));
  return { world, source, zoneMap: zoneFlowGraph(source) };
}

/**
 * The flow the specs check (the zone map's arrow, the matrix's cell): the busiest one with violations
 * and sanctioned edges between two real zones. On the map its arrow is
 * `[data-testid="zone-flow"][data-from=FROM][data-to=TO]` with data-edges / data-violation /
 * data-sanctioned / data-permitted / data-unreviewed.
 */
export function chosenScaleFlow(graph = scaleWorldGraph()): ZoneFlow {
  const real = new Set(graph.world.zones.map((z) => z.id));
  const candidates = graph.zoneMap.flows.filter((f) => real.has(f.from) && real.has(f.to) && f.violation > 0 && f.sanctioned > 0);
  return candidates.sort((a, b) => b.edges - a.edges || (a.id < b.id ? -1 : 1))[0];
}
