import Link from "next/link";
import type { Metadata } from "next";
import { LabelSuggestionList } from "@/components/labels/label-suggestion-list";
import { Pagination } from "@/components/ui/list-controls";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { can } from "@/lib/auth/permissions";
import { MAX_SUGGESTIONS_PER_DECISION } from "@/server/labels/decide-label-suggestions";
import { listLabelSuggestions, SUGGESTION_STATUSES } from "@/server/labels/list-label-suggestions";
import { firstParam, type SearchParams } from "../_lib/or-not-found";
import { pageActor } from "@/app/_lib/session";
import { decideLabelSuggestions } from "./actions";

export const metadata: Metadata = { title: "Label suggestions" };

const field = "mt-1 block rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm";

export default async function LabelSuggestionsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const raw = await searchParams;
  const list = await listLabelSuggestions({ status: firstParam(raw.status) as never, namespace: firstParam(raw.namespace), category: firstParam(raw.category), page: firstParam(raw.page) });
  const { filter, counts } = list;
  const filtered = Boolean(filter.namespace || filter.category);
  const params = { namespace: filter.namespace, category: filter.category };
  const tab = (status: (typeof SUGGESTION_STATUSES)[number]) => {
    const query = new URLSearchParams(Object.entries({ ...params, status }).filter((e): e is [string, string] => Boolean(e[1])));
    const active = filter.status === status;
    return (
      <Link
        key={status}
        href={`/labels?${query}`}
        aria-current={active ? "page" : undefined}
        data-testid={`tab-${status}`}
        className={`rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-white text-ink shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-ink"}`}
      >
        {status[0].toUpperCase() + status.slice(1)} <span className="tabular-nums text-slate-500">({counts[status]})</span>
      </Link>
    );
  };
  return (
    <PageBody>
      <PageHeader
        eyebrow={<Link href="/assets" className="hover:text-brand-600">Assets</Link>}
        title="Label suggestions"
        description={`Data categories proposed for the columns of ingested datasets: a column name that matches the dictionary (lib/labels/column-patterns.json), or a column derived, by column lineage, from one with a suggestion. Nothing is applied until a privacy reviewer accepts it; an accepted suggestion becomes a declared label of its asset. Up to ${MAX_SUGGESTIONS_PER_DECISION} at once, one audit entry per decision.`}
      />
      <nav aria-label="Status" className="mb-4 inline-flex gap-1 rounded-lg bg-slate-100 p-1">{SUGGESTION_STATUSES.map(tab)}</nav>
      <form action="/labels" method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter label suggestions">
        <input type="hidden" name="status" value={filter.status} />
        <label className="text-xs font-medium text-slate-600">
          Namespace
          <select name="namespace" defaultValue={filter.namespace ?? ""} className={`${field} w-52`}>
            <option value="">Any namespace</option>
            {list.namespaces.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <label className="text-xs font-medium text-slate-600">
          Category (and below)
          <select name="category" defaultValue={filter.category ?? ""} className={`${field} w-72`}>
            <option value="">Any category</option>
            {list.categories.map((c) => <option key={c.key} value={c.key}>{c.key}{c.name ? ` (${c.name})` : ""}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-slate-50">Filter</button>
        {filtered ? <Link href={`/labels?status=${filter.status}`} className="py-1.5 text-sm text-brand-600 hover:underline">Clear</Link> : null}
      </form>
      <LabelSuggestionList
        suggestions={list.rows}
        action={decideLabelSuggestions}
        canReview={can(actor.roles, "labels.review")}
        showAsset
        empty={
          <EmptyState title={filtered ? `No ${filter.status} suggestion matches these filters` : `No ${filter.status} suggestions`}>
            {filter.status === "pending" && !filtered ? "Suggestions appear here as datasets with a schema or column lineage are ingested." : null}
          </EmptyState>
        }
      />
      <Pagination base="/labels" params={{ ...params, status: filter.status }} page={list.page} pageCount={list.pageCount} total={list.total} noun={`${filter.status} suggestion`} />
    </PageBody>
  );
}
