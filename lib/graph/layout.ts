// Per-zone layout, composed: each zone's internal subgraph is laid out on its
// own (elkjs layered for small zones, our own layered layout for large ones),
// then zone boxes and unzoned assets are composed in zone-level flow order:
// a few groups are packed into columns or rows shaped for a landscape screen,
// many groups are laid out left to right by the zone-level flow graph. Every piece is cached under a content hash, so a
// one-edge change recomputes only the zone it touches (or only the coarse
// level for an edge between zones). Runs on the server, never per render.
import { layeredLayout, type LayeredNode } from "./layered.ts";
import { stableHash } from "./hash.ts";
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
export const LAYOUT_VERSION = "l8";
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
}

export interface LayoutStats {
  zones: number;
  zonesComputed: number;
  coarseComputed: boolean;
  ms: number;
}

export interface ZoneSubgraph {
  zone: string;
  assets: string[];
  edges: [string, string][];
}

/** Internal subgraph of each zone: its assets and the edges with both ends inside it. */
export function zoneSubgraphs(source: GraphSource): ZoneSubgraph[] {
  const zoneOf = new Map<string, string | null>();
  const byZone = new Map<string, ZoneSubgraph>();
  for (const zone of source.zones) byZone.set(zone.id, { zone: zone.id, assets: [], edges: [] });
  for (const asset of source.assets) {
    zoneOf.set(asset.id, asset.zone);
    if (asset.zone) byZone.get(asset.zone)?.assets.push(asset.id);
  }
  for (const edge of source.edges) {
    const z = zoneOf.get(edge.from);
    if (z && z === zoneOf.get(edge.to)) byZone.get(z)?.edges.push([edge.from, edge.to]);
  }
  const out = [...byZone.values()].filter((s) => s.assets.length > 0);
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
  if (options.elk && nodes.length <= elkMax && edges.length <= elkMax * 3) {
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
  return { w: Math.round(r.width), h: Math.round(r.height), p };
}

/** The screen the composition aims for: the canvas of a laptop-sized window next to the sidebar. */
const TARGET_SCREEN = { w: 1200, h: 830 };

/**
 * A compact composition for a few groups (zones and unzoned assets): the groups
 * in data-flow order (the layered layout's layers, top to bottom inside a
 * layer) fill columns from left to right, each column up to a height chosen so
 * the whole picture is closest to a landscape screen. Same input → same output.
 */
function packGroups(groups: LayeredNode[], edges: [string, string][], layerGap: number, nodeGap: number): Piece {
  if (groups.length === 0) return { w: 0, h: 0, p: {} }; // an empty world: nothing to pack, and no option to choose from
  const flow = layeredLayout(groups, edges, { layerGap, nodeGap });
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

export async function layoutGraph(
  source: GraphSource,
  options: LayoutOptions = {},
): Promise<{ layout: GraphLayout; stats: LayoutStats }> {
  const started = performance.now();
  const cache = options.cache;
  const subs = zoneSubgraphs(source);
  const keys = subs.map(zoneLayoutKey);
  const cached = cache ? await cache.getMany(keys) : new Map<string, unknown>();
  const pieces = new Map<string, Piece>();
  const fresh: { key: string; value: unknown }[] = [];
  let zonesComputed = 0;
  for (let i = 0; i < subs.length; i++) {
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

  // Coarse level: zone boxes and unzoned assets, linked by the zone-level flow graph.
  const groupOf = new Map<string, string>();
  for (const asset of source.assets) {
    groupOf.set(asset.id, asset.zone && pieces.has(asset.zone) ? `z:${asset.zone}` : `a:${asset.id}`);
  }
  const groups: LayeredNode[] = [];
  for (const [zone, piece] of pieces) {
    groups.push({ id: `z:${zone}`, w: Math.max(ZONE_MIN_W, piece.w + 2 * ZONE_PAD), h: piece.h + ZONE_HEADER + ZONE_PAD });
  }
  for (const asset of source.assets) if (groupOf.get(asset.id) === `a:${asset.id}`) groups.push({ id: `a:${asset.id}`, w: NODE_W, h: NODE_H });
  groups.sort((a, b) => (a.id < b.id ? -1 : 1));
  const coarseEdgeSet = new Set<string>();
  for (const edge of source.edges) {
    const a = groupOf.get(edge.from);
    const b = groupOf.get(edge.to);
    if (a && b && a !== b) coarseEdgeSet.add(`${a}\u0001${b}`);
  }
  const coarseEdges = [...coarseEdgeSet].sort().map((k) => k.split("\u0001") as [string, string]);
  const coarseKey = `coarse:${LAYOUT_VERSION}:${stableHash(
    groups.map((g) => `${g.id}:${g.w}x${g.h}`).join("\n") + "\u0000" + [...coarseEdgeSet].sort().join("\n"),
  )}`;
  let coarse = cache ? ((await cache.getMany([coarseKey])).get(coarseKey) as Piece | undefined) : undefined;
  let coarseComputed = false;
  if (!coarse || !coarse.p) {
    coarse =
      groups.length <= (options.elkMaxCoarse ?? 40)
        ? packGroups(groups, coarseEdges, COARSE_LAYER_GAP, COARSE_NODE_GAP)
        : await layoutPiece(groups, coarseEdges, COARSE_LAYER_GAP, COARSE_NODE_GAP, options, options.elkMaxCoarse ?? 40);
    fresh.push({ key: coarseKey, value: coarse });
    coarseComputed = true;
  }
  if (cache && fresh.length) await cache.setMany(fresh);

  const zones: Record<string, Box> = {};
  const assets: Record<string, Point> = {};
  const routes: Record<string, number[]> = {};
  const size = new Map(groups.map((g) => [g.id, g]));
  for (const [zone, piece] of pieces) {
    const [x, y] = coarse.p[`z:${zone}`];
    const g = size.get(`z:${zone}`)!;
    zones[zone] = { x, y, w: g.w, h: g.h };
    const offsetX = x + ZONE_PAD + Math.max(0, (g.w - 2 * ZONE_PAD - piece.w) / 2);
    const offsetY = y + ZONE_HEADER;
    for (const [id, [px, py]] of Object.entries(piece.p)) assets[id] = { x: offsetX + px, y: offsetY + py };
    for (const [id, flat] of Object.entries(piece.r ?? {})) routes[id] = flat.map((v, i) => (i % 2 ? offsetY : offsetX) + v);
  }
  for (const asset of source.assets) {
    if (assets[asset.id]) continue;
    const at = coarse.p[`a:${asset.id}`];
    if (at) assets[asset.id] = { x: at[0], y: at[1] };
  }
  const bounds = { x: 0, y: 0, w: coarse.w, h: coarse.h };
  return {
    layout: { assets, zones, bounds, routes },
    stats: { zones: subs.length, zonesComputed, coarseComputed, ms: performance.now() - started },
  };
}
