// Per-zone layout, composed into a zone map: each group (a zone, or the
// unzoned assets of one namespace, a pseudo-zone) has its internal subgraph
// laid out on its own (elkjs layered for small groups, our own layered layout,
// wrapped into bands for a squarish box, for large ones), then the group boxes
// are composed in zone-level flow order, packed into columns or rows shaped for
// a landscape screen, with the pseudo-zones in a band of their own. Boxes are
// sized by their content (so their assets lie inside them when zoomed in) within
// limits: no box is much smaller than the largest, and every box is wide enough
// for its name to read at 11 px or more when the whole map is fitted to a
// laptop's canvas. Every piece is cached under a content hash, so a one-edge
// change recomputes only the zone it touches (or only the coarse level for an
// edge between zones). Runs on the server, never per render.
import { layeredLayout, type LayeredNode } from "./layered.ts";
import { stableHash } from "./hash.ts";
import { ALL_UNZONED, ALL_UNZONED_NAME, unzonedGrouping, zoneGroupOf } from "./zone-flows.ts";
import {
  NODE_H,
  NODE_W,
  ZONE_HEADER,
  ZONE_PAD,
  edgeId,
  type Box,
  type GraphLayout,
  type GraphSource,
  type Point,
} from "./types.ts";

/** Bump when the layout algorithm or its options change: old cache rows stop matching. */
export const LAYOUT_VERSION = "l11";
const ZONE_MIN_W = 300;
const INNER_LAYER_GAP = 48;
const INNER_NODE_GAP = 16;
const COARSE_LAYER_GAP = 90;
const COARSE_NODE_GAP = 48;
/**
 * A small zone's long chain would be one long row: elkjs wraps its layers into
 * rows (left to right, then the next row) for a roughly square box, so that
 * zones pack into a landscape screen.
 */
const ZONE_WRAP = { "elk.layered.wrapping.strategy": "MULTI_EDGE", "elk.aspectRatio": "1.2" };

export interface ElkLike {
  layout(graph: ElkGraph): Promise<ElkGraph>;
}
interface ElkGraph {
  id: string;
  layoutOptions?: Record<string, string>;
  children?: { id: string; width: number; height: number; x?: number; y?: number }[];
  edges?: { id: string; sources: string[]; targets: string[]; sections?: ElkSection[] }[];
  width?: number;
  height?: number;
}

interface ElkSection {
  startPoint: { x: number; y: number };
  endPoint: { x: number; y: number };
  bendPoints?: { x: number; y: number }[];
}

export interface LayoutCacheStore {
  getMany(keys: string[]): Promise<Map<string, unknown>>;
  setMany(entries: { key: string; value: unknown }[]): Promise<void>;
}

export function memoryLayoutCache(): LayoutCacheStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    async getMany(keys) {
      const found = new Map<string, unknown>();
      for (const key of keys) if (map.has(key)) found.set(key, map.get(key));
      return found;
    },
    async setMany(entries) {
      for (const { key, value } of entries) map.set(key, value);
    },
  };
}

/**
 * A laid-out piece: size and top-left positions of its members, and (zones laid out by elkjs
 * only) each edge's orthogonal route as flat x,y pairs, keyed by edgeId: a chain wrapped into
 * rows then reads down between the rows instead of looping outside the zone.
 */
interface Piece {
  w: number;
  h: number;
  p: Record<string, [number, number]>;
  r?: Record<string, number[]>;
}

export interface LayoutOptions {
  cache?: LayoutCacheStore;
  elk?: ElkLike;
  /** Zones up to this many assets go to elkjs (about 0.4 s for 100 assets with 300 edges: too slow to use everywhere); larger ones use layeredLayout. */
  elkMaxNodes?: number;
  /** The zone-level graph goes to elkjs up to this many groups (zones + unzoned assets). */
  elkMaxCoarse?: number;
  /** Draw zones without assets too (the whole world's map; a focused view leaves them out). */
  emptyZones?: boolean;
}

export interface LayoutStats {
  zones: number;
  zonesComputed: number;
  coarseComputed: boolean;
  ms: number;
}

export interface ZoneSubgraph {
  /** A zone's id, or `unzoned:<namespace>` for the pseudo-zone of a namespace's unzoned assets. */
  zone: string;
  assets: string[];
  edges: [string, string][];
}

