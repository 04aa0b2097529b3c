import type { Metadata } from "next";
import { RefreshCw, ShieldCheck, ShieldX } from "lucide-react";
import { Pagination, SearchForm, tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { listAuditEntries } from "@/server/audit/list-audit-entries";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { listQuery } from "@/server/paging";
import { firstParam, type SearchParams } from "../_lib/or-not-found";
import { recheckWholeAuditChain } from "./actions";

export const metadata: Metadata = { title: "Audit log" };

const utc = (at: Date) => at.toISOString().replace("T", " ").slice(0, 19);

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const { q, page } = listQuery.parse({ q: firstParam(raw.q), page: firstParam(raw.page) });
  const [entries, chain] = await Promise.all([listAuditEntries({ page, q }), verifyAuditChain()]);
  return (
    <PageBody>
      <PageHeader
        title="Audit log"
        description="Every decision is an entry in an append-only hash chain: each entry's hash covers the previous hash and the entry itself, so any edit, deletion or reordering shows. Each view hashes the entries written since the last check; the full re-check hashes every entry again."
      />
      <div
        className={`mb-5 flex items-center gap-3 rounded-lg border px-4 py-3 text-sm ${chain.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-rose-200 bg-rose-50 text-rose-900"}`}
        data-testid="chain-status"
      >
        {chain.ok ? <ShieldCheck className="size-5" aria-hidden /> : <ShieldX className="size-5" aria-hidden />}
        {chain.ok ? (
          <span>
            <strong>Chain intact.</strong> {chain.verifiedThrough === 0 ? "No entries yet." : `Entries 1 to ${chain.verifiedThrough} verified`}
            {chain.verifiedThrough > 0 && !chain.full ? ` (${chain.hashed} new since the last check)` : ""}.
          </span>
        ) : (
          <span><strong>Chain broken at entry {chain.sequence}</strong> ({chain.kind.replaceAll("_", " ")}): {chain.message}</span>
        )}
        <span className="ml-auto text-xs opacity-80" data-testid="full-check-at">
          {chain.fullCheckAt ? `Whole chain last re-checked ${utc(chain.fullCheckAt)} UTC` : "Whole chain not re-checked yet"}
        </span>
        <form action={recheckWholeAuditChain}>
          <button type="submit" className="inline-flex items-center gap-1.5 rounded-md border border-current/30 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-50">
            <RefreshCw className="size-3.5" aria-hidden /> Re-check the whole chain
          </button>
        </form>
      </div>
      <SearchForm action="/audit" q={q} placeholder="Search by action, subject or actor…" />
      {entries.rows.length === 0 ? (
        <EmptyState title="No audit entries yet" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className={tableClass}>
            <thead className="bg-slate-50">
              <tr>
                <th className={thClass}>#</th>
                <th className={thClass}>Time (UTC)</th>
                <th className={thClass}>Actor</th>
                <th className={thClass}>Action</th>
                <th className={thClass}>Subject</th>
                <th className={thClass}>Details</th>
                <th className={thClass}>Hash</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.rows.map((entry) => (
                <tr key={entry.sequence}>
                  <td className={`${tdClass} tabular-nums text-slate-500`}>{entry.sequence}</td>
                  <td className={`${tdClass} whitespace-nowrap tabular-nums text-xs`}>{utc(entry.at)}</td>
                  <td className={`${tdClass} text-xs`}>{entry.actor}</td>
                  <td className={tdClass}><code className="text-xs">{entry.action}</code></td>
                  <td className={`${tdClass} text-xs`}>{entry.subject}</td>
                  <td className={tdClass}>
                    <code className="line-clamp-2 max-w-md break-all text-[11px] text-slate-600">{JSON.stringify(entry.payload)}</code>
                  </td>
                  <td className={tdClass}><code className="text-[11px] text-slate-500" title={entry.hash}>{entry.hash.slice(0, 12)}…</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination base="/audit" params={{ q }} page={entries.page} pageCount={entries.pageCount} total={entries.total} noun="entry" plural="entries" />
    </PageBody>
  );
}
