// The view model: from the whole graph, its layout and the view state, what
// the canvas should draw. Filters and focus choose the visible assets;
// collapsed zones become one node with aggregated edges (count, worst
// status); the level of detail decides between zone boxes with aggregated
// flows (zoomed out) and individual pre-sized assets inside a bounding box
// (zoomed in), so the browser never holds thousands of DOM nodes.
import {
  COLLAPSED_H,
  COLLAPSED_W,
  NODE_H,
  NODE_W,
  ZONE_HEADER,
  ZONE_PAD,
  edgeId,
  edgeStatus,
  worstStatus,
  type Box,
  type EdgeStatus,
  type GraphAsset,
  type GraphEdge,
  type GraphLayout,
  type GraphSource,
} from "./types.ts";
import { covers } from "../taxonomy/keys.ts";
import { ALL_UNZONED, unzonedGrouping, zoneFlowGraph, zoneGroupOf, type ZoneFlow, type ZoneGroup } from "./zone-flows.ts";
import type { GraphSearchResult } from "./responses.ts";
import { viewShapeKey, type ViewState } from "./view-state.ts";

/** Up to this many visible assets, everything is sent and drawn (all-visible detail stays smooth). */
export const SMALL_VIEW = 500;
/** Below this zoom, a large view draws zone boxes and aggregated flows only (names would be unreadable anyway). */
export const DETAIL_ZOOM = 0.45;

/**
 * The zoom below which a view switches to zone boxes and aggregated flows.
 * A complete small view holds every asset already and draws them cheaply, so
 * it keeps its assets (their shapes, badges and red edges) further out.
 */
export function detailZoomFor(visibleAssets: number, complete: boolean): number {
  if (!complete || visibleAssets > SMALL_VIEW) return DETAIL_ZOOM;
  return visibleAssets <= 150 ? 0.2 : 0.3;
}
/** Assets drawn as dots inside zone boxes in the overview up to this many in total. */
const OVERVIEW_DOTS_MAX = 25_000;

export type ViewAssetNode = {
  id: string;
  name: string;
  namespace: string;
  kind: string;
  zone: string | null;
  violations: number;
  x: number;
  y: number;
};

export type ViewZone = {
  /** A zone's id, or `unzoned:<namespace>` for a pseudo-zone (zone-flows.ts). */
  id: string;
  name: string;
  color: string;
  /** The unzoned assets of one namespace, drawn apart from the real zones. */
  pseudo: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Visible assets in the zone. */
  assets: number;
  violations: number;
  collapsed: boolean;
  /** Overview only: positions (relative to the box) of its visible assets, x,y pairs, and which have violations. */
  dots?: number[];
  violationDots?: number[];
};

export type ViewEdge = {
  id: string;
  source: string;
  target: string;
  status: EdgeStatus;
  /** Number of underlying lineage edges (1 unless aggregated). */
  count: number;
  /** Sanctioned paths that allow it (plain edges only). */
  paths: string[];
  aggregated: boolean;
  /** Plain edges inside a zone laid out by elkjs: its orthogonal route (absolute x,y pairs) to draw instead of a curve. */
  route?: number[];
  /** Between two zone boxes (the zone map, collapsed zones): the flow's breakdown, as zone-flows.ts counts it. */
  flow?: ViewFlow;
};

/** A zone-level flow as the map shows it: counts by verdict, the categories it carries, the paths that sanction it. */
export type ViewFlow = Pick<ZoneFlow, "from" | "to" | "edges" | "violation" | "unreviewed" | "sanctioned" | "permitted"> & {
  fromName: string;
  toName: string;
  /** The busiest categories (most edges first), and how many more there are. */
  categories: { category: string; edges: number }[];
  moreCategories: number;
  paths: string[];
  morePaths: number;
};

/**
 * Zoomed in on a region, an edge whose other end lies far outside it is not drawn across the screen:
 * a short stub leaves the asset towards the other end's group, one per asset, direction and group.
 */
export type ViewStub = {
  id: string;
  /** The drawn asset (or collapsed zone node) the stub starts from. */
  node: string;
  dir: "out" | "in";
  /** The group (zone or pseudo-zone) at the far end, and its name. */
  group: string;
  groupName: string;
  count: number;
  status: EdgeStatus;
  /** Anchor on the node's border (flow coordinates) and the unit vector towards the far ends. */
  x: number;
  y: number;
  dx: number;
  dy: number;
};

