import { STATUS_STYLE } from "./styles";

export function GraphLegend() {
  return (
    <div className="pointer-events-auto w-52 rounded-lg border border-slate-200 bg-white/95 px-3 py-2 text-[11px] shadow-sm" data-testid="graph-legend">
      <div className="mb-1.5 font-semibold text-slate-700">Edges</div>
      <ul className="space-y-0.5">
        {Object.entries(STATUS_STYLE).map(([status, s]) => (
          <li key={status} className="flex items-center gap-2" title={s.description}>
            <svg width="28" height="8" aria-hidden>
              <line x1="0" y1="4" x2="28" y2="4" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dashed ? "5 3" : undefined} />
            </svg>
            <span className="text-slate-700">{s.label}</span>
          </li>
        ))}
      </ul>
      <div className="mt-2 flex items-center gap-2 text-slate-600">
        <span className="flex h-4 min-w-4 items-center justify-center rounded-full bg-rose-600 px-1 text-[10px] font-semibold text-white">2</span>
        violations of an asset
      </div>
      <div className="mt-1 text-slate-500">Numbered edges: flows aggregated between zones.</div>
    </div>
  );
}
