import Link from "next/link";
import type { Metadata } from "next";
import { ArrowLeft, ArrowRight } from "lucide-react";
import { Badge, LabelChip, ZoneChip } from "@/components/ui/chips";
import { AssetKindIcon } from "@/components/ui/asset-kind-icon";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { EffectiveLabels } from "@/components/assets/effective-labels";
import { DatasetFacets } from "@/components/assets/dataset-facets";
import { LabelSuggestions } from "@/components/assets/label-suggestions";
import { can } from "@/lib/auth/permissions";
import { listAssetLabelSuggestions } from "@/server/labels/list-label-suggestions";
import { decideLabelSuggestions } from "../../labels/actions";
import { getAsset } from "@/server/assets/get-asset";
import { explainAsset } from "@/server/evaluations/explain-asset";
import { decodeParam, orNotFound } from "../../_lib/or-not-found";
import { pageActor } from "@/app/_lib/session";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Asset ${decodeParam((await params).id)}` };
}

const date = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : "—");

type EdgeRow = Awaited<ReturnType<typeof getAsset>>["incoming"][number];
type Edge = Omit<EdgeRow, "from"> & { other: EdgeRow["from"] };

function EdgeTable({ edges, direction }: { edges: Edge[]; direction: "upstream" | "downstream" }) {
  if (!edges.length) return <EmptyState title={direction === "upstream" ? "Nothing flows into this asset" : "Nothing flows out of this asset"} />;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className={tableClass}>
        <thead className="bg-slate-50">
          <tr>
            <th className={thClass}>{direction === "upstream" ? "From" : "To"}</th>
            <th className={thClass}>Zone</th>
            <th className={thClass}>Signals</th>
            <th className={thClass}>Transforms</th>
            <th className={thClass}>First / last seen</th>
            <th className={thClass}>Review</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {edges.map((edge) => (
            <tr key={edge.id}>
              <td className={tdClass}>
                <Link href={`/assets/${encodeURIComponent(edge.other.id)}`} className="flex items-center gap-2 font-medium text-ink hover:text-brand-600">
                  {direction === "upstream" ? <ArrowLeft className="size-3.5 text-slate-400" aria-hidden /> : <ArrowRight className="size-3.5 text-slate-400" aria-hidden />}
                  {edge.other.name}
                </Link>
                <div className="pl-5.5 text-xs text-slate-500">{edge.other.namespace}</div>
              </td>
              <td className={tdClass}><ZoneChip zone={edge.other.zone} /></td>
              <td className={tdClass}>
                <div className="flex flex-wrap gap-1">{edge.signals.length ? edge.signals.map((s) => <Badge key={s}>{s.replaceAll("_", " ")}</Badge>) : <span className="text-xs text-slate-400">—</span>}</div>
              </td>
              <td className={tdClass}>
                {edge.transforms.length ? (
                  <ol className="flex flex-wrap items-center gap-1 text-[11px]">
                    {edge.transforms.map((t, i) => (
                      <li key={i} className="flex items-center gap-1">
                        {i > 0 ? <span className="text-slate-400" aria-hidden>→</span> : null}
                        <code className="rounded bg-sky-50 px-1.5 py-0.5 text-sky-800">{t}</code>
                      </li>
                    ))}
                  </ol>
                ) : (
                  <span className="text-xs text-slate-400">none</span>
                )}
              </td>
              <td className={`${tdClass} whitespace-nowrap text-xs tabular-nums text-slate-600`}>{date(edge.firstSeen)} / {date(edge.lastSeen)}</td>
              <td className={tdClass}>{edge.reviewState === "reviewed" ? <Badge tone="green">reviewed</Badge> : <Badge tone="amber">unreviewed</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function AssetPage({ params }: Props) {
  const actor = await pageActor();
  const id = decodeParam((await params).id);
  const asset = await orNotFound(getAsset(id));
  const [explanation, suggestions] = await Promise.all([explainAsset(id), listAssetLabelSuggestions(id)]);
  return (
    <PageBody>
      <PageHeader
        eyebrow={<Link href="/assets" className="hover:text-brand-600">Assets</Link>}
        title={
          <span className="flex items-center gap-2.5">
            <AssetKindIcon kind={asset.kind} className="size-6 text-slate-400" />
            {asset.name}
          </span>
        }
        description={asset.description ?? undefined}
        actions={
          <>
            <Link href={`/erasure?asset=${encodeURIComponent(asset.id)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
              Erasure impact
            </Link>
            <Link href={`/graph?focus=${encodeURIComponent(asset.id)}&sel=${encodeURIComponent(`a:${asset.id}`)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
              Show lineage on graph
            </Link>
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="About">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
            <dt className="text-slate-500">Id</dt>
            <dd><code>{asset.id}</code></dd>
            <dt className="text-slate-500">Namespace</dt>
            <dd>{asset.namespace}</dd>
            <dt className="text-slate-500">Kind</dt>
            <dd>{asset.kind.replaceAll("_", " ")}</dd>
            <dt className="text-slate-500">Zone</dt>
            <dd><ZoneChip zone={asset.zone} /></dd>
            <dt className="text-slate-500">Purpose</dt>
            <dd>{asset.purpose ? <span><code className="text-xs">{asset.purpose.key}</code> <span className="text-slate-500">{asset.purpose.name}</span></span> : "—"}</dd>
            <dt className="text-slate-500">Owner</dt>
            <dd className="break-all">{asset.owner ?? "—"}</dd>
          </dl>
        </Card>
        <Card title="Declared labels" className="lg:col-span-2">
          {asset.labels.length ? (
            <ul className="space-y-1.5">
              {asset.labels.map((label) => (
                <li key={label.position} className="flex items-center gap-2 text-sm">
                  <LabelChip category={label.categoryKey} qualifier={label.qualifier} consented={label.consented} />
                  <span className="text-xs text-slate-500">{label.category.name}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">This asset declares no labels; it carries only what flows into it.</p>
          )}
        </Card>
      </div>
      <EffectiveLabels explanation={explanation} />
      <DatasetFacets facets={asset.openLineage} />
      <LabelSuggestions suggestions={suggestions} canReview={can(actor.roles, "labels.review")} action={decideLabelSuggestions} />
      <h2 className="mb-2 mt-8 text-sm font-semibold text-slate-900">Upstream ({asset.incoming.length})</h2>
      <EdgeTable direction="upstream" edges={asset.incoming.map((edge) => ({ ...edge, other: edge.from }))} />
      <h2 className="mb-2 mt-8 text-sm font-semibold text-slate-900">Downstream ({asset.outgoing.length})</h2>
      <EdgeTable direction="downstream" edges={asset.outgoing.map((edge) => ({ ...edge, other: edge.to }))} />
    </PageBody>
  );
}