export interface GraphView {
  lod: "overview" | "detail";
  /** True when the view holds every visible asset (no bounding box applied). */
  complete: boolean;
  zones: ViewZone[];
  assets: ViewAssetNode[];
  edges: ViewEdge[];
  /** Detail of a region only: far edges as stubs. */
  stubs: ViewStub[];
  bounds: Box;
  totals: { assets: number; edges: number; visibleAssets: number; visibleEdges: number; omittedUnzoned: number };
  /** Where the focus set (or the filtered set) lies, to fit the viewport to it. */
  fitBox: Box | null;
  /** Assets and edges of the selection's offending paths, to highlight. */
  highlight: { assets: string[]; edges: string[] };
}

export const zoneNodeId = (zone: string) => `zone:${zone}`;

export interface GraphIndex {
  source: GraphSource;
  asset: Map<string, GraphAsset>;
  succ: Map<string, GraphEdge[]>;
  pred: Map<string, GraphEdge[]>;
}

export function indexGraph(source: GraphSource): GraphIndex {
  const asset = new Map(source.assets.map((a) => [a.id, a]));
  const succ = new Map<string, GraphEdge[]>();
  const pred = new Map<string, GraphEdge[]>();
  for (const edge of source.edges) {
    if (!asset.has(edge.from) || !asset.has(edge.to)) continue;
    (succ.get(edge.from) ?? succ.set(edge.from, []).get(edge.from)!).push(edge);
    (pred.get(edge.to) ?? pred.set(edge.to, []).get(edge.to)!).push(edge);
  }
  return { source, asset, succ, pred };
}

/** Upstream and downstream of `root` up to `depth` edges (null: unlimited), each direction on its own. */
export function focusSet(index: GraphIndex, root: string, depth: number | null): Set<string> {
  const out = new Set<string>();
  if (!index.asset.has(root)) return out;
  out.add(root);
  for (const dir of ["up", "down"] as const) {
    let frontier = [root];
    const seen = new Set([root]);
    for (let d = 0; frontier.length && (depth === null || d < depth); d++) {
      const next: string[] = [];
      for (const id of frontier) {
        const adj = dir === "down" ? index.succ.get(id) : index.pred.get(id);
        for (const edge of adj ?? []) {
          const other = dir === "down" ? edge.to : edge.from;
          if (seen.has(other)) continue;
          seen.add(other);
          out.add(other);
          next.push(other);
        }
      }
      frontier = next;
    }
  }
  return out;
}

/** Which assets and edges survive the filters and focus (before collapsing). */
export function visibleSubgraph(index: GraphIndex, state: ViewState): { assets: GraphAsset[]; edges: GraphEdge[] } {
  if (!state.focus && !state.zones.length && !state.categories.length && !state.violationsOnly) {
    return { assets: index.source.assets, edges: index.source.edges.filter((e) => index.asset.has(e.from) && index.asset.has(e.to)) };
  }
  const focus = state.focus ? focusSet(index, state.focus, state.depth) : null;
  const zoneFilter = state.zones.length ? new Set(state.zones) : null;
  let violationAssets: Set<string> | null = null;
  if (state.violationsOnly) {
    violationAssets = new Set();
    for (const a of index.source.assets) if (a.violations > 0) violationAssets.add(a.id);
    for (const e of index.source.edges) {
      if (e.verdict === "violation") {
        violationAssets.add(e.from);
        violationAssets.add(e.to);
      }
    }
  }
  const assets = index.source.assets.filter(
    (a) =>
      (!focus || focus.has(a.id)) &&
      (!zoneFilter || (a.zone !== null && zoneFilter.has(a.zone))) &&
      (!state.categories.length || a.categories.some((c) => state.categories.some((k) => covers(k, c)))) &&
      (!violationAssets || violationAssets.has(a.id)),
  );
  const keep = new Set(assets.map((a) => a.id));
  const edges = index.source.edges.filter(
    (e) => keep.has(e.from) && keep.has(e.to) && (!state.violationsOnly || e.verdict === "violation"),
  );
  return { assets, edges };
}

