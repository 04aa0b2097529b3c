import Link from "next/link";
import type { Metadata } from "next";
import { ArrowRight, Network, Plus } from "lucide-react";
import { DecisionForm } from "@/components/paths/decision-forms";
import { DryRunView } from "@/components/paths/dry-run-view";
import { Badge, PATH_STATUS_TONE, ZoneChip } from "@/components/ui/chips";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { can } from "@/lib/auth/permissions";
import { availableTransitions } from "@/lib/paths/lifecycle";
import { PATH_STATUSES } from "@/lib/world/schema";
import { listSanctionedPaths } from "@/server/paths/list-paths";
import { listReviewQueue } from "@/server/paths/list-review-queue";
import { decidePathAction, withdrawPathAction } from "./actions";
import { firstParam, type SearchParams } from "../_lib/or-not-found";
import { pageActor } from "@/app/_lib/session";

export const metadata: Metadata = { title: "Sanctioned paths" };

const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

export const dynamic = "force-dynamic";

export default async function PathsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const params = await searchParams;
  const status = firstParam(params.status);
  const requested = firstParam(params.requested);
  const [{ paths, counts }, queue] = await Promise.all([listSanctionedPaths({ status }), listReviewQueue()]);
  const now = new Date();
  const mayRequest = can(actor.roles, "path.request");
  return (
    <PageBody wide>
      <PageHeader
        title="Sanctioned paths"
        description="The only ways data may leave a zone: from one zone to another (or out of all zones), for listed categories and optionally one purpose. Engineers request them; privacy reviewers approve, reject or revoke them."
        actions={
          mayRequest ? (
            <Link href="/paths/new" className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
              <Plus className="size-4" aria-hidden /> New request
            </Link>
          ) : null
        }
      />
      {requested ? (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Request <code className="font-mono">{requested}</code> sent. It is in the review queue below; a privacy reviewer other than you decides it.
        </p>
      ) : null}
      <section className="mb-8" aria-labelledby="queue-title" data-testid="review-queue">
        <h2 id="queue-title" className="mb-3 flex items-baseline gap-2 text-lg font-semibold text-ink">
          Review queue <span className="text-sm font-normal text-slate-500">{queue.length} pending, oldest first</span>
        </h2>
        {queue.length === 0 ? (
          <EmptyState title="Nothing waits for a decision" />
        ) : (
          <ol className="space-y-4">
            {queue.map(({ path, fromZone, toZone, dryRun, lineage }) => (
              <li key={path.id} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:grid-cols-[minmax(0,1fr)_minmax(0,28rem)]" data-testid={`queued-${path.id}`}>
                <div className="min-w-0 space-y-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="amber">pending</Badge>
                    <ZoneChip zone={fromZone} />
                    <ArrowRight className="size-3.5 text-slate-400" aria-hidden />
                    {toZone ? <ZoneChip zone={toZone} /> : <span className="text-xs italic text-slate-500">out of all zones</span>}
                    <code className="text-[11px] text-slate-500">{path.id}</code>
                  </div>
                  <div className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
                    {path.categories.map((c) => <code key={c} className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-800">{c}</code>)}
                    <span className="ml-1">for {path.purpose ? <code className="text-slate-800">{path.purpose}</code> : "any purpose"}</span>
                    {path.expiresAt ? <span className="ml-1">· expires {path.expiresAt.slice(0, 10)}</span> : null}
                  </div>
                  <blockquote className="border-l-2 border-slate-200 pl-3 text-sm leading-6 text-slate-700">{path.justification ?? "—"}</blockquote>
                  <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500">
                    <span>requested by <span className="font-medium text-slate-700">{path.requester ?? "—"}</span>{path.requestedAt ? ` on ${path.requestedAt.slice(0, 10)}` : ""}</span>
                    <Link href={lineage} className="inline-flex items-center gap-1 font-medium text-brand-600 hover:text-brand-700">
                      <Network className="size-3.5" aria-hidden /> Show the lineage on the graph
                    </Link>
                  </div>
                  <DecisionForm pathId={path.id} transitions={availableTransitions(actor, path)} decide={decidePathAction} withdraw={withdrawPathAction} />
                  {path.requester?.toLowerCase() === actor.email.toLowerCase() && can(actor.roles, "path.decide") ? (
                    <p className="text-xs text-slate-500">This is your request: another privacy reviewer decides it.</p>
                  ) : null}
                </div>
                <DryRunView dryRun={dryRun} />
              </li>
            ))}
          </ol>
        )}
      </section>
      <h2 className="mb-3 text-lg font-semibold text-ink">All paths</h2>
      <nav className="mb-4 flex flex-wrap gap-2 text-sm" aria-label="Filter by status">
        <Link href="/paths" className={`rounded-full px-3 py-1 ring-1 ring-inset ${!status ? "bg-slate-900 text-white ring-slate-900" : "bg-white ring-slate-300 hover:bg-slate-50"}`}>
          All ({Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)})
        </Link>
        {PATH_STATUSES.map((s) => (
          <Link key={s} href={`/paths?status=${s}`} className={`rounded-full px-3 py-1 capitalize ring-1 ring-inset ${status === s ? "bg-slate-900 text-white ring-slate-900" : "bg-white ring-slate-300 hover:bg-slate-50"}`}>
            {s} ({counts[s] ?? 0})
          </Link>
        ))}
      </nav>
      {paths.length === 0 ? (
        <EmptyState title="No sanctioned paths here" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className={tableClass}>
            <thead className="bg-slate-50">
              <tr>
                <th className={thClass}>Status</th>
                <th className={thClass}>Path</th>
                <th className={thClass}>Allows</th>
                <th className={thClass}>Justification</th>
                <th className={thClass}>People</th>
                <th className={thClass}><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {paths.map((path) => {
                const expired = path.expiresAt !== null && path.expiresAt <= now;
                return (
                  <tr key={path.id}>
                    <td className={tdClass}>
                      <div className="flex flex-col items-start gap-1">
                        <Badge tone={PATH_STATUS_TONE[path.status]}>{path.status}</Badge>
                        {path.expiresAt ? (
                          <span className={`text-[11px] ${expired ? "font-medium text-rose-700" : "text-slate-500"}`}>{expired ? "expired" : "expires"} {day(path.expiresAt)}</span>
                        ) : null}
                      </div>
                    </td>
                    <td className={tdClass}>
                      <div className="flex min-w-[11rem] flex-wrap items-center gap-1.5">
                        <ZoneChip zone={path.fromZone} />
                        <ArrowRight className="size-3.5 text-slate-400" aria-hidden />
                        {path.toZone ? <ZoneChip zone={path.toZone} /> : <span className="text-xs italic text-slate-500">out of all zones</span>}
                      </div>
                      <code className="mt-1 block text-[11px] text-slate-500">{path.id}</code>
                    </td>
                    <td className={tdClass}>
                      <div className="flex max-w-[16rem] flex-wrap gap-1">{path.categories.map((c) => <code key={c} className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px]">{c}</code>)}</div>
                      <div className="mt-1 text-xs text-slate-500">
                        for {path.purposeKey ? <code className="text-slate-700">{path.purposeKey}</code> : "any purpose"}
                      </div>
                    </td>
                    <td className={`${tdClass} min-w-[16rem] text-slate-700`}>
                      <p className="line-clamp-4" title={path.justification ?? undefined}>{path.justification ?? <span className="text-slate-400">—</span>}</p>
                      {path.reviewNote ? <div className="mt-1 text-xs italic text-slate-500">Reviewer: {path.reviewNote}</div> : null}
                    </td>
                    <td className={`${tdClass} text-xs text-slate-600`}>
                      <div><span className="text-slate-400">by </span>{path.requester ?? "—"}{day(path.requestedAt) ? <span className="block text-slate-400">{day(path.requestedAt)}</span> : null}</div>
                      <div className="mt-0.5">{path.reviewer ? <><span className="text-slate-400">reviewed by </span>{path.reviewer}</> : <span className="text-slate-400">not reviewed</span>}{day(path.reviewedAt) ? <span className="block text-slate-400">{day(path.reviewedAt)}</span> : null}</div>
                    </td>
                    <td className={tdClass}>
                      {path.status === "approved" ? <DecisionForm pathId={path.id} transitions={availableTransitions(actor, path)} decide={decidePathAction} withdraw={withdrawPathAction} /> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </PageBody>
  );
}
