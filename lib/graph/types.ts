// The graph's own vocabulary, independent of where the world came from: the
// server adapts a World + Evaluation into a GraphSource, and everything in
// lib/graph (layout, view model, URL codec) works on these plain shapes so it
// can run on the server, in tests and in the browser alike.

/** How an edge is drawn, worst first when several edges are aggregated. */
export type EdgeStatus = "violation" | "unreviewed" | "sanctioned" | "permitted";
export const STATUS_ORDER: readonly EdgeStatus[] = ["violation", "unreviewed", "sanctioned", "permitted"];

export function worstStatus(a: EdgeStatus, b: EdgeStatus): EdgeStatus {
  return STATUS_ORDER.indexOf(a) <= STATUS_ORDER.indexOf(b) ? a : b;
}

export interface GraphZone {
  id: string;
  name: string;
  color: string;
  mode?: "enforcing" | "logging";
}

export interface GraphAsset {
  id: string;
  name: string;
  namespace: string;
  kind: string;
  zone: string | null;
  /** Categories of the asset's effective labels (for the category filter). */
  categories: string[];
  /** Violations whose subject is this asset or an edge leaving/entering it. */
  violations: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** The engine's verdict: permitted / sanctioned (crossing allowed by a path) / violation. */
  verdict: "permitted" | "sanctioned" | "violation";
  unreviewed: boolean;
  /** Names (or ids) of the sanctioned paths that allow the crossing. */
  paths: string[];
  /**
   * The categories flowing along the edge (its source's effective labels after the edge's
   * transforms), sorted. graph-source.ts sets it on edges between two zone groups (zone-flows.ts),
   * where the zone map and matrix break flows down by category; elsewhere it may be absent.
   */
  categories?: string[];
}

export interface GraphSource {
  zones: GraphZone[];
  assets: GraphAsset[];
  edges: GraphEdge[];
}

export function edgeId(from: string, to: string): string {
  return `${from}\u2192${to}`;
}

export function edgeStatus(edge: Pick<GraphEdge, "verdict" | "unreviewed">): EdgeStatus {
  if (edge.verdict === "violation") return "violation";
  if (edge.unreviewed) return "unreviewed";
  return edge.verdict;
}

export interface Point {
  x: number;
  y: number;
}
export interface Box extends Point {
  w: number;
  h: number;
}

/** Positions for every asset (absolute) and every zone box. */
export interface GraphLayout {
  assets: Record<string, Point>;
  zones: Record<string, Box>;
  bounds: Box;
  /**
   * Orthogonal routes (absolute x,y pairs, first point on the source's border, last on the
   * target's) of edges inside zones that elkjs laid out, keyed by edgeId. Other edges have none.
   */
  routes?: Record<string, number[]>;
}

// Sizes are fixed so React Flow never has to measure a node (measuring
// thousands of nodes is what made first paint take seconds).
export const NODE_W = 184;
export const NODE_H = 48;
export const ZONE_PAD = 16;
export const ZONE_HEADER = 48;
export const COLLAPSED_W = 260;
export const COLLAPSED_H = 88;
