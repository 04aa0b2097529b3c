// The lineage edges of one zone flow (or of every flow leaving or entering a
// group), for the Edges page behind a cell of the zone matrix or a flow of the
// zone map. Verdicts are the engine's, so the list is read from the loaded
// graph (the same source the matrix counts) rather than from SQL: a cell that
// says 12 opens a list of 12.
import { z } from "zod";
import { STATUS_ORDER, edgeStatus, type EdgeStatus } from "@/lib/graph/types";
import { QUERY_LIMITS } from "@/lib/graph/view-state";
import { ALL_UNZONED, ALL_UNZONED_NAME, edgesOfFlow, unzonedNamespace, UNZONED_COLOR, type FlowEdgeRow, type FlowGroupInfo, type ZoneFlowFilter } from "@/lib/graph/zone-flows";

export type { FlowEdgeRow, FlowGroupInfo };
import { AppError } from "../errors";
import { clampPage, pageOf } from "../paging";
import { loadGraph } from "./load-graph";

export const FLOW_EDGES_PAGE_SIZE = 100;

const groupParam = z.string().min(1).max(QUERY_LIMITS.id).optional().catch(undefined);

/** As they come from the URL: a malformed value is ignored (the page forgives), an unknown zone is a 404. */
export const FlowEdgeQuery = z.object({
  fromZone: groupParam,
  toZone: groupParam,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type FlowEdgeQuery = z.input<typeof FlowEdgeQuery>;

export function isFlowEdgeQuery(params: { fromZone?: string; toZone?: string }): boolean {
  return Boolean(params.fromZone || params.toZone);
}

export async function listFlowEdges(input: FlowEdgeQuery & { filter?: ZoneFlowFilter }) {
  const query = FlowEdgeQuery.parse(input);
  if (!query.fromZone && !query.toZone) throw new AppError("INVALID_REQUEST", "fromZone: give fromZone, toZone or both");
  const graph = await loadGraph();
  const zones = new Map(graph.source.zones.map((z) => [z.id, z]));
  const groupInfo = (param: "fromZone" | "toZone", id: string | undefined): FlowGroupInfo | null => {
    if (id === undefined) return null;
    const zone = zones.get(id);
    if (zone) return { id, name: zone.name, color: zone.color, pseudo: false };
    if (id === ALL_UNZONED) return { id, name: ALL_UNZONED_NAME, color: UNZONED_COLOR, pseudo: true };
    const namespace = unzonedNamespace(id);
    if (namespace) return { id, name: `${namespace} (unzoned)`, color: UNZONED_COLOR, pseudo: true };
    throw new AppError("NOT_FOUND", `${param}: unknown zone "${id}"`);
  };
  const from = groupInfo("fromZone", query.fromZone);
  const to = groupInfo("toZone", query.toZone);
  const merged = query.fromZone === ALL_UNZONED || query.toZone === ALL_UNZONED;
  const filter: ZoneFlowFilter = { ...input.filter, unzoned: merged ? "merged" : "namespace" };

  const edges = edgesOfFlow(graph.source, { from: query.fromZone, to: query.toZone }, filter);
  const summary = { edges: edges.length, violation: 0, sanctioned: 0, permitted: 0, unreviewed: 0 };
  for (const e of edges) {
    summary[e.verdict]++;
    if (e.unreviewed) summary.unreviewed++;
  }
  const asset = (id: string) => {
    const a = graph.index.asset.get(id)!;
    return { id, name: a.name, namespace: a.namespace };
  };
  // Worst first, then by the names a reviewer reads.
  const rank = (e: (typeof edges)[number]) => STATUS_ORDER.indexOf(edgeStatus(e));
  const nameOf = (id: string) => graph.index.asset.get(id)!.name;
  const sorted = [...edges].sort(
    (a, b) => rank(a) - rank(b) || nameOf(a.from).localeCompare(nameOf(b.from), "en") || nameOf(a.to).localeCompare(nameOf(b.to), "en") || (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0),
  );
  const page = clampPage(query.page, sorted.length, FLOW_EDGES_PAGE_SIZE);
  const rows: FlowEdgeRow[] = sorted.slice((page - 1) * FLOW_EDGES_PAGE_SIZE, page * FLOW_EDGES_PAGE_SIZE).map((e) => ({
    from: asset(e.from),
    to: asset(e.to),
    status: edgeStatus(e),
    verdict: e.verdict,
    unreviewed: e.unreviewed,
    paths: e.paths,
    categories: e.categories ?? [],
  }));
  return { ...pageOf(rows, sorted.length, page, FLOW_EDGES_PAGE_SIZE), from, to, summary, filter };
}