function unionBox(boxes: Iterable<Box>): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  return x0 === Infinity ? null : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

const boundsMemo = new WeakMap<GraphLayout, Box>();
function layoutBounds(layout: GraphLayout): Box {
  let b = boundsMemo.get(layout);
  if (!b) {
    let x1 = layout.bounds.w;
    let y1 = layout.bounds.h;
    for (const z of Object.values(layout.zones)) (x1 = Math.max(x1, z.x + z.w)), (y1 = Math.max(y1, z.y + z.h));
    for (const p of Object.values(layout.assets)) (x1 = Math.max(x1, p.x + NODE_W)), (y1 = Math.max(y1, p.y + NODE_H));
    b = { x: 0, y: 0, w: x1, h: y1 };
    boundsMemo.set(layout, b);
  }
  return b;
}

export interface BuildViewOptions {
  /** "auto": detail with everything for small views, the overview otherwise. */
  lod: "auto" | "overview" | "detail";
  /** Detail only: the region (flow coordinates) to fill; null = all. */
  bbox?: Box | null;
  /** Offending paths of the selection (from the engine's explanations). */
  highlightPaths?: string[][];
}

/** What depends only on the graph, its layout, the view's shape and the level of detail. */
interface PreparedView {
  lod: "overview" | "detail";
  visibleAssets: number;
  visibleEdges: number;
  zones: ViewZone[];
  zoneBox: Map<string, ViewZone>;
  endpointOf: Map<string, string>;
  edges: ViewEdge[];
  drawn: GraphAsset[];
  omittedUnzoned: number;
  fitBox: Box | null;
  grid?: SpatialGrid;
}

const CELL = 1024;
interface SpatialGrid {
  /** Drawn assets by grid cell. */
  assets: Map<string, number[]>;
  /** Edges (indices into PreparedView.edges) by the node they touch. */
  incident: Map<string, number[]>;
}

const preparedMemo = new WeakMap<GraphLayout, Map<string, PreparedView>>();

/**
 * The box an asset is drawn in: its zone's, or its pseudo-zone (zone-flows.ts's group ids): the layout
 * merged every unzoned asset into one when the world has too many namespaces (unzonedGrouping).
 */
function groupOf(a: GraphAsset, layout: GraphLayout): string {
  return a.zone && layout.zones[a.zone] ? a.zone : zoneGroupOf({ zone: null, namespace: a.namespace }, layout.zones[ALL_UNZONED] ? "merged" : "namespace");
}

/** At most this many categories and paths travel with each flow (the rest are counted). */
const FLOW_LIST_MAX = 8;

function viewFlow(flow: ZoneFlow, groups: Map<string, ZoneGroup>): ViewFlow {
  return {
    from: flow.from,
    to: flow.to,
    fromName: groups.get(flow.from)?.name ?? flow.from,
    toName: groups.get(flow.to)?.name ?? flow.to,
    edges: flow.edges,
    violation: flow.violation,
    unreviewed: flow.unreviewed,
    sanctioned: flow.sanctioned,
    permitted: flow.permitted,
    categories: flow.categories.slice(0, FLOW_LIST_MAX),
    moreCategories: Math.max(0, flow.categories.length - FLOW_LIST_MAX),
    paths: flow.paths.slice(0, FLOW_LIST_MAX),
    morePaths: Math.max(0, flow.paths.length - FLOW_LIST_MAX),
  };
}

/**
 * A straight arrow between two boxes, from border to border along the line joining their centres;
 * the two directions of a pair are drawn side by side (each shifted to its own left).
 */
export function flowRoute(a: Box, b: Box): number[] {
  const ax = a.x + a.w / 2;
  const ay = a.y + a.h / 2;
  const bx = b.x + b.w / 2;
  const by = b.y + b.h / 2;
  const len = Math.hypot(bx - ax, by - ay) || 1;
  const ux = (bx - ax) / len;
  const uy = (by - ay) / len;
  const shift = Math.min(a.w, a.h, b.w, b.h) * 0.08;
  const [nx, ny] = [uy * shift, -ux * shift];
  // distance from a box's centre to its border along (ux, uy)
  const exit = (box: Box) => Math.min(ux ? box.w / 2 / Math.abs(ux) : Infinity, uy ? box.h / 2 / Math.abs(uy) : Infinity);
  const ta = exit(a);
  const tb = exit(b);
  return [ax + ux * ta + nx, ay + uy * ta + ny, bx - ux * tb + nx, by - uy * tb + ny].map((v) => Math.round(v));
}

