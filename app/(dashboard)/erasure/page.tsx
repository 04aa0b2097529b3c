import Link from "next/link";
import type { Metadata } from "next";
import { ArrowRight, Download } from "lucide-react";
import { LabelChip, ZoneChip } from "@/components/ui/chips";
import { SearchForm, tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { Card, EmptyState, ErrorState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { can } from "@/lib/auth/permissions";
import { listAssets } from "@/server/assets/list-assets";
import { AppError } from "@/server/errors";
import { getErasureImpact } from "@/server/evidence/get-erasure-impact";
import { pageActor } from "@/app/_lib/session";
import { firstParam, type SearchParams } from "../_lib/or-not-found";

export const metadata: Metadata = { title: "Erasure impact" };

const button = "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50";

export default async function ErasurePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const raw = await searchParams;
  const assetId = firstParam(raw.asset)?.trim() || undefined;
  const q = firstParam(raw.q)?.trim() || undefined;
  const mayExport = can(actor.roles, "evidence.export");
  const matches = q ? await listAssets({ q }) : null;

  let impact: Awaited<ReturnType<typeof getErasureImpact>> | null = null;
  let notFound: string | null = null;
  if (assetId) {
    try {
      impact = await getErasureImpact(assetId);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "NOT_FOUND") throw error;
      notFound = error.message;
    }
  }
  const report = impact?.report;

  return (
    <PageBody>
      <PageHeader
        title="Erasure impact"
        description="For a deletion request on a source asset (a user table, a logger): every asset that holds data derived from it, by lineage and the policy engine's transforms (a label of the source that survives the edges' transforms to reach the asset). Aggregated or pseudonymized copies still count. The checklist tells a team where to forward the deletion."
        actions={
          report ? (
            <>
              <Link href={`/graph?focus=${encodeURIComponent(report.source.id)}&sel=${encodeURIComponent(`a:${report.source.id}`)}`} className={button}>
                Show source on graph
              </Link>
              {mayExport ? (
                <a href={`/api/v1/evidence/erasure?asset=${encodeURIComponent(report.source.id)}&format=csv`} className={button} download>
                  <Download className="size-4" aria-hidden /> Download CSV checklist
                </a>
              ) : null}
              {mayExport ? (
                <a href={`/api/v1/evidence/erasure?asset=${encodeURIComponent(report.source.id)}&format=pdf`} className={button} download>
                  <Download className="size-4" aria-hidden /> Download PDF
                </a>
              ) : null}
            </>
          ) : undefined
        }
      />
      <SearchForm action="/erasure" q={q} placeholder="Find the source asset by name, namespace, owner or category" />
      {matches ? (
        matches.rows.length ? (
          <Card title={`Assets matching “${q}”${matches.total > matches.rows.length ? ` (first ${matches.rows.length} of ${matches.total})` : ""}`} className="mb-6">
            <ul className="divide-y divide-slate-100 text-sm" data-testid="erasure-asset-matches">
              {matches.rows.map((asset) => (
                <li key={asset.id} className="flex items-center justify-between gap-3 py-1.5">
                  <Link href={`/erasure?asset=${encodeURIComponent(asset.id)}`} className="font-medium text-ink hover:text-brand-600">
                    {asset.name} <span className="text-xs font-normal text-slate-500">{asset.namespace} · {asset.kind.replaceAll("_", " ")}</span>
                  </Link>
                  <ZoneChip zone={asset.zone} />
                </li>
              ))}
            </ul>
          </Card>
        ) : (
          <div className="mb-6"><EmptyState title={`No asset matches “${q}”`} /></div>
        )
      ) : null}

      {notFound ? <ErrorState title="No such asset" message={notFound} /> : null}
      {!assetId && !q ? <EmptyState title="Choose the asset the deletion request concerns">Search above, or open an asset and follow its “Erasure impact” link.</EmptyState> : null}

      {report ? (
        <>
          <Card title="Source" className="mb-4">
            <div className="flex flex-wrap items-start justify-between gap-4 text-sm">
              <div>
                <Link href={`/assets/${encodeURIComponent(report.source.id)}`} className="text-base font-semibold text-ink hover:text-brand-600">{report.source.name}</Link>
                <div className="text-xs text-slate-500">{report.source.namespace} · {report.source.kind.replaceAll("_", " ")} · owner {report.source.owner ?? "—"}</div>
              </div>
              <ZoneChip zone={report.source.zone} />
            </div>
            <div className="mt-3 flex flex-wrap gap-1">
              {report.source.labels.length ? report.source.labels.map((l) => <LabelChip key={`${l.category}:${l.qualifier}:${l.consented}`} category={l.category} qualifier={l.qualifier} consented={l.consented} />) : <span className="text-sm text-slate-500">This asset carries no labels, so no derived personal data can be followed from it.</span>}
            </div>
          </Card>
          <h2 className="mb-2 text-sm font-semibold text-slate-900" data-testid="erasure-count">
            {report.rows.length} asset{report.rows.length === 1 ? "" : "s"} hold data derived from {report.source.name}
          </h2>
          {report.rows.length ? (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className={tableClass} data-testid="erasure-results">
                <thead className="bg-slate-50">
                  <tr>
                    <th className={thClass}>#</th>
                    <th className={thClass}>Asset</th>
                    <th className={thClass}>Zone</th>
                    <th className={thClass}>Owner</th>
                    <th className={thClass}>Derived data</th>
                    <th className={thClass}>Path</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {report.rows.map((row, i) => (
                    <tr key={row.id}>
                      <td className={`${tdClass} text-xs tabular-nums text-slate-400`}>{i + 1}</td>
                      <td className={tdClass}>
                        <Link href={`/assets/${encodeURIComponent(row.id)}`} className="font-medium text-ink hover:text-brand-600">{row.name}</Link>
                        <div className="text-xs text-slate-500">{row.namespace} · {row.kind.replaceAll("_", " ")}</div>
                      </td>
                      <td className={tdClass}><ZoneChip zone={row.zone} /></td>
                      <td className={`${tdClass} min-w-48 break-all text-xs text-slate-600`}>{row.owner ?? "—"}</td>
                      <td className={tdClass}>
                        <div className="flex max-w-md flex-wrap gap-1">{row.labels.map((l) => <LabelChip key={`${l.category}:${l.qualifier}:${l.consented}`} category={l.category} qualifier={l.qualifier} consented={l.consented} />)}</div>
                      </td>
                      <td className={tdClass}>
                        <ol className="flex min-w-64 flex-wrap items-center gap-1 text-xs text-slate-600" aria-label={`path, ${row.distance} edge${row.distance === 1 ? "" : "s"}`}>
                          {row.path.map((step, k) => (
                            <li key={`${step.id}:${k}`} className="flex items-center gap-1">
                              {k > 0 ? <ArrowRight className="size-3 text-slate-300" aria-hidden /> : null}
                              {step.name}
                            </li>
                          ))}
                        </ol>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <EmptyState title="No other asset holds data derived from this one">Either nothing flows out of it, or every flow drops its labels (a drop or consent filter on the way).</EmptyState>
          )}
          {!mayExport ? <p className="mt-3 text-xs text-slate-500">Privacy reviewers and legal download the checklist; each download is recorded in the audit log.</p> : null}
        </>
      ) : null}
    </PageBody>
  );
}
