import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { Badge } from "@/components/ui/chips";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { EMPTY_VIEW, serializeViewState } from "@/lib/graph/view-state";
import type { FlowEdgeRow, FlowGroupInfo } from "@/lib/graph/zone-flows";
import { COUNT_TEXT, VERDICT_TONE } from "./verdict-tone";

export function GroupChip({ group }: { group: FlowGroupInfo }) {
  const content = (
    <span className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium text-slate-700 ${group.pseudo ? "border-dashed border-slate-400 bg-slate-50 italic" : "border-slate-200 bg-white"}`}>
      <span className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: group.color }} aria-hidden />
      {group.name}
    </span>
  );
  return group.pseudo ? content : <Link href={`/zones/${encodeURIComponent(group.id)}`} className="hover:opacity-80">{content}</Link>;
}

export function FlowSummary({ summary }: { summary: { edges: number; violation: number; sanctioned: number; permitted: number; unreviewed: number } }) {
  return (
    <p className="text-sm text-slate-700" data-testid="flow-summary">
      <span className="font-semibold">{summary.edges.toLocaleString("en")}</span> {summary.edges === 1 ? "edge" : "edges"}:{" "}
      <span className={COUNT_TEXT.violation} data-count="violation">{summary.violation.toLocaleString("en")} violating</span>,{" "}
      <span className={COUNT_TEXT.sanctioned} data-count="sanctioned">{summary.sanctioned.toLocaleString("en")} sanctioned</span>,{" "}
      <span className={COUNT_TEXT.permitted} data-count="permitted">{summary.permitted.toLocaleString("en")} permitted</span>
      {" · "}
      <span className={COUNT_TEXT.unreviewed} data-count="unreviewed">{summary.unreviewed.toLocaleString("en")} not yet reviewed</span>
    </p>
  );
}

const graphHref = (row: FlowEdgeRow) => `/graph?${serializeViewState({ ...EMPTY_VIEW, selected: { kind: "edge", from: row.from.id, to: row.to.id } })}`;

/** The edges of one flow, worst first: each with its verdict, review state, what crosses it and the paths that sanction it. */
export function FlowEdgeList({ rows }: { rows: FlowEdgeRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className={tableClass} aria-label="Edges of the flow" data-testid="flow-edges">
        <thead className="bg-slate-50">
          <tr>
            <th className={thClass} scope="col">From</th>
            <th className={thClass} scope="col"><span className="sr-only">to</span></th>
            <th className={thClass} scope="col">To</th>
            <th className={thClass} scope="col">Verdict</th>
            <th className={thClass} scope="col">Categories crossing</th>
            <th className={`${thClass} whitespace-nowrap`} scope="col">Sanctioned by</th>
            <th className={thClass} scope="col"><span className="sr-only">Graph</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={`${row.from.id}\u2192${row.to.id}`} data-testid="flow-edge" data-from={row.from.id} data-to={row.to.id} data-verdict={row.verdict}>
              <td className={tdClass}>
                <Link href={`/assets/${encodeURIComponent(row.from.id)}`} className="font-medium text-slate-900 hover:text-brand-600">{row.from.name}</Link>
                <div className="text-xs text-slate-600">{row.from.namespace}</div>
              </td>
              <td className={`${tdClass} text-slate-500`}><ArrowRight className="size-4" aria-hidden /></td>
              <td className={tdClass}>
                <Link href={`/assets/${encodeURIComponent(row.to.id)}`} className="font-medium text-slate-900 hover:text-brand-600">{row.to.name}</Link>
                <div className="text-xs text-slate-600">{row.to.namespace}</div>
              </td>
              <td className={tdClass}>
                <span className="flex flex-wrap gap-1">
                  <Badge tone={VERDICT_TONE[row.verdict].badge}>{row.verdict}</Badge>
                  {row.unreviewed ? <Badge tone="amber">unreviewed</Badge> : null}
                </span>
              </td>
              <td className={`${tdClass} font-mono text-xs text-slate-700`}>{row.categories.length ? row.categories.join(", ") : <span className="font-sans text-slate-600">—</span>}</td>
              <td className={`${tdClass} text-xs text-slate-700`}>{row.paths.length ? row.paths.join(", ") : <span className="text-slate-600">—</span>}</td>
              <td className={`${tdClass} whitespace-nowrap text-right`}>
                <Link href={graphHref(row)} className="text-xs font-medium text-brand-700 hover:underline">Show on graph</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
