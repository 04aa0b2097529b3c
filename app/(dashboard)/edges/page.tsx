import Link from "next/link";
import type { Metadata } from "next";
import { EdgeReviewList } from "@/components/edges/edge-review-list";
import { Pagination } from "@/components/ui/list-controls";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { can } from "@/lib/auth/permissions";
import { SIGNALS } from "@/lib/world/schema";
import { listUnreviewedEdges, type UnreviewedEdgeFilter } from "@/server/lineage/list-unreviewed-edges";
import { MAX_EDGES_PER_REVIEW } from "@/server/lineage/review-edges";
import { zoneOptions } from "@/server/zones/list-zones";
import { firstParam, orNotFound, type SearchParams } from "../_lib/or-not-found";
import { FlowEdgeList, FlowSummary, GroupChip } from "@/components/zone-matrix/flow-edge-list";
import { parseViewState } from "@/lib/graph/query-schemas";
import { EMPTY_VIEW, serializeViewState } from "@/lib/graph/view-state";
import { isFlowEdgeQuery, listFlowEdges } from "@/server/graph/list-flow-edges";
import { pageActor } from "@/app/_lib/session";
import { markSelectedEdgesReviewed } from "./actions";

export const metadata: Metadata = { title: "Edge review" };
// The flow lists read the in-process graph of the current world state: never at build time.
export const dynamic = "force-dynamic";

const field = "mt-1 block rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm";

export default async function EdgeReviewPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const raw = await searchParams;
  const flow = { fromZone: firstParam(raw.fromZone), toZone: firstParam(raw.toZone) };
  if (isFlowEdgeQuery(flow)) return <FlowEdgesPage flow={flow} raw={raw} />;
  const [list, zones] = await Promise.all([
    listUnreviewedEdges({ zone: firstParam(raw.zone), signal: firstParam(raw.signal) as UnreviewedEdgeFilter["signal"], seenFrom: firstParam(raw.from), seenTo: firstParam(raw.to), page: firstParam(raw.page) }),
    zoneOptions(),
  ]);
  const { filter } = list;
  const filtered = Boolean(filter.zone || filter.signal || filter.seenFrom || filter.seenTo);
  const canReview = can(actor.roles, "edge.review");
  return (
    <PageBody>
      <PageHeader
        eyebrow={<Link href="/changes" className="hover:text-brand-600">Changes</Link>}
        title="Edge review"
        description={`Lineage edges nobody has reviewed yet. A reviewer checks that each flow is expected, then marks it reviewed; the graph stops drawing it amber. Up to ${MAX_EDGES_PER_REVIEW} at once, one audit entry per decision.`}
      />
      <form action="/edges" method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter unreviewed edges">
        <label className="text-xs font-medium text-slate-600">
          Zone (leaving or entering)
          <select name="zone" defaultValue={filter.zone ?? ""} className={`${field} w-52`}>
            <option value="">Any zone</option>
            {zones.map((z) => <option key={z.id} value={z.id}>{z.name}</option>)}
          </select>
        </label>
        <label className="text-xs font-medium text-slate-600">
          Signal
          <select name="signal" defaultValue={filter.signal ?? ""} className={`${field} w-44`}>
            <option value="">Any signal</option>
            {SIGNALS.map((s) => <option key={s} value={s}>{s.replaceAll("_", " ")}</option>)}
          </select>
        </label>
        <label className="text-xs font-medium text-slate-600">
          First seen from
          <input type="date" name="from" defaultValue={filter.seenFrom ?? ""} className={field} />
        </label>
        <label className="text-xs font-medium text-slate-600">
          to
          <input type="date" name="to" defaultValue={filter.seenTo ?? ""} className={field} />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-slate-50">Filter</button>
        {filtered ? <Link href="/edges" className="py-1.5 text-sm text-brand-600 hover:underline">Clear</Link> : null}
      </form>
      <EdgeReviewList
        empty={
          <EmptyState title={filtered ? "No unreviewed edge matches these filters" : "Every edge has been reviewed"}>
            {filtered ? null : "New edges appear here as lineage is ingested."}
          </EmptyState>
        }
        canReview={canReview}
        action={markSelectedEdgesReviewed}
        edges={list.rows.map((e) => ({
          from: { id: e.fromId, name: e.from.name, namespace: e.from.namespace, zone: e.from.zone },
          to: { id: e.toId, name: e.to.name, namespace: e.to.namespace, zone: e.to.zone },
          signals: e.signals,
          firstSeen: e.firstSeen?.toISOString() ?? null,
        }))}
      />
      <Pagination
        base="/edges"
        params={{ zone: filter.zone, signal: filter.signal, from: filter.seenFrom, to: filter.seenTo }}
        page={list.page}
        pageCount={list.pageCount}
        total={list.total}
        noun="unreviewed edge"
      />
    </PageBody>
  );
}

/** `/edges?fromZone=A&toZone=B` (either alone: every flow leaving or entering): the edges behind a zone matrix cell or a zone map flow. */
async function FlowEdgesPage({ flow, raw }: { flow: { fromZone?: string; toZone?: string }; raw: Awaited<SearchParams> }) {
  const view = parseViewState(raw);
  const filter = { violationsOnly: view.violationsOnly, categories: view.categories };
  const list = await orNotFound(listFlowEdges({ ...flow, page: firstParam(raw.page), filter }));
  const viewQuery = serializeViewState({ ...EMPTY_VIEW, categories: view.categories, violationsOnly: view.violationsOnly });
  const filterText = [view.violationsOnly ? "violations only" : null, view.categories.length ? `categories ${view.categories.join(", ")}` : null].filter(Boolean).join(" · ");
  return (
    <PageBody>
      <PageHeader
        eyebrow={<Link href={`/graph/matrix${viewQuery ? `?${viewQuery}` : ""}`} className="hover:text-brand-600">Zone matrix</Link>}
        title={
          <span className="flex flex-wrap items-center gap-2" data-testid="flow-title">
            Flow {list.from ? <GroupChip group={list.from} /> : <span className="text-base font-normal text-slate-600">any zone</span>}
            <span aria-label="to">→</span>
            {list.to ? <GroupChip group={list.to} /> : <span className="text-base font-normal text-slate-600">any zone</span>}
          </span>
        }
        description={
          <>
            The lineage edges from {list.from ? list.from.name : "other zones"} to {list.to ? list.to.name : "other zones"}, worst first, with the engine&apos;s verdict for each.
            {filterText ? <> Filtered: {filterText}. <Link href={`/edges?${new URLSearchParams(Object.entries(flow).filter((e): e is [string, string] => Boolean(e[1])))}`} className="text-brand-700 hover:underline">Show all</Link></> : null}
          </>
        }
      />
      <div className="mb-3"><FlowSummary summary={list.summary} /></div>
      {list.rows.length ? (
        <FlowEdgeList rows={list.rows} />
      ) : (
        <EmptyState title="No edge in this flow">{filterText ? "Nothing matches the filter." : "No lineage edge goes from the one to the other."}</EmptyState>
      )}
      <Pagination
        base="/edges"
        params={{ fromZone: flow.fromZone, toZone: flow.toZone, ...Object.fromEntries(new URLSearchParams(viewQuery)) }}
        page={list.page}
        pageCount={list.pageCount}
        total={list.total}
        noun="edge"
      />
    </PageBody>
  );
}
