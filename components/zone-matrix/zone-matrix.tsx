import Link from "next/link";
import type { MatrixGroup, ZoneMatrix } from "@/lib/graph/zone-matrix";
import type { ZoneFlow } from "@/lib/graph/zone-flows";
import { STATUS_STYLE, flowCountAttributes } from "@/components/graph/styles";
import { COUNT_TEXT, VERDICT_TONE } from "./verdict-tone";

const n = (value: number) => value.toLocaleString("en");

export function flowEdgesHref(from: string, to: string, viewQuery: string): string {
  const q = new URLSearchParams({ fromZone: from, toZone: to });
  return `/edges?${q}${viewQuery ? `&${viewQuery}` : ""}`;
}

function flowDescription(flow: ZoneFlow, from: MatrixGroup, to: MatrixGroup): string {
  const parts = [
    `${from.name} → ${to.name}: ${n(flow.edges)} ${flow.edges === 1 ? "edge" : "edges"}`,
    `${n(flow.violation)} violating, ${n(flow.sanctioned)} sanctioned, ${n(flow.permitted)} permitted, ${n(flow.unreviewed)} unreviewed`,
  ];
  if (flow.categories.length) {
    const top = flow.categories.slice(0, 5).map((c) => `${c.category} (${n(c.edges)})`);
    parts.push(`carries ${top.join(", ")}${flow.categories.length > 5 ? `, and ${flow.categories.length - 5} more` : ""}`);
  }
  if (flow.paths.length) parts.push(`sanctioned by ${flow.paths.slice(0, 5).join(", ")}${flow.paths.length > 5 ? ` and ${flow.paths.length - 5} more` : ""}`);
  return parts.join("; ");
}

function Swatch({ group }: { group: MatrixGroup }) {
  return (
    <span
      className={`size-2.5 shrink-0 rounded-full ${group.pseudo ? "border border-dashed border-slate-500 bg-white" : ""}`}
      style={group.pseudo ? undefined : { backgroundColor: group.color }}
      aria-hidden
    />
  );
}

function Cell({ flow, from, to, viewQuery, firstPseudoColumn }: { flow: ZoneFlow | undefined; from: MatrixGroup; to: MatrixGroup; viewQuery: string; firstPseudoColumn: boolean }) {
  const edge = firstPseudoColumn ? "border-l-4 border-l-slate-300" : "";
  if (from.id === to.id) {
    return <td className={`border-b border-r border-slate-200 bg-slate-100 ${edge}`} aria-label="same zone" data-testid="matrix-diagonal" />;
  }
  if (!flow) return <td className={`border-b border-r border-slate-100 bg-white ${edge}`} />;
  const tone = VERDICT_TONE[flow.worst];
  const description = flowDescription(flow, from, to);
  return (
    <td className={`border-b border-r border-slate-200 p-0 ${edge}`}>
      <Link
        href={flowEdgesHref(from.id, to.id, viewQuery)}
        title={description}
        aria-label={`${description}. Open its edges.`}
        className={`flex h-full min-h-12 flex-col items-center justify-center px-1 py-1 text-center tabular-nums focus-visible:relative focus-visible:z-10 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-brand-600 ${tone.cell}`}
        style={{ boxShadow: `inset 0 3px 0 ${tone.accent}` }}
        data-testid="matrix-cell"
        data-from={from.id}
        data-to={to.id}
        {...flowCountAttributes(flow)}
        data-worst={flow.worst}
      >
        <span className="text-sm font-semibold leading-5 text-slate-900">{n(flow.edges)}</span>
        <span className="whitespace-nowrap text-[11px] leading-4" aria-hidden>
          <span className={flow.violation ? `font-semibold ${COUNT_TEXT.violation}` : "text-slate-600"}>{n(flow.violation)}</span>
          <span className="text-slate-600">/</span>
          <span className={flow.sanctioned ? COUNT_TEXT.sanctioned : "text-slate-600"}>{n(flow.sanctioned)}</span>
          <span className="text-slate-600">/</span>
          <span className="text-slate-700">{n(flow.permitted)}</span>
        </span>
        {flow.unreviewed ? (
          <span className={`whitespace-nowrap text-[11px] leading-4 ${COUNT_TEXT.unreviewed}`} aria-hidden>
            +{n(flow.unreviewed)} new
          </span>
        ) : null}
      </Link>
    </td>
  );
}

