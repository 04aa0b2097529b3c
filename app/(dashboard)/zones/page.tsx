import Link from "next/link";
import type { Metadata } from "next";
import { Badge, RuleChip } from "@/components/ui/chips";
import { Pagination, SearchForm, tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { listQuery } from "@/server/paging";
import { listZones } from "@/server/zones/list-zones";
import { firstParam, type SearchParams } from "../_lib/or-not-found";
import { pageActor } from "@/app/_lib/session";
import { Plus } from "lucide-react";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Zones" };

export default async function ZonesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const raw = await searchParams;
  const { q, page } = listQuery.parse({ q: firstParam(raw.q), page: firstParam(raw.page) });
  const zones = await listZones({ q, page });
  return (
    <PageBody>
      <PageHeader
        title="Policy zones"
        description="Each zone permits some data categories (at a minimum protection, with or without consent) and some purposes. Data may leave a zone only through an approved sanctioned path."
        actions={
          can(actor.roles, "zone.edit") ? (
            <Link href="/zones/new" className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
              <Plus className="size-4" aria-hidden /> New zone
            </Link>
          ) : null
        }
      />
      <SearchForm action="/zones" q={q} placeholder="Search zones by name, id, owner…" />
      {zones.rows.length === 0 ? (
        <EmptyState title={q ? `No zone matches “${q}”` : "No zones yet"}>{q ? null : "Import a world file with `npm run zoneline -- import`."}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className={tableClass}>
            <thead className="bg-slate-50">
              <tr>
                <th className={thClass}>Zone</th>
                <th className={thClass}>Allowed categories</th>
                <th className={thClass}>Purposes</th>
                <th className={thClass}>Owner</th>
                <th className={`${thClass} text-right`}>Assets</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {zones.rows.map((zone) => (
                <tr key={zone.id} className="hover:bg-slate-50/60">
                  <td className={tdClass}>
                    <Link href={`/zones/${encodeURIComponent(zone.id)}`} className="flex items-center gap-2 font-medium text-ink hover:text-brand-600">
                      <span className="size-3 shrink-0 rounded" style={{ backgroundColor: zone.color }} aria-hidden />
                      {zone.name}
                    </Link>
                    <div className="mt-0.5 flex items-center gap-2 pl-5 text-xs text-slate-500">
                      <code>{zone.id}</code>
                      {zone.mode === "logging" ? <Badge tone="violet" title="violations are found and shown; admission reasons in this zone are recorded, not enforced">logging mode</Badge> : null}
                    </div>
                  </td>
                  <td className={tdClass}>
                    <div className="flex max-w-md flex-wrap gap-1">
                      {zone.rules.length ? zone.rules.map((rule) => <RuleChip key={rule.position} category={rule.categoryKey} minQualifier={rule.minQualifier} requireConsent={rule.requireConsent} />) : <span className="text-xs text-slate-400">none</span>}
                    </div>
                  </td>
                  <td className={tdClass}>
                    <div className="flex max-w-xs flex-wrap gap-1">
                      {zone.purposes.length ? zone.purposes.map((p) => <code key={p.position} className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px]">{p.purposeKey}</code>) : <span className="text-xs text-slate-400">none</span>}
                    </div>
                  </td>
                  <td className={`${tdClass} text-slate-600`}>{zone.owner ?? "—"}</td>
                  <td className={`${tdClass} text-right tabular-nums`}>{zone._count.assets}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination base="/zones" params={{ q }} page={zones.page} pageCount={zones.pageCount} total={zones.total} noun="zone" />
    </PageBody>
  );
}
