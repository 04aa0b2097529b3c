// What the request form offers (zones, category and purpose keys) and, when it
// is opened from a graph edge, what it starts with: the edge's zones and the
// categories flowing along it.
import { escapeId } from "@/lib/graph/view-state";
import type { PathRequestFields } from "@/lib/paths/request";
import { compareCodePoints } from "@/lib/taxonomy";
import { currentWorldState } from "../world/world-state";

export async function requestFormOptions(edge: { from: string; to: string } | null) {
  const state = await currentWorldState();
  const world = state.world();
  const policy = state.evaluation.state.policy;
  const zones = world.zones.map((z) => ({ id: z.id, name: z.name, color: z.color })).sort((a, b) => compareCodePoints(a.name, b.name));
  const initial: PathRequestFields = { from: "", to: "", categories: [], purpose: "", justification: "", expiresAt: "", edge: "" };
  let edgeLabel: string | null = null;
  if (edge && state.evaluation.hasAsset(edge.from) && state.evaluation.hasAsset(edge.to)) {
    const zoneOf = (id: string) => world.assets.find((a) => a.id === id)?.zone ?? null;
    const purposeOf = (id: string) => world.assets.find((a) => a.id === id)?.purpose ?? null;
    try {
      initial.categories = state.evaluation.flowingCategories(edge.from, edge.to);
      initial.from = zoneOf(edge.from) ?? "";
      initial.to = zoneOf(edge.to) ?? "";
      initial.purpose = purposeOf(edge.to) ?? "";
      initial.edge = `${escapeId(edge.from)}>${escapeId(edge.to)}`;
      edgeLabel = `${edge.from} → ${edge.to}`;
    } catch {
      edgeLabel = null; // the edge is gone: an empty form
    }
  }
  return { zones, categories: [...policy.categoryKeys].sort(compareCodePoints), purposes: [...policy.purposeKeys].sort(compareCodePoints), initial, edgeLabel };
}
