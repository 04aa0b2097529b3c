import { layoutGraph } from "@/lib/graph/layout";
import type { GraphLayout } from "@/lib/graph/types";
import { focusSet, indexGraph, type GraphIndex } from "@/lib/graph/view";
import { graphElk, type LoadedGraph } from "./load-graph";
import { prismaLayoutCache } from "./layout-cache";

/** Focus sets up to this size get a layout of their own (compact, readable); larger ones keep the global picture. */
const FOCUS_RELAYOUT_MAX = 3000;
const focusMemo = new WeakMap<LoadedGraph, Map<string, Promise<{ index: GraphIndex; layout: GraphLayout }>>>();

/**
 * Focus mode lays out just the upstream and downstream, per zone and composed like the whole graph
 * (same cache, content-hashed, so the same focus always gives the same picture).
 */
export function focusedGraph(graph: LoadedGraph, focus: string, depth: number | null) {
  let memo = focusMemo.get(graph);
  if (!memo) focusMemo.set(graph, (memo = new Map()));
  const key = `${focus}|${depth}`;
  let entry = memo.get(key);
  if (!entry) {
    const members = focusSet(graph.index, focus, depth);
    if (members.size > FOCUS_RELAYOUT_MAX) return null;
    const source = {
      zones: graph.source.zones,
      assets: graph.source.assets.filter((a) => members.has(a.id)),
      edges: graph.source.edges.filter((e) => members.has(e.from) && members.has(e.to)),
    };
    entry = layoutGraph(source, { cache: prismaLayoutCache(), elk: graphElk() }).then(({ layout }) => ({ index: indexGraph(source), layout }));
    if (memo.size > 32) memo.clear();
    memo.set(key, entry);
    // A failed layout (the database blinked) is not remembered: the next request tries again.
    const settled = entry;
    settled.catch(() => {
      if (memo.get(key) === settled) memo.delete(key);
    });
  }
  return entry;
}