/**
 * The group an asset is drawn in: its zone, or the pseudo-zone of its namespace (or of all unzoned assets,
 * when the world's grouping merges them): the same ids lib/graph/zone-flows.ts uses.
 */
export function layoutGroupOf(asset: { zone: string | null; namespace: string }, zones: ReadonlySet<string>, unzoned: "namespace" | "merged" = "namespace"): string {
  return asset.zone && zones.has(asset.zone) ? asset.zone : zoneGroupOf({ zone: null, namespace: asset.namespace }, unzoned);
}

/** Internal subgraph of each group (zone or pseudo-zone): its assets and the edges with both ends inside it. */
export function zoneSubgraphs(source: GraphSource, emptyZones = false): ZoneSubgraph[] {
  const zoneIds = new Set(source.zones.map((z) => z.id));
  const unzoned = unzonedGrouping(source);
  const groupOf = new Map<string, string>();
  const byZone = new Map<string, ZoneSubgraph>();
  for (const zone of source.zones) byZone.set(zone.id, { zone: zone.id, assets: [], edges: [] });
  for (const asset of source.assets) {
    const group = layoutGroupOf(asset, zoneIds, unzoned);
    groupOf.set(asset.id, group);
    (byZone.get(group) ?? byZone.set(group, { zone: group, assets: [], edges: [] }).get(group)!).assets.push(asset.id);
  }
  for (const edge of source.edges) {
    const z = groupOf.get(edge.from);
    if (z && z === groupOf.get(edge.to)) byZone.get(z)!.edges.push([edge.from, edge.to]);
  }
  const out = [...byZone.values()].filter((s) => emptyZones || s.assets.length > 0);
  for (const s of out) {
    s.assets.sort();
    s.edges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  }
  return out.sort((a, b) => (a.zone < b.zone ? -1 : 1));
}

export function zoneLayoutKey(sub: ZoneSubgraph): string {
  // The zone id is not part of the key: the picture depends only on the content.
  return `zone:${LAYOUT_VERSION}:${stableHash(sub.assets.join("\n") + "\u0000" + sub.edges.map((e) => e.join("\u0001")).join("\n"))}`;
}

async function layoutPiece(
  nodes: LayeredNode[],
  edges: [string, string][],
  layerGap: number,
  nodeGap: number,
  options: LayoutOptions,
  elkMax: number,
  extra: Record<string, string> = {},
  routes = false,
): Promise<Piece> {
  if (options.elk && nodes.length <= elkMax && edges.length > 0 && edges.length <= elkMax) {
    const sortedNodes = [...nodes].sort((a, b) => (a.id < b.id ? -1 : 1));
    const result = await options.elk.layout({
      id: "root",
      layoutOptions: {
        "elk.algorithm": "layered",
        "elk.direction": "RIGHT",
        "elk.layered.spacing.nodeNodeBetweenLayers": String(layerGap),
        "elk.spacing.nodeNode": String(nodeGap),
        "elk.spacing.componentComponent": String(nodeGap * 2),
        "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
        "elk.padding": "[top=0,left=0,bottom=0,right=0]",
        "elk.randomSeed": "1",
        ...extra,
      },
      children: sortedNodes.map((node) => ({ id: node.id, width: node.w, height: node.h })),
      edges: edges.map(([from, to], i) => ({ id: `e${i}`, sources: [from], targets: [to] })),
    });
    const p: Record<string, [number, number]> = {};
    let w = 0;
    let h = 0;
    const size = new Map(nodes.map((node) => [node.id, node]));
    for (const child of result.children ?? []) {
      const x = Math.round(child.x ?? 0);
      const y = Math.round(child.y ?? 0);
      p[child.id] = [x, y];
      w = Math.max(w, x + size.get(child.id)!.w);
      h = Math.max(h, y + size.get(child.id)!.h);
    }
    if (!routes) return { w, h, p };
    // Edge routes: elk leaves room for them around the nodes (wrapped rows are joined by edges
    // that run right of the last column, down the gap between rows and left of the first
    // column), so the piece's box takes them in.
    const r: Record<string, number[]> = {};
    let x0 = 0;
    let y0 = 0;
    for (const edge of result.edges ?? []) {
      const from = edge.sources[0];
      const to = edge.targets[0];
      if (!edge.sections?.length || from === to) continue;
      const flat: number[] = [];
      for (const section of edge.sections) {
        for (const pt of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
          const x = Math.round(pt.x);
          const y = Math.round(pt.y);
          const n = flat.length;
          if (n >= 2 && flat[n - 2] === x && flat[n - 1] === y) continue;
          flat.push(x, y);
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          w = Math.max(w, x);
          h = Math.max(h, y);
        }
      }
      if (flat.length >= 4) r[edgeId(from, to)] = flat;
    }
    if (x0 < 0 || y0 < 0) {
      for (const id of Object.keys(p)) p[id] = [p[id][0] - x0, p[id][1] - y0];
      for (const flat of Object.values(r)) for (let i = 0; i < flat.length; i += 2) (flat[i] -= x0), (flat[i + 1] -= y0);
      w -= x0;
      h -= y0;
    }
    return { w, h, p, r };
  }
  const r = layeredLayout(nodes, edges, { layerGap, nodeGap });
  const p: Record<string, [number, number]> = {};
  for (const [id, pt] of Object.entries(r.positions)) p[id] = [Math.round(pt.x), Math.round(pt.y)];
  const piece = { w: Math.round(r.width), h: Math.round(r.height), p };
  return routes ? wrapIntoBands(piece, nodes, layerGap) : piece;
}

