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
import { firstParam, type SearchParams } from "../_lib/or-not-found";
import { pageActor } from "@/app/_lib/session";
import { markSelectedEdgesReviewed } from "./actions";

export const metadata: Metadata = { title: "Edge review" };

const field = "mt-1 block rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm";

export default async function EdgeReviewPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const raw = await searchParams;
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