function prepareView(index: GraphIndex, layout: GraphLayout, state: ViewState, lodOption: BuildViewOptions["lod"]): PreparedView {
  const { assets, edges } = visibleSubgraph(index, state);
  let lod = lodOption === "auto" ? (assets.length <= SMALL_VIEW ? "detail" : "overview") : lodOption;
  const filtered =
    state.focus !== null || state.zones.length > 0 || state.categories.length > 0 || state.violationsOnly;
  // The zone-level graph of what is visible, under the same filters (zone-flows.ts counts what view.ts draws).
  const unrestricted = state.focus === null && state.zones.length === 0;
  const zoneGraph = zoneFlowGraph(unrestricted ? index.source : { zones: index.source.zones, assets, edges }, {
    violationsOnly: state.violationsOnly,
    categories: state.categories,
    unzoned: unzonedGrouping(index.source),
  });
  const groupMeta = new Map(zoneGraph.groups.map((g) => [g.id, g]));
  const flowById = new Map(zoneGraph.flows.map((f) => [f.id, f]));
  const groupOfAsset = (a: GraphAsset) => groupOf(a, layout);

  // Group boxes: the laid-out box, or (when filtered) the box around the visible members,
  // so a focused view is not dwarfed by empty zones. Positions never move: the picture stays stable.
  const members = new Map<string, GraphAsset[]>();
  for (const a of assets) {
    const g = groupOfAsset(a);
    if (layout.zones[g]) (members.get(g) ?? members.set(g, []).get(g)!).push(a);
  }
  // Every real zone collapsed ("Collapse all zones"): the pseudo-zones fold too, and the picture is the zone map.
  const collapsed = new Set(state.collapsed);
  const realWithMembers = [...members.keys()].filter((g) => groupMeta.get(g)?.pseudo === false);
  if (realWithMembers.length > 0 && realWithMembers.every((g) => collapsed.has(g))) {
    for (const g of members.keys()) collapsed.add(g);
  }
  // Routed edges run beside their ends (down the gaps between wrapped rows): a zone's box takes them in.
  const routeBoxes = new Map<string, Box[]>();
  if (filtered && layout.routes && Object.keys(layout.routes).length) {
    const zoneOf = new Map(assets.map((a) => [a.id, groupOfAsset(a)]));
    for (const e of edges) {
      const zone = zoneOf.get(e.from);
      const route = zone && zone === zoneOf.get(e.to) ? layout.routes[edgeId(e.from, e.to)] : undefined;
      if (!zone || !route) continue;
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      for (let i = 0; i < route.length; i += 2) {
        x0 = Math.min(x0, route[i]);
        x1 = Math.max(x1, route[i]);
        y0 = Math.min(y0, route[i + 1]);
        y1 = Math.max(y1, route[i + 1]);
      }
      (routeBoxes.get(zone) ?? routeBoxes.set(zone, []).get(zone)!).push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
    }
  }
  const zones: ViewZone[] = [];
  const groupIds = filtered ? [...members.keys()] : Object.keys(layout.zones);
  for (const zoneId of groupIds.sort()) {
    const meta = groupMeta.get(zoneId);
    const list = members.get(zoneId) ?? [];
    let box: Box = layout.zones[zoneId];
    if (filtered) {
      const inner = unionBox([...list.map((a) => ({ ...layout.assets[a.id], w: NODE_W, h: NODE_H })), ...(routeBoxes.get(zoneId) ?? [])])!;
      box = { x: inner.x - ZONE_PAD, y: inner.y - ZONE_HEADER, w: Math.max(inner.w + 2 * ZONE_PAD, 300), h: inner.h + ZONE_HEADER + ZONE_PAD };
    }
    zones.push({
      id: zoneId,
      name: meta?.name ?? zoneId,
      color: meta?.color ?? "#64748b",
      pseudo: meta?.pseudo ?? zoneId.startsWith("unzoned:"),
      x: box.x,
      y: box.y,
      w: box.w,
      h: box.h,
      assets: list.length,
      violations: list.reduce((n, a) => n + a.violations, 0),
      // A collapsed zone keeps its box: collapsing every zone gives the zone map.
      collapsed: collapsed.has(zoneId),
    });
  }
  const zoneBox = new Map(zones.map((z) => [z.id, z]));
  if (lod === "detail" && zones.length > 0 && zones.every((z) => z.collapsed || z.assets === 0)) lod = "overview";

  // Where each visible asset is drawn: itself, or its group's box when the group is collapsed
  // (in the overview, always its group's box).
  const endpointOf = new Map<string, string>();
  for (const a of assets) {
    const g = groupOfAsset(a);
    if (zoneBox.has(g)) endpointOf.set(a.id, lod === "overview" || collapsed.has(g) ? zoneNodeId(g) : a.id);
  }

  const withFlow = (edge: ViewEdge): ViewEdge => {
    if (!edge.source.startsWith("zone:") || !edge.target.startsWith("zone:")) return edge;
    const from = edge.source.slice(5);
    const to = edge.target.slice(5);
    const flow = flowById.get(`${from}->${to}`);
    if (flow) edge.flow = viewFlow(flow, groupMeta);
    edge.route = flowRoute(zoneBox.get(from)!, zoneBox.get(to)!);
    return edge;
  };
  let viewEdges: ViewEdge[];
  if (lod === "overview") {
    // The zone map: one arrow per ordered pair of groups, exactly zone-flows.ts's flows.
    viewEdges = [];
    for (const flow of zoneGraph.flows) {
      if (!zoneBox.has(flow.from) || !zoneBox.has(flow.to)) continue;
      const source = zoneNodeId(flow.from);
      const target = zoneNodeId(flow.to);
      viewEdges.push(withFlow({ id: edgeId(source, target), source, target, status: flow.worst, count: flow.edges, paths: [], aggregated: true }));
    }
  } else {
    // Edges, aggregated where an endpoint was replaced by a zone node.
    const byPair = new Map<string, ViewEdge>();
    for (const e of edges) {
      const s = endpointOf.get(e.from);
      const t = endpointOf.get(e.to);
      if (!s || !t || s === t) continue;
      const status = edgeStatus(e);
      const aggregated = s !== e.from || t !== e.to;
      const key = aggregated ? edgeId(s, t) : edgeId(e.from, e.to);
      const prev = byPair.get(key);
      if (prev) {
        prev.count++;
        prev.status = worstStatus(prev.status, status);
        prev.aggregated = true;
        prev.paths = [];
        delete prev.route;
      } else {
        const edge: ViewEdge = { id: key, source: s, target: t, status, count: 1, paths: aggregated ? [] : e.paths, aggregated };
        const route = aggregated ? undefined : layout.routes?.[key];
        if (route) edge.route = route;
        byPair.set(key, edge);
      }
    }
    viewEdges = [...byPair.values()].map(withFlow);
  }
  const drawn = assets.filter((a) => endpointOf.get(a.id) === a.id);

  if (lod === "overview" && assets.length <= OVERVIEW_DOTS_MAX) {
    const vio = new Set<string>();
    for (const e of edges) if (e.verdict === "violation") vio.add(e.from), vio.add(e.to);
    for (const z of zones) {
      const dots: number[] = [];
      const vdots: number[] = [];
      for (const a of members.get(z.id) ?? []) {
        const p = layout.assets[a.id];
        (a.violations > 0 || vio.has(a.id) ? vdots : dots).push(Math.round(p.x - z.x), Math.round(p.y - z.y));
      }
      z.dots = dots;
      z.violationDots = vdots;
    }
  }

  const fitBox = filtered
    ? unionBox([
        // Zone boxes too: they hold their header and the routes of the edges inside them.
        ...zones,
        ...drawn.map((a) => ({ ...layout.assets[a.id], w: NODE_W, h: NODE_H })),
      ])
    : null;
  return {
    lod,
    visibleAssets: assets.length,
    visibleEdges: edges.length,
    zones,
    zoneBox,
    endpointOf,
    edges: viewEdges,
    drawn,
    omittedUnzoned: 0,
    fitBox,
  };
}

