import type { Evaluation } from "../engine/evaluate.ts";
import type { GraphEdge, GraphSource } from "./types.ts";
import { zoneGroupOf } from "./zone-flows.ts";
import type { World } from "../world/schema.ts";

/** The world and its evaluation, reduced to what the graph draws. */
export function toGraphSource(world: World, evaluation: Evaluation): GraphSource {
  const violations = new Map<string, number>();
  const bump = (id: string) => violations.set(id, (violations.get(id) ?? 0) + 1);
  for (const v of evaluation.violations) {
    if (v.asset) bump(v.asset);
    if (v.edge) {
      bump(v.edge.from);
      if (v.edge.to !== v.edge.from) bump(v.edge.to);
    }
  }
  const state = evaluation.state;
  const categoriesOf = (id: string): string[] => {
    const index = state.assetIndex.get(id);
    if (index === undefined) return [];
    return [...new Set(state.effectiveLabelIds(index).map((label) => state.policy.labelOf(label).category))].sort();
  };
  const groupOf = new Map(world.assets.map((a) => [a.id, zoneGroupOf(a)]));
  return {
    zones: world.zones.map((z) => ({ id: z.id, name: z.name, color: z.color, mode: z.mode })),
    assets: world.assets.map((a) => ({
      id: a.id,
      name: a.name,
      namespace: a.namespace,
      kind: a.kind,
      zone: a.zone,
      categories: categoriesOf(a.id),
      violations: violations.get(a.id) ?? 0,
    })),
    edges: world.edges.map((e) => {
      const verdict = evaluation.edgeVerdict(e.from, e.to);
      const edge: GraphEdge = {
        from: e.from,
        to: e.to,
        verdict,
        unreviewed: e.reviewState === "unreviewed",
        paths: verdict === "sanctioned" ? evaluation.sanctionedPathsFor(e.from, e.to) : [],
      };
      // Only edges between zone groups are broken down by category (zone flows): the rest need not pay for it.
      if (groupOf.get(e.from) !== groupOf.get(e.to)) edge.categories = evaluation.flowingCategories(e.from, e.to);
      return edge;
    }),
  };
}