/**
 * A large zone's layered picture is one long band (a pipeline of 30 layers is 7,000 px wide and
 * 1,000 high): cut it into bands of consecutive layers stacked top to bottom, so its box is roughly
 * square, its area follows its number of assets, and boxes of a zone map stay comparable.
 */
function wrapIntoBands(piece: Piece, nodes: LayeredNode[], rowGap: number): Piece {
  const k = Math.round(Math.sqrt(piece.w / (1.3 * (piece.h + rowGap))));
  if (k <= 1) return piece;
  const widthOf = new Map(nodes.map((n) => [n.id, n.w]));
  const layerXs = [...new Set(Object.values(piece.p).map(([x]) => x))].sort((a, b) => a - b);
  const cut = piece.w / k;
  const bandOf = new Map<number, number>();
  for (const x of layerXs) bandOf.set(x, Math.min(k - 1, Math.floor(x / cut)));
  const used = [...new Set(bandOf.values())].sort((a, b) => a - b);
  const rank = new Map(used.map((b, i) => [b, i]));
  const start = new Map<number, number>();
  for (const x of layerXs) if (!start.has(bandOf.get(x)!)) start.set(bandOf.get(x)!, x);
  const p: Record<string, [number, number]> = {};
  let w = 0;
  for (const [id, [x, y]] of Object.entries(piece.p)) {
    const band = bandOf.get(x)!;
    const nx = x - start.get(band)!;
    p[id] = [nx, y + rank.get(band)! * (piece.h + rowGap)];
    w = Math.max(w, nx + (widthOf.get(id) ?? 0));
  }
  return { w, h: used.length * (piece.h + rowGap) - rowGap, p };
}

/**
 * The shape the composition aims for: between the canvases of a 1440×900 window (1140 × 725 px next to the
 * sidebar, less the fit margins: 1.57 wide) and of a 1024×768 one (720 × 570: 1.26), so that either fits it
 * without leaving a third of the canvas empty.
 */
const TARGET_SCREEN = { w: 1000, h: 714 };

/**
 * A compact composition for a few groups (zones and unzoned assets): the groups
 * in data-flow order (the layered layout's layers, top to bottom inside a
 * layer) fill columns from left to right, each column up to a height chosen so
 * the whole picture is closest to a landscape screen. Same input → same output.
 */
