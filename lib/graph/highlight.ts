// Which drawn nodes and edges a selection's offending paths run through. The
// server uses pathThroughEdge to mark highlighted assets in the view it builds;
// the graph screen maps the side panel's violations onto whatever is drawn at
// the moment (a collapsed zone, or any zone when zoomed out, stands for its assets).
import type { SelectionExplanation } from "./responses.ts";
import { edgeId } from "./types.ts";
import { zoneNodeId, type GraphView } from "./view.ts";

/** A violation's path, extended to end with its edge (a crossing's path leads up to the edge's source). */
export function pathThroughEdge(path: string[], from: string, to: string): string[] {
  const i = path.indexOf(from);
  if (i >= 0 && path[i + 1] === to) return path;
  return path.at(-1) === from ? [...path, to] : [...path, from, to];
}

export function highlightOnView(
  explanation: Pick<SelectionExplanation, "violations" | "zoneOf"> | null,
  view: Pick<GraphView, "assets" | "zones" | "lod">,
): { assets: Set<string>; edges: Set<string> } {
  const assets = new Set<string>();
  const edges = new Set<string>();
  if (!explanation) return { assets, edges };
  const drawnAssets = new Set(view.assets.map((a) => a.id));
  const zoneNode = new Set(view.zones.filter((z) => z.collapsed || view.lod === "overview").map((z) => z.id));
  const at = (id: string) => {
    if (drawnAssets.has(id)) return id;
    const zone = explanation.zoneOf[id];
    return zone && zoneNode.has(zone) ? zoneNodeId(zone) : id;
  };
  for (const v of explanation.violations) {
    const path = v.edge ? pathThroughEdge(v.path, v.edge.from, v.edge.to) : v.path;
    for (let i = 0; i < path.length; i++) {
      assets.add(at(path[i]));
      if (i > 0 && at(path[i - 1]) !== at(path[i])) edges.add(edgeId(at(path[i - 1]), at(path[i])));
    }
  }
  return { assets, edges };
}