function cellsOf(b: Box, visit: (key: string) => void) {
  const cx0 = Math.floor(b.x / CELL);
  const cx1 = Math.floor((b.x + b.w) / CELL);
  const cy0 = Math.floor(b.y / CELL);
  const cy1 = Math.floor((b.y + b.h) / CELL);
  for (let cx = cx0; cx <= cx1; cx++) for (let cy = cy0; cy <= cy1; cy++) visit(`${cx},${cy}`);
}

/** A uniform grid over drawn assets, and edges by endpoint, so a bounding-box query never scans everything. */
function gridOf(layout: GraphLayout, prepared: PreparedView): SpatialGrid {
  if (prepared.grid) return prepared.grid;
  const assets = new Map<string, number[]>();
  const incident = new Map<string, number[]>();
  prepared.drawn.forEach((a, i) => {
    const p = layout.assets[a.id];
    cellsOf({ x: p.x, y: p.y, w: NODE_W, h: NODE_H }, (k) => (assets.get(k) ?? assets.set(k, []).get(k)!).push(i));
  });
  prepared.edges.forEach((e, i) => {
    (incident.get(e.source) ?? incident.set(e.source, []).get(e.source)!).push(i);
    if (e.target !== e.source) (incident.get(e.target) ?? incident.set(e.target, []).get(e.target)!).push(i);
  });
  prepared.grid = { assets, incident };
  return prepared.grid;
}

