import { STATUS_STYLE } from "./styles";

/** One compact strip along the bottom of the canvas (the fitted graph keeps clear of it). `farEdges`: the view draws stubs. */
export function GraphLegend({ farEdges = false }: { farEdges?: boolean }) {
  return (
    <div
      className="pointer-events-auto flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white/95 px-3 py-1.5 text-[11px] shadow-sm"
      data-testid="graph-legend"
    >
      <span className="font-semibold text-slate-700">Edges</span>
      {Object.entries(STATUS_STYLE).map(([status, s]) => (
        <span key={status} className="flex items-center gap-1.5" title={s.description}>
          <svg width="22" height="8" aria-hidden>
            <line x1="0" y1="4" x2="22" y2="4" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dashed ? "5 3" : undefined} />
          </svg>
          <span className="text-slate-700">{s.label}</span>
        </span>
      ))}
      <span className="flex items-center gap-1.5 text-slate-600" title="Numbered edges: flows aggregated between zones.">
        <span className="flex h-4 min-w-4 items-center justify-center rounded-full bg-rose-700 px-1 text-[10px] font-semibold text-white">2</span>
        violations of an asset
      </span>
      {farEdges ? (
        <span className="flex items-center gap-1.5 text-slate-600" title="Short arrows: edges whose other end is far off screen, counted per zone they lead to. Hover a count for the zone.">
          <span className="flex h-4 min-w-4 items-center justify-center rounded-full border border-slate-500 bg-white px-1 text-[10px] font-semibold text-slate-700">4</span>
          edges to a far zone
        </span>
      ) : null}
      <span className="hidden text-slate-500 2xl:inline">Numbered edges: flows aggregated between zones.</span>
    </div>
  );
}
