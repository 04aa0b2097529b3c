// The zone-level graph: every zone (and, for unzoned assets, one pseudo-zone
// per namespace) as one group, and the lineage edges between two different
// groups aggregated into one flow per ordered pair. The zone map (overview)
// and the zone matrix draw the same numbers from here, so a reviewer never
// sees two counts for one flow. Pure: no React, Next or Prisma.
//
// Filters mean what they mean on the graph (view.ts's visibleSubgraph): an
// edge counts when both its ends pass the category filter, and with
// "violations only" when its verdict is a violation — so the flow between two
// zones carries exactly the edges the detail view draws between them.
import { covers } from "../taxonomy/keys.ts";
import { STATUS_ORDER, edgeStatus, worstStatus, type EdgeStatus, type GraphAsset, type GraphEdge, type GraphSource } from "./types.ts";

/** A real zone's id, or a pseudo-zone for unzoned assets of one namespace. */
export const unzonedGroupId = (namespace: string) => `unzoned:${namespace}`;
export const UNZONED_PREFIX = "unzoned:";
/** With `unzoned: "merged"`, every unzoned asset in one pseudo-zone (for worlds with hundreds of namespaces). */
export const ALL_UNZONED = "unzoned:*";
export const ALL_UNZONED_NAME = "Unzoned (all namespaces)";
/**
 * Beyond this many namespaces of unzoned assets, all unzoned assets are one pseudo-zone, ALL_UNZONED: on the
 * zone map (its layout and every view of it) and, unless the reviewer asks otherwise, in the zone matrix.
 * Four hundred dashed boxes, or a 400 × 400 grid, help nobody (and the map's boxes cost the browser).
 */
export const MAX_UNZONED_GROUPS = 40;
/** Pseudo-zones are drawn in a neutral slate, apart from every zone's own colour. */
export const UNZONED_COLOR = "#64748b";

export function zoneGroupOf(asset: Pick<GraphAsset, "zone" | "namespace">, unzoned: "namespace" | "merged" = "namespace"): string {
  return asset.zone ?? (unzoned === "merged" ? ALL_UNZONED : unzonedGroupId(asset.namespace));
}

const groupingMemo = new WeakMap<object, "namespace" | "merged">();
/**
 * How a world's unzoned assets are grouped by default (the one rule the map and the matrix follow): by
 * namespace, or all in one pseudo-zone when they span more than MAX_UNZONED_GROUPS namespaces. Decided on
 * the whole world, not on a filter, so that the map's boxes never move when a filter changes.
 */
export function unzonedGrouping(source: Pick<GraphSource, "zones" | "assets">): "namespace" | "merged" {
  let mode = groupingMemo.get(source);
  if (!mode) {
    const zones = new Set(source.zones.map((z) => z.id));
    const namespaces = new Set<string>();
    for (const a of source.assets) if (!a.zone || !zones.has(a.zone)) namespaces.add(a.namespace);
    mode = namespaces.size > MAX_UNZONED_GROUPS ? "merged" : "namespace";
    groupingMemo.set(source, mode);
  }
  return mode;
}

/** The namespace of a pseudo-zone id, or null for a real zone's id. */
export function unzonedNamespace(groupId: string): string | null {
  return groupId.startsWith(UNZONED_PREFIX) ? groupId.slice(UNZONED_PREFIX.length) : null;
}

export interface ZoneGroup {
  id: string;
  name: string;
  color: string;
  pseudo: boolean;
  mode?: "enforcing" | "logging";
  /** Its assets that pass the filter. */
  assets: number;
  /** Open violations of its assets (under the filter): the sum of their counts, as the zone boxes show it. */
  violations: number;
}

export interface ZoneFlow {
  /** `${from}->${to}` */
  id: string;
  from: string;
  to: string;
  edges: number;
  /** By the engine's verdict: violation + sanctioned + permitted = edges. */
  violation: number;
  /** Edges not yet reviewed, whatever their verdict (so it overlaps the three above). */
  unreviewed: number;
  sanctioned: number;
  permitted: number;
  /** Worst status of its edges (STATUS_ORDER: an unreviewed edge is worse than a sanctioned one). */
  worst: EdgeStatus;
  /** Categories the flow carries, most edges first (ties by key). */
  categories: { category: string; edges: number }[];
  /** Sanctioned paths covering its edges, sorted. */
  paths: string[];
}

export interface ZoneFlowFilter {
  violationsOnly?: boolean;
  /** As the view state's category filter matches: an asset passes when one of these keys covers one of its categories. */
  categories?: string[];
  /** Unzoned assets grouped by namespace (default), or all in one pseudo-zone, ALL_UNZONED. */
  unzoned?: "namespace" | "merged";
}

export interface ZoneFlowGraph {
  /** Real zones first (in the source's order, each listed even when empty), then pseudo-zones by namespace. */
  groups: ZoneGroup[];
  /** Only between different groups, one per ordered pair, sorted by the groups' order (from, then to). */
  flows: ZoneFlow[];
}

export const flowId = (from: string, to: string) => `${from}->${to}`;

interface FlowAccumulator extends ZoneFlow {
  categoryCounts: Map<string, number>;
  pathSet: Set<string>;
}

/** What the filter keeps: the passing assets (with their categories) and each asset's group. */
interface FilteredAssets {
  groupOf: Map<string, string>;
  /** Passing assets → their effective categories. */
  passing: Map<string, string[]>;
  violationsOnly: boolean;
}