function packGroups(
  groups: LayeredNode[],
  edges: [string, string][],
  layerGap: number,
  nodeGap: number,
  flow: { positions: Record<string, { x: number; y: number }> } = layeredLayout(groups, edges, { layerGap, nodeGap }),
): Piece {
  if (groups.length === 0) return { w: 0, h: 0, p: {} }; // an empty world: nothing to pack, and no option to choose from
  const ordered = [...groups].sort((a, b) => {
    const pa = flow.positions[a.id];
    const pb = flow.positions[b.id];
    return pa.x - pb.x || pa.y - pb.y || (a.id < b.id ? -1 : 1);
  });
  // Columns (filled top to bottom, then left to right) or rows (left to right, then top to bottom),
  // each up to a limit chosen so that the picture best fits a screen of the target shape.
  const span = (list: LayeredNode[], along: "w" | "h") => list.reduce((sum, g) => sum + g[along], 0) + nodeGap * (list.length - 1);
  const across = (list: LayeredNode[], along: "w" | "h") => Math.max(...list.map((g) => g[along]));
  // Flows that do not read left to right: inside a column, or down to a later row.
  const crossLine = (lines: LayeredNode[][]) => {
    const line = new Map<string, number>();
    lines.forEach((l, i) => l.forEach((g) => line.set(g.id, i)));
    return (byRows: boolean) => edges.filter(([a, b]) => (byRows ? line.get(a)! < line.get(b)! : line.get(a) === line.get(b))).length;
  };
  const options: { lines: LayeredNode[][]; byRows: boolean; w: number; h: number; score: number; against: number }[] = [];
  for (const byRows of [false, true]) {
    const along = byRows ? "w" : "h";
    const other = byRows ? "h" : "w";
    const limits = new Set<number>();
    for (let i = 0; i < ordered.length; i++) {
      let total = 0;
      for (let j = i; j < ordered.length; j++) limits.add((total += (j > i ? nodeGap : 0) + ordered[j][along]));
    }
    for (const limit of [...limits].sort((a, b) => a - b)) {
      const lines: LayeredNode[][] = [];
      let line: LayeredNode[] = [];
      for (const g of ordered) {
        if (line.length && span([...line, g], along) > limit) {
          lines.push(line);
          line = [];
        }
        line.push(g);
      }
      lines.push(line);
      const long = Math.max(...lines.map((l) => span(l, along)));
      const short = lines.reduce((sum, l) => sum + across(l, other), 0) + layerGap * (lines.length - 1);
      const w = byRows ? long : short;
      const h = byRows ? short : long;
      // The zoom at which it fits a screen of the target shape (larger is better).
      const score = Math.min(0.8, TARGET_SCREEN.w / w, TARGET_SCREEN.h / h);
      options.push({ lines, byRows, w, h, score, against: crossLine(lines)(byRows) });
    }
  }
  // Nearly the largest zoom, with as many flows as possible reading left to right.
  const top = Math.max(...options.map((o) => o.score));
  const { lines, byRows, w, h } = options
    .filter((o) => o.score >= top * 0.97)
    .sort((a, b) => a.against - b.against || b.score - a.score || Number(a.byRows) - Number(b.byRows))[0];
  const p: Record<string, [number, number]> = {};
  let offset = 0;
  for (const line of lines) {
    const thick = across(line, byRows ? "h" : "w");
    let at = Math.round(((byRows ? w : h) - span(line, byRows ? "w" : "h")) / 2);
    for (const g of line) {
      if (byRows) p[g.id] = [at, Math.round(offset + (thick - g.h) / 2)];
      else p[g.id] = [Math.round(offset + (thick - g.w) / 2), at];
      at += (byRows ? g.w : g.h) + nodeGap;
    }
    offset += thick + layerGap;
  }
  return { w, h, p };
}

/** Rows left to right, wrapped at `width`, in the given order (the pseudo-zones' band). */
function packRows(groups: LayeredNode[], width: number, gap: number): Piece {
  const p: Record<string, [number, number]> = {};
  let x = 0;
  let y = 0;
  let rowH = 0;
  let w = 0;
  for (const g of groups) {
    if (x > 0 && x + g.w > width) {
      y += rowH + gap;
      x = 0;
      rowH = 0;
    }
    p[g.id] = [x, y];
    x += g.w + gap;
    w = Math.max(w, x - gap);
    rowH = Math.max(rowH, g.h);
  }
  return { w, h: groups.length ? y + rowH : 0, p };
}

