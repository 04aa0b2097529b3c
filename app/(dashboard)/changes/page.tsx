import Link from "next/link";
import type { Metadata } from "next";
import { OpenViolationsChart } from "@/components/changes/open-violations-chart";
import { Badge } from "@/components/ui/chips";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { Card, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { changesRangeSchema } from "@/lib/changes/changes-range";
import { readQuery } from "@/lib/query-params";
import { violationKindLabel } from "@/lib/violation-labels";
import { listChanges } from "@/server/evaluations/list-changes";
import { pageActor } from "@/app/_lib/session";
import type { SearchParams } from "../_lib/or-not-found";

export const metadata: Metadata = { title: "Changes" };

const stamp = (date: Date | null) => (date ? date.toISOString().replace("T", " ").slice(0, 16) : "—");
const assetHref = (id: string) => `/assets/${encodeURIComponent(id)}`;
const inputClass = "mt-1 block rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm";

function Counted({ shown, total, noun }: { shown: number; total: number; noun: string }) {
  if (!total) return <p className="text-sm text-slate-500">No {noun} in this range.</p>;
  return shown < total ? <p className="mt-2 text-xs text-slate-500">Showing the latest {shown} of {total} {noun}.</p> : null;
}

type ViolationRow = { id: number; kind: string; subject: string; zoneId: string; categories: string[]; openedAt: Date; resolvedAt: Date | null };

function ViolationList({ rows, at }: { rows: ViolationRow[]; at: (row: ViolationRow) => Date | null }) {
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {rows.map((v) => (
        <li key={v.id} className="py-1.5">
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium">{violationKindLabel(v.kind)}</span>
            <code className="text-xs text-slate-600">{v.subject.replace(/^(asset|edge):/, "")}</code>
          </div>
          <div className="text-xs text-slate-500">
            zone <Link className="hover:text-brand-600" href={`/zones/${encodeURIComponent(v.zoneId)}`}>{v.zoneId}</Link> · {stamp(at(v))} UTC
            {v.categories.length ? <> · {v.categories.join(", ")}</> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

export default async function ChangesPage({ searchParams }: { searchParams: SearchParams }) {
  await pageActor();
  const now = new Date();
  const query = readQuery(changesRangeSchema(now), await searchParams);
  const range = query.ok ? query.value : null;
  const changes = range ? await listChanges(range, { now }) : null;
  return (
    <PageBody>
      <PageHeader title="Changes" description="What moved between two dates: assets and lineage edges that appeared, violations that opened or were resolved, and how many were open along the way." />
      <form action="/changes" method="get" aria-label="Date range" className="mb-5 flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium text-slate-700">
          From
          <input type="date" name="from" defaultValue={range?.fromDay} className={inputClass} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          To (included)
          <input type="date" name="to" defaultValue={range?.toDay} className={inputClass} />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm hover:bg-slate-50">Show</button>
        <Link href="/changes" className="pb-1.5 text-sm text-brand-600 hover:underline">Last 30 days</Link>
      </form>
      {!query.ok ? (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{query.message}</p>
      ) : changes && range ? (
        <div className="space-y-4">
          <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" aria-label="Summary">
            {[
              { label: "New assets", value: changes.assets.total },
              { label: "New edges", value: changes.edges.total },
              { label: "Violations opened", value: changes.opened.total },
              { label: "Violations resolved", value: changes.resolved.total },
            ].map((tile) => (
              <div key={tile.label} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
                <dt className="text-xs text-slate-500">{tile.label}</dt>
                <dd className="text-2xl font-semibold tabular-nums text-ink">{tile.value}</dd>
              </div>
            ))}
          </dl>
          <Card title={`Open violations, ${range.fromDay} to ${range.toDay} (UTC)`}>
            <OpenViolationsChart points={changes.series} />
          </Card>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card title={`Violations opened (${changes.opened.total})`}>
              <ViolationList rows={changes.opened.rows} at={(v) => v.openedAt} />
              <Counted shown={changes.opened.rows.length} total={changes.opened.total} noun="opened violations" />
            </Card>
            <Card title={`Violations resolved (${changes.resolved.total})`}>
              <ViolationList rows={changes.resolved.rows} at={(v) => v.resolvedAt} />
              <Counted shown={changes.resolved.rows.length} total={changes.resolved.total} noun="resolved violations" />
            </Card>
            <Card title={`New assets (${changes.assets.total})`}>
              <ul className="divide-y divide-slate-100 text-sm">
                {changes.assets.rows.map((asset) => (
                  <li key={asset.id} className="flex items-baseline justify-between gap-2 py-1.5">
                    <span>
                      <Link className="font-medium hover:text-brand-600" href={assetHref(asset.id)}>{asset.name}</Link>
                      <span className="text-xs text-slate-500"> {asset.namespace} · {asset.kind.replaceAll("_", " ")}{asset.zoneId ? ` · ${asset.zoneId}` : ""}</span>
                    </span>
                    <span className="whitespace-nowrap text-xs tabular-nums text-slate-500">{stamp(asset.createdAt)}</span>
                  </li>
                ))}
              </ul>
              <Counted shown={changes.assets.rows.length} total={changes.assets.total} noun="new assets" />
            </Card>
            <Card title={`New edges (${changes.edges.total})`} actions={<Link href="/edges" className="text-xs font-medium text-brand-600 hover:underline">Review edges →</Link>}>
              <ul className="divide-y divide-slate-100 text-sm">
                {changes.edges.rows.map((edge) => (
                  <li key={edge.id} className="flex items-baseline justify-between gap-2 py-1.5">
                    <span className="font-mono text-xs">
                      <Link className="hover:text-brand-600" href={assetHref(edge.fromId)}>{edge.fromId}</Link>
                      <span className="text-slate-400"> → </span>
                      <Link className="hover:text-brand-600" href={assetHref(edge.toId)}>{edge.toId}</Link>
                    </span>
                    <span className="flex items-center gap-1.5 whitespace-nowrap text-xs text-slate-500">
                      {edge.reviewState === "unreviewed" ? <Badge tone="amber">unreviewed</Badge> : null}
                      {stamp(edge.firstSeen)}
                    </span>
                  </li>
                ))}
              </ul>
              <Counted shown={changes.edges.rows.length} total={changes.edges.total} noun="new edges" />
            </Card>
          </div>
          <Card title={`Evaluation runs (${changes.runs.total})`}>
            {changes.runs.rows.length ? (
              <div className="overflow-x-auto">
                <table className={tableClass} aria-label="Evaluation runs">
                  <thead className="bg-slate-50">
                    <tr>
                      <th className={thClass}>Run</th>
                      <th className={thClass}>Evaluated at (UTC)</th>
                      <th className={thClass}>Trigger</th>
                      <th className={`${thClass} text-right`}>Assets / edges</th>
                      <th className={`${thClass} text-right`}>Violations</th>
                      <th className={thClass}>Since previous</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {changes.runs.rows.map((run) => (
                      <tr key={run.id}>
                        <td className={`${tdClass} tabular-nums`}>#{run.id}</td>
                        <td className={`${tdClass} whitespace-nowrap text-xs tabular-nums`}>{run.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                        <td className={`${tdClass} text-xs`}>{run.trigger}{run.actor ? <span className="text-slate-400"> · {run.actor}</span> : null}</td>
                        <td className={`${tdClass} text-right text-xs tabular-nums`}>{run.assetCount} / {run.edgeCount}</td>
                        <td className={`${tdClass} text-right tabular-nums`}>{run.violationCount}</td>
                        <td className={tdClass}>
                          <span className="flex gap-1">
                            {run.openedCount ? <Badge tone="red">+{run.openedCount} new</Badge> : null}
                            {run.resolvedCount ? <Badge tone="green">−{run.resolvedCount} resolved</Badge> : null}
                            {!run.openedCount && !run.resolvedCount ? <span className="text-xs text-slate-400">no change</span> : null}
                          </span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <Counted shown={changes.runs.rows.length} total={changes.runs.total} noun="runs" />
              </div>
            ) : (
              <p className="text-sm text-slate-500">No evaluation ran in this range.</p>
            )}
          </Card>
        </div>
      ) : null}
    </PageBody>
  );
}
