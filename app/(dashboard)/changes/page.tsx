import Link from "next/link";
import type { Metadata } from "next";
import { Badge } from "@/components/ui/chips";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { listChanges } from "@/server/evaluations/list-changes";
import { pageActor } from "@/app/_lib/session";

export const metadata: Metadata = { title: "Changes" };

export default async function ChangesPage() {
  await pageActor();
  const { runs, unreviewedEdges } = await listChanges();
  return (
    <PageBody>
      <PageHeader title="Changes" description="How the picture moved: each evaluation run with the violations it found, new or resolved since the run before, and the lineage edges nobody has reviewed yet." />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <h2 className="mb-2 text-sm font-semibold text-slate-900">Evaluation runs</h2>
          {runs.length ? (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className={tableClass}>
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
                  {runs.map((run) => (
                    <tr key={run.id}>
                      <td className={`${tdClass} tabular-nums`}>#{run.id}</td>
                      <td className={`${tdClass} whitespace-nowrap tabular-nums text-xs`}>{run.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                      <td className={`${tdClass} text-xs`}>{run.trigger}{run.actor ? <span className="text-slate-400"> · {run.actor}</span> : null}</td>
                      <td className={`${tdClass} text-right tabular-nums text-xs`}>{run.assetCount} / {run.edgeCount}</td>
                      <td className={`${tdClass} text-right tabular-nums`}>{run.violationCount}</td>
                      <td className={tdClass}>
                        <span className="flex gap-1">
                          {run.newCount ? <Badge tone="red">+{run.newCount} new</Badge> : null}
                          {run.resolvedCount ? <Badge tone="green">−{run.resolvedCount} resolved</Badge> : null}
                          {!run.newCount && !run.resolvedCount ? <span className="text-xs text-slate-400">no change</span> : null}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <EmptyState title="No evaluation has run yet" />
          )}
        </div>
        <Card title={`Unreviewed edges (${unreviewedEdges.length})`} actions={<Link href="/edges" className="text-xs font-medium text-brand-600 hover:underline">Review edges →</Link>}>
          {unreviewedEdges.length ? (
            <ul className="space-y-2 text-sm">
              {unreviewedEdges.map((edge) => (
                <li key={edge.id} className="flex flex-col">
                  <span className="font-mono text-xs">
                    <Link className="hover:text-brand-600" href={`/assets/${encodeURIComponent(edge.fromId)}`}>{edge.fromId}</Link>
                    <span className="text-slate-400"> → </span>
                    <Link className="hover:text-brand-600" href={`/assets/${encodeURIComponent(edge.toId)}`}>{edge.toId}</Link>
                  </span>
                  <span className="text-xs text-slate-500">first seen {edge.firstSeen ? edge.firstSeen.toISOString().slice(0, 10) : "—"} · {edge.signals.join(", ") || "no signal"}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">Every edge has been reviewed.</p>
          )}
        </Card>
      </div>
    </PageBody>
  );
}