/**
 * Zone map: the canvas on which a fitted map's names get ZONE_MAP_NAME_PX. It lies between a 1440×900 window's
 * canvas (1140 × 725 px next to the sidebar, less the fit margins) and a 1024×768 one's (724 × 575 with the
 * toolbar on two rows): sized for the larger alone, names read at 8.6 px on the smaller (the 50-zone world);
 * sized for the smaller at 11 px, the boxes' gaps grow with them and the composition never settles. On this
 * one, the 50-zone world reads at 11.3 px on the smaller and 15 px on the larger.
 */
export const FIT_SCREEN = { w: 850, h: 600 };
/** On-screen sizes the zone map header needs at fit (nodes.tsx draws it): name ≥ 12 px, a count line, padding. */
export const ZONE_MAP_NAME_PX = 12;
export const ZONE_MAP_CHAR_EM = 0.66;
const ZONE_MAP_HEADER_PX = { padding: 28, height: 46 };
/** More groups than this and the boxes are evened out (no box under 45 % of the largest side), as a map. */
const FEW_GROUPS = 12;
/** The pseudo-zones' band keeps this much clear space (in units of the coarse gap) from the real zones. */
const PSEUDO_BAND_GAP = 3;
/** Zone-level graphs this large are ordered by our own layered layout instead of elkjs. */
const ELK_FLOW_MAX = 200;

async function flowOrder(groups: LayeredNode[], edges: [string, string][], options: LayoutOptions) {
  if (!options.elk || groups.length > ELK_FLOW_MAX || groups.length < 2) return undefined;
  const piece = await layoutPiece(groups, edges, COARSE_LAYER_GAP, COARSE_NODE_GAP, options, ELK_FLOW_MAX);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const [id, [x, y]] of Object.entries(piece.p)) positions[id] = { x, y };
  return { positions };
}

export async function layoutGraph(
  source: GraphSource,
  options: LayoutOptions = {},
): Promise<{ layout: GraphLayout; stats: LayoutStats }> {
  const started = performance.now();
  const cache = options.cache;
  const subs = zoneSubgraphs(source, options.emptyZones ?? false);
  const keys = subs.map(zoneLayoutKey);
  const cached = cache ? await cache.getMany(keys) : new Map<string, unknown>();
  const pieces = new Map<string, Piece>();
  const fresh: { key: string; value: unknown }[] = [];
  let zonesComputed = 0;
  for (let i = 0; i < subs.length; i++) {
    if (subs[i].assets.length === 0) {
      pieces.set(subs[i].zone, { w: 0, h: 0, p: {} });
      continue;
    }
    const hit = cached.get(keys[i]) as Piece | undefined;
    if (hit && typeof hit === "object" && hit.p) {
      pieces.set(subs[i].zone, hit);
      continue;
    }
    const nodes = subs[i].assets.map((id) => ({ id, w: NODE_W, h: NODE_H }));
    const piece = await layoutPiece(nodes, subs[i].edges, INNER_LAYER_GAP, INNER_NODE_GAP, options, options.elkMaxNodes ?? 50, ZONE_WRAP, true);
    pieces.set(subs[i].zone, piece);
    fresh.push({ key: keys[i], value: piece });
    zonesComputed++;
  }

  // Coarse level: group boxes, linked by the zone-level flow graph.
  const zoneIds = new Set(source.zones.map((z) => z.id));
  const zoneName = new Map(source.zones.map((z) => [z.id, z.name]));
  const groupOf = new Map<string, string>();
  const unzoned = unzonedGrouping(source);
  for (const asset of source.assets) groupOf.set(asset.id, layoutGroupOf(asset, zoneIds, unzoned));
  const isPseudo = (id: string) => !zoneIds.has(id);
  // As the map draws it: a pseudo-zone by its namespace (nodes.tsx).
  const nameOf = (id: string) => zoneName.get(id) ?? (id === ALL_UNZONED ? ALL_UNZONED_NAME : id.slice("unzoned:".length));
  const content = new Map<string, { w: number; h: number; assets: number }>();
  for (const [group, piece] of pieces) {
    // A pseudo-zone is as narrow as its assets (a zone's box keeps room for its header's controls).
    const minW = isPseudo(group) ? NODE_W + 2 * ZONE_PAD : ZONE_MIN_W;
    content.set(group, { w: Math.max(minW, piece.w + 2 * ZONE_PAD), h: Math.max(ZONE_HEADER + 72, piece.h + ZONE_HEADER + ZONE_PAD), assets: Object.keys(piece.p).length });
  }
  const ids = [...pieces.keys()].sort();
  const coarseEdgeSet = new Set<string>();
  for (const edge of source.edges) {
    const a = groupOf.get(edge.from);
    const b = groupOf.get(edge.to);
    if (a && b && a !== b && pieces.has(a) && pieces.has(b)) coarseEdgeSet.add(`${a}\u0001${b}`);
  }
  const coarseEdges = [...coarseEdgeSet].sort().map((k) => k.split("\u0001") as [string, string]);
  const coarseKey = `coarse:${LAYOUT_VERSION}:${stableHash(
    ids.map((id) => `${id}:${content.get(id)!.w}x${content.get(id)!.h}:${content.get(id)!.assets}:${nameOf(id)}`).join("\n") + "\u0000" + [...coarseEdgeSet].sort().join("\n"),
  )}`;
  type Coarse = Piece & { s: Record<string, [number, number]> };
  let coarse = cache ? ((await cache.getMany([coarseKey])).get(coarseKey) as Coarse | undefined) : undefined;
  let coarseComputed = false;
  if (!coarse || !coarse.p || !coarse.s) {
    coarse = await composeGroups(ids, content, coarseEdges, isPseudo, nameOf, options);
    fresh.push({ key: coarseKey, value: coarse });
    coarseComputed = true;
  }
  if (cache && fresh.length) await cache.setMany(fresh);

  const zones: Record<string, Box> = {};
  const assets: Record<string, Point> = {};
  const routes: Record<string, number[]> = {};
  for (const [zone, piece] of pieces) {
    const [x, y] = coarse.p[zone];
    const [w, h] = coarse.s[zone];
    zones[zone] = { x, y, w, h };
    // Content centred in a box the limits made larger than it.
    const offsetX = x + ZONE_PAD + Math.max(0, Math.round((w - 2 * ZONE_PAD - piece.w) / 2));
    const offsetY = y + ZONE_HEADER + Math.max(0, Math.round((h - ZONE_HEADER - ZONE_PAD - piece.h) / 2));
    for (const [id, [px, py]] of Object.entries(piece.p)) assets[id] = { x: offsetX + px, y: offsetY + py };
    for (const [id, flat] of Object.entries(piece.r ?? {})) routes[id] = flat.map((v, i) => (i % 2 ? offsetY : offsetX) + v);
  }
  const bounds = { x: 0, y: 0, w: coarse.w, h: coarse.h };
  return {
    layout: { assets, zones, bounds, routes },
    stats: { zones: subs.length, zonesComputed, coarseComputed, ms: performance.now() - started },
  };
}