/** From-zone × to-zone, each cell one flow coloured by its worst verdict; headers stay in view while the grid scrolls. */
export function ZoneMatrixTable({ matrix, viewQuery }: { matrix: ZoneMatrix; viewQuery: string }) {
  const { groups, realCount } = matrix;
  // Column headers are as tall as the longest name needs (rotated, ~8 px a character at 12 px, bold), within limits.
  const headerHeight = Math.round(Math.min(220, Math.max(72, 32 + 8 * Math.max(0, ...groups.map((g) => g.name.length)))));
  return (
    <table className="border-separate border-spacing-0 text-sm" aria-label="Zone matrix: rows are the zones data leaves, columns the zones it enters" data-testid="zone-matrix">
      <thead>
        <tr>
          <th scope="col" className="sticky left-0 top-0 z-30 w-44 min-w-44 max-w-44 xl:w-56 xl:min-w-56 xl:max-w-56 border-b border-r border-slate-300 bg-white px-3 py-2 text-left align-bottom text-xs font-semibold text-slate-700">
            <span className="block">From ↓ · To →</span>
            <span className="block font-normal text-slate-600">edges · violating / sanctioned / permitted</span>
          </th>
          {groups.map((g, i) => (
            <th
              key={g.id}
              scope="col"
              style={{ height: headerHeight }}
              className={`sticky top-0 z-20 w-[4.75rem] min-w-[4.75rem] max-w-[4.75rem] border-b border-r border-slate-300 bg-white px-1 pb-2 align-bottom ${i === realCount && i > 0 ? "border-l-4 border-l-slate-300" : ""} ${g.pseudo ? "bg-slate-50" : ""}`}
              data-testid="matrix-column"
              data-group={g.id}
              title={`${g.name}: ${n(g.assets)} assets, ${n(g.violations)} violations; ${n(g.in)} edges enter from other zones`}
            >
              <span style={{ maxHeight: headerHeight - 12 }} className="mx-auto flex items-center gap-1.5 overflow-hidden [writing-mode:vertical-rl] rotate-180">
                <Swatch group={g} />
                <span className={`truncate text-xs font-semibold text-slate-800 ${g.pseudo ? "italic" : ""}`}>{g.name}</span>
              </span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map((row, r) => (
          <tr key={row.id} data-testid="matrix-row" data-group={row.id}>
            <th
              scope="row"
              className={`sticky left-0 z-10 w-44 min-w-44 max-w-44 xl:w-56 xl:min-w-56 xl:max-w-56 border-b border-r border-slate-300 px-3 py-1.5 text-left font-normal ${row.pseudo ? "bg-slate-50" : "bg-white"} ${r === realCount && r > 0 ? "border-t-4 border-t-slate-300" : ""}`}
            >
              <span className="flex items-start gap-1.5">
                <span className="mt-1.5 flex"><Swatch group={row} /></span>
                <span className={`line-clamp-2 break-words text-sm font-semibold leading-5 text-slate-900 ${row.pseudo ? "italic" : ""}`} title={row.name} data-testid="matrix-row-name">
                  {row.name}
                </span>
              </span>
              <span className="block text-xs text-slate-600" data-testid="matrix-row-badge">
                {n(row.assets)} {row.assets === 1 ? "asset" : "assets"} · <span className={row.violations ? COUNT_TEXT.violation : undefined}>{n(row.violations)} {row.violations === 1 ? "violation" : "violations"}</span>
              </span>
            </th>
            {groups.map((col, c) => (
              <Cell key={col.id} flow={matrix.flows.get(`${row.id}->${col.id}`)} from={row} to={col} viewQuery={viewQuery} firstPseudoColumn={c === realCount && c > 0} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MatrixLegend({ totals }: { totals: ZoneMatrix["totals"] }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-700" data-testid="matrix-legend">
      <span className="font-semibold">Worst edge</span>
      {(["violation", "unreviewed", "sanctioned", "permitted"] as const).map((status) => (
        <span key={status} className="flex items-center gap-1.5" title={STATUS_STYLE[status].description}>
          <span className={`h-3.5 w-5 rounded-sm ring-1 ring-inset ring-slate-200 ${VERDICT_TONE[status].cell}`} style={{ boxShadow: `inset 0 3px 0 ${VERDICT_TONE[status].accent}` }} aria-hidden />
          {STATUS_STYLE[status].label}
        </span>
      ))}
      <span className="text-slate-600">
        Cell: edges, then violating / sanctioned / permitted; <span className={COUNT_TEXT.unreviewed}>+N new</span>: not yet reviewed.
      </span>
      <span className="ml-auto text-slate-600" data-testid="matrix-totals">
        {n(totals.edges)} edges between zones · {n(totals.violation)} violating
      </span>
    </div>
  );
}