export function buildView(
  index: GraphIndex,
  layout: GraphLayout,
  state: ViewState,
  options: BuildViewOptions,
): GraphView {
  let memo = preparedMemo.get(layout);
  if (!memo) preparedMemo.set(layout, (memo = new Map()));
  const memoKey = `${options.lod}|${viewShapeKey(state)}`;
  let prepared = memo.get(memoKey);
  if (!prepared || memo.size > 64) {
    if (memo.size > 64) memo.clear();
    prepared = prepareView(index, layout, state, options.lod);
    memo.set(memoKey, prepared);
  }
  const lod = prepared.lod;
  let nodeAssets = prepared.drawn;
  let viewEdges = prepared.edges;
  let viewZones = prepared.zones;
  const bbox = lod === "detail" ? options.bbox ?? null : null;
  const stubs: ViewStub[] = [];
  if (bbox) {
    // What intersects the region, plus the edges of those nodes. An edge whose other end is near
    // (within one region's size around it) is drawn with that end; one whose other end is farther
    // becomes a stub towards it: with long edges, drawing them whole would bring hundreds of
    // far-away nodes along and cover the screen with lines. Edges passing through with both ends
    // outside are left out.
    const grid = gridOf(layout, prepared);
    const keep = new Set<string>();
    cellsOf(bbox, (k) => {
      for (const i of grid.assets.get(k) ?? []) {
        const p = layout.assets[prepared.drawn[i].id];
        if (intersects({ x: p.x, y: p.y, w: NODE_W, h: NODE_H }, bbox)) keep.add(prepared.drawn[i].id);
      }
    });
    for (const z of prepared.zones) if (z.collapsed && intersects(z, bbox)) keep.add(zoneNodeId(z.id));
    const near: Box = { x: bbox.x - bbox.w, y: bbox.y - bbox.h, w: bbox.w * 3, h: bbox.h * 3 };
    const boxOf = (id: string): Box => {
      if (id.startsWith("zone:")) return prepared.zoneBox.get(id.slice(5))!;
      const p = layout.assets[id];
      return { x: p.x, y: p.y, w: NODE_W, h: NODE_H };
    };
    const groupOfNode = (id: string) => (id.startsWith("zone:") ? id.slice(5) : groupOf(index.asset.get(id)!, layout));
    const edgeIdx = new Set<number>();
    const stubBy = new Map<string, ViewStub & { sx: number; sy: number }>();
    for (const id of keep) {
      for (const i of grid.incident.get(id) ?? []) {
        if (edgeIdx.has(i)) continue;
        const e = prepared.edges[i];
        const other = e.source === id ? e.target : e.source;
        if (keep.has(other) || intersects(boxOf(other), near)) {
          edgeIdx.add(i);
          continue;
        }
        const dir = e.source === id ? "out" : "in";
        const group = groupOfNode(other);
        const key = `${id}|${dir}|${group}`;
        const ob = boxOf(other);
        const cx = ob.x + ob.w / 2;
        const cy = ob.y + ob.h / 2;
        const prev = stubBy.get(key);
        if (prev) {
          prev.count += e.count;
          prev.status = worstStatus(prev.status, e.status);
          prev.sx += cx * e.count;
          prev.sy += cy * e.count;
        } else {
          const own = boxOf(id);
          stubBy.set(key, {
            id: `stub:${key}`,
            node: id,
            dir,
            group,
            groupName: prepared.zoneBox.get(group)?.name ?? group,
            count: e.count,
            status: e.status,
            x: dir === "out" ? own.x + own.w : own.x,
            y: own.y + own.h / 2,
            dx: 0,
            dy: 0,
            sx: cx * e.count,
            sy: cy * e.count,
          });
        }
      }
    }
    for (const { sx, sy, ...stub } of stubBy.values()) {
      // Towards the far ends' weighted centre.
      const vx = sx / stub.count - stub.x;
      const vy = sy / stub.count - stub.y;
      const len = Math.hypot(vx, vy) || 1;
      stubs.push({ ...stub, dx: Math.round((vx / len) * 1000) / 1000, dy: Math.round((vy / len) * 1000) / 1000 });
    }
    stubs.sort((a, b) => (a.id < b.id ? -1 : 1));
    viewEdges = [...edgeIdx].sort((a, b) => a - b).map((i) => prepared.edges[i]);
    for (const e of viewEdges) keep.add(e.source), keep.add(e.target);
    nodeAssets = prepared.drawn.filter((a) => keep.has(a.id));
    // Only the zone boxes around the region: every drawn asset and near end lies inside one of them. The
    // others are off screen, and at this zoom each is a box thousands of pixels wide that the browser would
    // still lay out, paint and composite (a layer each) on every frame of a pan.
    viewZones = prepared.zones.filter((z) => intersects(z, near));
  }

  // Highlight: the offending paths' assets and consecutive edges.
  const hlAssets = new Set<string>();
  const hlEdges = new Set<string>();
  const at = (id: string) => prepared.endpointOf.get(id) ?? id;
  for (const path of options.highlightPaths ?? []) {
    for (let i = 0; i < path.length; i++) {
      hlAssets.add(at(path[i]));
      if (i > 0 && at(path[i - 1]) !== at(path[i])) hlEdges.add(edgeId(at(path[i - 1]), at(path[i])));
    }
  }

  return {
    lod,
    complete: !bbox,
    zones: viewZones,
    assets: nodeAssets.map((a) => ({
      id: a.id,
      name: a.name,
      namespace: a.namespace,
      kind: a.kind,
      zone: a.zone,
      violations: a.violations,
      x: layout.assets[a.id].x,
      y: layout.assets[a.id].y,
    })),
    edges: viewEdges,
    stubs,
    bounds: layoutBounds(layout),
    totals: {
      assets: index.source.assets.length,
      edges: index.source.edges.length,
      visibleAssets: prepared.visibleAssets,
      visibleEdges: prepared.visibleEdges,
      omittedUnzoned: prepared.omittedUnzoned,
    },
    fitBox: prepared.fitBox,
    highlight: { assets: [...hlAssets].sort(), edges: [...hlEdges].sort() },
  };
}

/** Assets whose name (or namespace.name) contains the query, best matches first. */
export function searchAssets(index: GraphIndex, layout: GraphLayout, query: string, limit = 12): GraphSearchResult[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored: { a: GraphAsset; score: number }[] = [];
  for (const a of index.source.assets) {
    const name = a.name.toLowerCase();
    const full = `${a.namespace}.${a.name}`.toLowerCase();
    const score = name === q ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : full.includes(q) || a.id.toLowerCase().includes(q) ? 3 : -1;
    if (score >= 0) scored.push({ a, score });
  }
  scored.sort((x, y) => x.score - y.score || x.a.name.localeCompare(y.a.name) || (x.a.id < y.a.id ? -1 : 1));
  return scored.slice(0, limit).map(({ a }) => ({
    id: a.id,
    name: a.name,
    namespace: a.namespace,
    kind: a.kind,
    zone: a.zone,
    x: layout.assets[a.id]?.x ?? 0,
    y: layout.assets[a.id]?.y ?? 0,
  }));
}
