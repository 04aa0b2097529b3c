import Link from "next/link";
import type { Metadata } from "next";
import { LabelChip, ZoneChip } from "@/components/ui/chips";
import { Pagination, SearchForm, tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { AssetKindIcon } from "@/components/ui/asset-kind-icon";
import { ASSET_KINDS } from "@/lib/world/schema";
import { listAssets, NO_ZONE } from "@/server/assets/list-assets";
import { listQuery } from "@/server/paging";
import { firstParam, type SearchParams } from "../_lib/or-not-found";
import { pageActor } from "@/app/_lib/session";

export const metadata: Metadata = { title: "Assets" };

const selectClass = "rounded-md border border-slate-300 bg-white py-1.5 pl-2 pr-7 text-sm shadow-sm";

export default async function AssetsPage({ searchParams }: { searchParams: SearchParams }) {
  await pageActor();
  const raw = await searchParams;
  const { q, page } = listQuery.parse({ q: firstParam(raw.q), page: firstParam(raw.page) });
  const zone = firstParam(raw.zone) || undefined;
  const kind = firstParam(raw.kind) || undefined;
  const assets = await listAssets({ q, page, zone, kind });
  return (
    <PageBody>
      <PageHeader title="Data assets" description="Endpoints, loggers, tables, streams, services, jobs and models: where data lives and flows, with the labels declared on each." />
      <SearchForm action="/assets" q={q} placeholder="Search by name, namespace, owner or category…">
        <select name="zone" defaultValue={zone ?? ""} className={selectClass} aria-label="Zone">
          <option value="">All zones</option>
          <option value={NO_ZONE}>No zone</option>
          {assets.zones.map((z) => (
            <option key={z.id} value={z.id}>{z.name}</option>
          ))}
        </select>
        <select name="kind" defaultValue={kind ?? ""} className={selectClass} aria-label="Kind">
          <option value="">All kinds</option>
          {ASSET_KINDS.map((k) => (
            <option key={k} value={k}>{k.replaceAll("_", " ")}</option>
          ))}
        </select>
      </SearchForm>
      {assets.rows.length === 0 ? (
        <EmptyState title="No asset matches these filters" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className={tableClass}>
            <thead className="bg-slate-50">
              <tr>
                <th className={thClass}>Asset</th>
                <th className={thClass}>Zone</th>
                <th className={thClass}>Declared labels</th>
                <th className={thClass}>Purpose</th>
                <th className={thClass}>Owner</th>
                <th className={`${thClass} text-right`}>In / out</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {assets.rows.map((asset) => (
                <tr key={asset.id} className="hover:bg-slate-50/60">
                  <td className={tdClass}>
                    <Link href={`/assets/${encodeURIComponent(asset.id)}`} className="flex items-center gap-2 font-medium text-ink hover:text-brand-600">
                      <AssetKindIcon kind={asset.kind} className="size-4 shrink-0 text-slate-400" />
                      {asset.name}
                    </Link>
                    <div className="pl-6 text-xs text-slate-500">{asset.namespace} · {asset.kind.replaceAll("_", " ")}</div>
                  </td>
                  <td className={tdClass}><ZoneChip zone={asset.zone} /></td>
                  <td className={tdClass}>
                    <div className="flex max-w-md flex-wrap gap-1">
                      {asset.labels.length ? asset.labels.map((l) => <LabelChip key={l.position} category={l.categoryKey} qualifier={l.qualifier} consented={l.consented} />) : <span className="text-xs text-slate-400">none declared</span>}
                    </div>
                  </td>
                  <td className={tdClass}>{asset.purposeKey ? <code className="text-xs">{asset.purposeKey}</code> : <span className="text-xs text-slate-400">—</span>}</td>
                  <td className={`${tdClass} text-slate-600`}>{asset.owner ?? "—"}</td>
                  <td className={`${tdClass} text-right tabular-nums text-slate-600`}>{asset._count.incoming} / {asset._count.outgoing}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination base="/assets" params={{ q, zone, kind }} page={assets.page} pageCount={assets.pageCount} total={assets.total} noun="asset" />
    </PageBody>
  );
}