function filterAssets(source: GraphSource, filter: ZoneFlowFilter): FilteredAssets {
  const categoryKeys = filter.categories ?? [];
  const violationsOnly = filter.violationsOnly ?? false;
  const merged = filter.unzoned === "merged";
  // view.ts: with "violations only", assets with a violation or at an end of a violating edge.
  let violationAssets: Set<string> | null = null;
  if (violationsOnly) {
    violationAssets = new Set();
    for (const a of source.assets) if (a.violations > 0) violationAssets.add(a.id);
    for (const e of source.edges) if (e.verdict === "violation") violationAssets.add(e.from).add(e.to);
  }
  const groupOf = new Map<string, string>();
  const passing = new Map<string, string[]>();
  for (const a of source.assets) {
    groupOf.set(a.id, zoneGroupOf(a, merged ? "merged" : "namespace"));
    if (categoryKeys.length && !a.categories.some((c) => categoryKeys.some((k) => covers(k, c)))) continue;
    if (violationAssets && !violationAssets.has(a.id)) continue;
    passing.set(a.id, a.categories);
  }
  return { groupOf, passing, violationsOnly };
}

/** The edge's ends' groups when it counts in a flow under the filter (two different groups), else null. */
function flowEnds(e: GraphEdge, f: FilteredAssets): [string, string] | null {
  if (!f.passing.has(e.from) || !f.passing.has(e.to)) return null;
  if (f.violationsOnly && e.verdict !== "violation") return null;
  const from = f.groupOf.get(e.from)!;
  const to = f.groupOf.get(e.to)!;
  return from === to ? null : [from, to];
}

/**
 * The lineage edges a flow aggregates, in the source's order: `from` and/or `to` (group ids)
 * pick the flow, or every flow leaving or entering a group when only one is given.
 */
export function edgesOfFlow(source: GraphSource, pair: { from?: string; to?: string }, filter: ZoneFlowFilter = {}): GraphEdge[] {
  const f = filterAssets(source, filter);
  return source.edges.filter((e) => {
    const ends = flowEnds(e, f);
    return ends !== null && (pair.from === undefined || ends[0] === pair.from) && (pair.to === undefined || ends[1] === pair.to);
  });
}

export function zoneFlowGraph(source: GraphSource, filter: ZoneFlowFilter = {}): ZoneFlowGraph {
  const filtered = filterAssets(source, filter);
  const { passing } = filtered;
  const groups = new Map<string, ZoneGroup>();
  for (const z of source.zones) {
    groups.set(z.id, { id: z.id, name: z.name, color: z.color, pseudo: false, ...(z.mode ? { mode: z.mode } : {}), assets: 0, violations: 0 });
  }
  const pseudo: ZoneGroup[] = [];
  for (const a of source.assets) {
    const keep = passing.has(a.id);
    const id = filtered.groupOf.get(a.id)!;
    let group = groups.get(id);
    if (!group) {
      // An unzoned namespace (listed only when it has assets), or an asset naming a zone the source does not list.
      if (!keep) continue;
      const namespace = unzonedNamespace(id);
      const name = id === ALL_UNZONED ? ALL_UNZONED_NAME : namespace !== null ? `${namespace} (unzoned)` : id;
      group = { id, name, color: UNZONED_COLOR, pseudo: namespace !== null, assets: 0, violations: 0 };
      groups.set(id, group);
      pseudo.push(group);
    }
    if (!keep) continue;
    group.assets++;
    group.violations += a.violations;
  }

  const flows = new Map<string, FlowAccumulator>();
  for (const e of source.edges) {
    const ends = flowEnds(e, filtered);
    if (!ends) continue;
    const [from, to] = ends;
    const id = flowId(from, to);
    let flow = flows.get(id);
    if (!flow) {
      flow = {
        id,
        from,
        to,
        edges: 0,
        violation: 0,
        unreviewed: 0,
        sanctioned: 0,
        permitted: 0,
        worst: STATUS_ORDER[STATUS_ORDER.length - 1],
        categories: [],
        paths: [],
        categoryCounts: new Map(),
        pathSet: new Set(),
      };
      flows.set(id, flow);
    }
    flow.edges++;
    flow[e.verdict]++;
    if (e.unreviewed) flow.unreviewed++;
    flow.worst = worstStatus(flow.worst, edgeStatus(e));
    // What crosses the edge (graph-source.ts sets it on edges between groups); without it, what its source holds.
    for (const c of e.categories ?? passing.get(e.from)!) flow.categoryCounts.set(c, (flow.categoryCounts.get(c) ?? 0) + 1);
    for (const p of e.paths) flow.pathSet.add(p);
  }

  const order = new Map<string, number>();
  const orderedGroups = [...source.zones.map((z) => groups.get(z.id)!), ...pseudo.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))];
  orderedGroups.forEach((g, i) => order.set(g.id, i));
  const list: ZoneFlow[] = [...flows.values()]
    .sort((a, b) => order.get(a.from)! - order.get(b.from)! || order.get(a.to)! - order.get(b.to)!)
    .map(({ categoryCounts, pathSet, ...flow }) => ({
      ...flow,
      categories: [...categoryCounts]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([category, edges]) => ({ category, edges })),
      paths: [...pathSet].sort(),
    }));
  return { groups: orderedGroups, flows: list };
}

/** A group as the list of a flow's edges names it. */
export interface FlowGroupInfo {
  id: string;
  name: string;
  color: string;
  pseudo: boolean;
}

export interface FlowEdgeRow {
  from: { id: string; name: string; namespace: string };
  to: { id: string; name: string; namespace: string };
  status: EdgeStatus;
  verdict: "permitted" | "sanctioned" | "violation";
  unreviewed: boolean;
  paths: string[];
  categories: string[];
}