/**
 * The zone map: real zones packed in flow order (elkjs's layered order of the zone-level graph), the
 * pseudo-zones in a band of their own below or to the right (whichever fits the screen larger). Box sizes
 * grow until every name reads at ZONE_MAP_NAME_PX when the map is fitted to FIT_SCREEN.
 */
async function composeGroups(
  ids: string[],
  content: Map<string, { w: number; h: number; assets: number }>,
  edges: [string, string][],
  isPseudo: (id: string) => boolean,
  nameOf: (id: string) => string,
  options: LayoutOptions,
): Promise<Piece & { s: Record<string, [number, number]> }> {
  // A few groups (the demo) pack together in flow order, pseudo-zones (dashed, grey) among them, which keeps
  // the picture compact and readable; a map of many zones keeps the pseudo-zones in a band of their own.
  const few = ids.length <= FEW_GROUPS;
  const real = few ? ids : ids.filter((id) => !isPseudo(id));
  const pseudo = few ? [] : ids.filter(isPseudo);
  const size = new Map<string, { w: number; h: number }>();
  for (const id of ids) size.set(id, { w: content.get(id)!.w, h: content.get(id)!.h });
  if (ids.length > FEW_GROUPS) {
    // Even out real zones (pseudo-zones keep their own size: there can be hundreds of namespaces).
    // Empty zones keep the size their name needs.
    let side = 0;
    for (const id of real) side = Math.max(side, content.get(id)!.w, content.get(id)!.h);
    for (const id of real) {
      if (content.get(id)!.assets === 0) continue;
      const s = size.get(id)!;
      size.set(id, { w: Math.max(s.w, Math.round(side * 0.45)), h: Math.max(s.h, Math.round(side * 0.32)) });
    }
  }
  const realEdges = few ? edges : edges.filter(([a, b]) => !isPseudo(a) && !isPseudo(b));
  const nodes = () => real.map((id) => ({ id, ...size.get(id)! }));
  // Gaps grow with the boxes, so they (and the flows drawn across them) stay visible at the fitted zoom.
  const gaps = () => {
    const sides = real.map((id) => size.get(id)!.w).sort((a, b) => a - b);
    const typical = sides.length ? sides[sides.length >> 1] : 0;
    return { layer: Math.max(COARSE_LAYER_GAP, Math.round(typical * 0.3)), node: Math.max(COARSE_NODE_GAP, Math.round(typical * 0.12)) };
  };
  const flow = await flowOrder(nodes(), realEdges, options);
  // Names are held to the screen only while they can be: up to 150 groups (pseudo-zones, named by their namespace, included), else real zones only.
  const named = ids.length <= 150 ? ids : real;
  let picture: Piece = { w: 0, h: 0, p: {} };
  const ROUNDS = 8;
  for (let round = 0; round < ROUNDS; round++) {
    const g = gaps();
    const zonePiece = real.length > 80 ? await layoutPiece(nodes(), realEdges, g.layer, g.node, options, options.elkMaxCoarse ?? 40) : packGroups(nodes(), realEdges, g.layer, g.node, flow);
    const bandNodes = pseudo.map((id) => ({ id, ...size.get(id)! }));
    const gap = g.layer * PSEUDO_BAND_GAP;
    const besideWidth = Math.max(ZONE_MIN_W, ...bandNodes.map((g) => g.w), Math.round(Math.sqrt(bandNodes.reduce((a, g) => a + g.w * g.h, 0) * 0.6)));
    const below = packRows(bandNodes, Math.max(zonePiece.w, Math.round(besideWidth * 2.5)), g.node);
    const beside = packRows(bandNodes, besideWidth, g.node);
    const fit = (w: number, h: number) => Math.min(FIT_SCREEN.w / Math.max(1, w), FIT_SCREEN.h / Math.max(1, h));
    const under = { w: Math.max(zonePiece.w, below.w), h: zonePiece.h + (pseudo.length && real.length ? gap : 0) + below.h };
    const side = { w: zonePiece.w + (pseudo.length && real.length ? gap : 0) + beside.w, h: Math.max(zonePiece.h, beside.h) };
    const useBelow = !pseudo.length || fit(under.w, under.h) >= fit(side.w, side.h);
    const band = useBelow ? below : beside;
    const p: Record<string, [number, number]> = { ...zonePiece.p };
    const dx = useBelow ? 0 : zonePiece.w + (real.length ? gap : 0);
    const dy = useBelow ? zonePiece.h + (real.length ? gap : 0) : 0;
    for (const [id, [x, y]] of Object.entries(band.p)) p[id] = [x + dx, y + dy];
    const whole = useBelow ? under : side;
    picture = { w: whole.w, h: whole.h, p };
    // The last round packs the sizes as they are, so the picture always matches them.
    if (round === ROUNDS - 1) break;
    // At this fitted zoom, does every name (and its count line) fit its box? If not, grow those boxes and pack again.
    const zoom = Math.min(1, fit(whole.w, whole.h));
    let grown = false;
    for (const id of named) {
      const s = size.get(id)!;
      const chars = Math.max(nameOf(id).length, String(content.get(id)!.assets).length + 4);
      const needW = Math.ceil((ZONE_MAP_CHAR_EM * ZONE_MAP_NAME_PX * chars + ZONE_MAP_HEADER_PX.padding) / zoom);
      const needH = Math.ceil(ZONE_MAP_HEADER_PX.height / zoom);
      if (s.w < needW || s.h < needH) {
        size.set(id, { w: Math.max(s.w, Math.ceil(needW * 1.12)), h: Math.max(s.h, Math.ceil(needH * 1.12)) });
        grown = true;
      }
    }
    if (!grown) break;
  }
  const s: Record<string, [number, number]> = {};
  for (const id of ids) s[id] = [size.get(id)!.w, size.get(id)!.h];
  return { ...picture, s };
}
