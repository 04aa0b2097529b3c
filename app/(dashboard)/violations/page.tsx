import type { Metadata } from "next";
import { RefreshCw } from "lucide-react";
import { ViolationCard } from "@/components/violations/violation-card";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { Pagination } from "@/components/ui/list-controls";
import { violationKindLabel } from "@/lib/violation-labels";
import { listOpenViolations } from "@/server/evaluations/list-violations";
import { listQuery } from "@/server/paging";
import { firstParam, type SearchParams } from "../_lib/or-not-found";
import { rerunEvaluation } from "./actions";
import { pageActor } from "@/app/_lib/session";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Violations" };

const selectClass = "rounded-md border border-slate-300 bg-white py-1.5 pl-2 pr-7 text-sm shadow-sm";

export default async function ViolationsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const raw = await searchParams;
  const zone = firstParam(raw.zone) || undefined;
  const kind = firstParam(raw.kind) || undefined;
  const category = firstParam(raw.category) || undefined;
  const { page: requested } = listQuery.parse({ page: firstParam(raw.page) });
  const { run, stale, page, facets, zones } = await listOpenViolations({ zone, kind, category, page: requested });
  const violations = page.rows;
  return (
    <PageBody>
      <PageHeader
        title="Violations"
        description={
          run
            ? `Open after the evaluation of ${run.at.toISOString().replace("T", " ").slice(0, 16)} UTC (run #${run.id}, ${run.assetCount} assets, ${run.edgeCount} edges): ${run.violationCount} violation${run.violationCount === 1 ? "" : "s"}.${stale ? " The world has changed since: re-run to bring this list up to date (the graph already shows the current verdicts)." : ""}`
            : "No evaluation has run yet."
        }
        actions={
          can(actor.roles, "world.evaluate") ? (
          <form action={rerunEvaluation}>
            <button type="submit" className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
              <RefreshCw className="size-4" aria-hidden /> Re-run evaluation
            </button>
          </form>
          ) : null
        }
      />
      <form action="/violations" method="get" className="mb-5 flex flex-wrap items-center gap-2" aria-label="Filter violations">
        <select name="zone" defaultValue={zone ?? ""} className={selectClass} aria-label="Zone">
          <option value="">All zones</option>
          {facets.zones.map((id) => <option key={id} value={id}>{zones.get(id)?.name ?? id}</option>)}
        </select>
        <select name="kind" defaultValue={kind ?? ""} className={selectClass} aria-label="Kind">
          <option value="">All kinds</option>
          {facets.kinds.map((k) => <option key={k} value={k}>{violationKindLabel(k)}</option>)}
        </select>
        <select name="category" defaultValue={category ?? ""} className={selectClass} aria-label="Category">
          <option value="">All categories</option>
          {facets.categories.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">Filter</button>
        {zone || kind || category ? <a href="/violations" className="text-sm text-brand-600 hover:underline">Clear</a> : null}
        <span className="ml-auto text-sm text-slate-500">{page.total} match{page.total === 1 ? "es" : ""}</span>
      </form>
      {violations.length === 0 ? (
        <EmptyState title={run ? "No violations match" : "Run an evaluation to see violations"}>{run && !zone && !kind && !category ? "Every flow is permitted." : null}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {violations.map((v) => {
            const z = zones.get(v.zoneId);
            return (
              <li key={v.id}>
                <ViolationCard violation={v} zone={z ? { id: v.zoneId, ...z } : null} />
              </li>
            );
          })}
        </ul>
      )}
      <Pagination base="/violations" params={{ zone, kind, category }} page={page.page} pageCount={page.pageCount} total={page.total} noun="violation" />
    </PageBody>
  );
}
