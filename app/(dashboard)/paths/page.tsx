import Link from "next/link";
import type { Metadata } from "next";
import { ArrowRight } from "lucide-react";
import { Badge, PATH_STATUS_TONE, ZoneChip } from "@/components/ui/chips";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { PATH_STATUSES } from "@/lib/world/schema";
import { listSanctionedPaths } from "@/server/paths/list-paths";
import { firstParam, type SearchParams } from "../_lib/or-not-found";
import { pageActor } from "@/app/_lib/session";

export const metadata: Metadata = { title: "Sanctioned paths" };

const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

export default async function PathsPage({ searchParams }: { searchParams: SearchParams }) {
  await pageActor();
  const status = firstParam((await searchParams).status);
  const { paths, counts } = await listSanctionedPaths({ status });
  const now = new Date();
  return (
    <PageBody wide>
      <PageHeader
        title="Sanctioned paths"
        description="The only ways data may leave a zone: from one zone to another (or out of all zones), for listed categories and optionally one purpose. Engineers request them; privacy reviewers approve, reject or revoke them."
      />
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

                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-4 text-xs text-slate-500">Requesting and reviewing paths from the dashboard arrives with sign-in and roles; today paths come from world files and the CLI.</p>
    </PageBody>
  );
}
