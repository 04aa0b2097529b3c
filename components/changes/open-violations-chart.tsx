// Open violations over time as a server-rendered SVG step chart (no chart library: it renders
// the same on the server, in the browser and, later, in a PDF). Readable axes: "nice" y ticks
// from zero, about six dated x ticks.

export interface ChartPoint {
  at: Date;
  open: number;
}

const WIDTH = 760;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 20, bottom: 34, left: 48 };

/** Tick values from 0 to at least `max`, on a 1-2-5 step, about five of them. */
export function niceTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const niceStep = Math.max(1, step);
  const ticks: number[] = [];
  for (let v = 0; v < max + niceStep; v += niceStep) ticks.push(v);
  return ticks;
}

const dayLabel = (at: Date, hourly: boolean) => (hourly ? `${at.toISOString().slice(5, 10)} ${at.toISOString().slice(11, 16)}` : at.toISOString().slice(0, 10));

export function OpenViolationsChart({ points }: { points: ChartPoint[] }) {
  if (points.length < 2) return <p className="text-sm text-slate-500">The range has no past to chart yet.</p>;
  const t0 = points[0].at.getTime();
  const t1 = points[points.length - 1].at.getTime();
  const ticks = niceTicks(Math.max(...points.map((p) => p.open)));
  const yMax = ticks[ticks.length - 1];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (at: number) => MARGIN.left + ((at - t0) / Math.max(1, t1 - t0)) * plotW;
  const y = (open: number) => MARGIN.top + plotH - (open / yMax) * plotH;
  // a step line: the count holds until the next sample
  let d = `M${x(t0).toFixed(1)},${y(points[0].open).toFixed(1)}`;
  for (let i = 1; i < points.length; i++) d += ` H${x(points[i].at.getTime()).toFixed(1)} V${y(points[i].open).toFixed(1)}`;
  const area = `${d} V${y(0).toFixed(1)} H${x(t0).toFixed(1)} Z`;
  const hourly = t1 - t0 <= 3 * 86_400_000;
  const xTickCount = Math.min(6, points.length);
  const xTicks = Array.from({ length: xTickCount }, (_, i) => t0 + ((t1 - t0) * i) / (xTickCount - 1));
  const latest = points[points.length - 1];
  return (
    <figure className="w-full">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="open-violations-title open-violations-desc" className="h-auto w-full" data-testid="open-violations-chart">
        <title id="open-violations-title">Open violations over time</title>
        <desc id="open-violations-desc">
          From {points[0].open} on {dayLabel(points[0].at, hourly)} to {latest.open} on {dayLabel(latest.at, hourly)}; highest {Math.max(...points.map((p) => p.open))}.
        </desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" strokeWidth={1} />
            <text x={MARGIN.left - 8} y={y(tick)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="#64748b">
              {tick}
            </text>
          </g>
        ))}
        {xTicks.map((at, i) => (
          <g key={i}>
            <line x1={x(at)} x2={x(at)} y1={MARGIN.top + plotH} y2={MARGIN.top + plotH + 4} stroke="#94a3b8" />
            <text x={x(at)} y={HEIGHT - 12} textAnchor={i === 0 ? "start" : i === xTickCount - 1 ? "end" : "middle"} fontSize={11} fill="#64748b">
              {dayLabel(new Date(at), hourly)}
            </text>
          </g>
        ))}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={MARGIN.top + plotH} y2={MARGIN.top + plotH} stroke="#94a3b8" />
        <path d={area} fill="#fee2e2" opacity={0.7} />
        <path d={d} fill="none" stroke="#e11d48" strokeWidth={2} strokeLinejoin="round" />
        <circle cx={x(latest.at.getTime())} cy={y(latest.open)} r={3.5} fill="#e11d48" />
        <text x={MARGIN.left + 4} y={MARGIN.top - 4} fontSize={11} fill="#64748b">
          open violations
        </text>
      </svg>
      <figcaption className="sr-only">Open violations at each sample: {points.map((p) => `${dayLabel(p.at, hourly)}: ${p.open}`).join("; ")}</figcaption>
    </figure>
  );
}
