"use client";
import { memo } from "react";
import { BaseEdge, getBezierPath, useStore, type Edge, type EdgeProps } from "@xyflow/react";
import type { ViewEdge } from "@/lib/graph/view";
import { STATUS_STYLE } from "./styles";

export type VerdictEdgeData = Pick<ViewEdge, "status" | "count" | "paths" | "aggregated" | "route"> & {
  highlighted: boolean;
  dimmed: boolean;
  /** Busy views skip arrowheads (each is painted on its own; left to right already says which way data flows). */
  plain: boolean;
};
export type VerdictFlowEdge = Edge<VerdictEdgeData, "verdict">;

/** The corner radius of a routed edge's bends (smaller where the segments are short). */
const CORNER = 8;

/**
 * An orthogonal route (x,y pairs) as a path with rounded corners, and its middle point.
 * Routes come from the layout (elkjs), so an edge wrapping to the next row of a zone runs
 * down between the rows instead of curving outside the zone.
 */
export function routePath(route: number[]): [string, number, number] {
  const n = route.length / 2;
  const x = (i: number) => route[2 * i];
  const y = (i: number) => route[2 * i + 1];
  let d = `M${x(0)},${y(0)}`;
  for (let i = 1; i < n - 1; i++) {
    const inLen = Math.hypot(x(i) - x(i - 1), y(i) - y(i - 1));
    const outLen = Math.hypot(x(i + 1) - x(i), y(i + 1) - y(i));
    const r = Math.min(CORNER, inLen / 2, outLen / 2);
    if (r < 0.5) {
      d += `L${x(i)},${y(i)}`;
      continue;
    }
    const ax = x(i) - ((x(i) - x(i - 1)) / inLen) * r;
    const ay = y(i) - ((y(i) - y(i - 1)) / inLen) * r;
    const bx = x(i) + ((x(i + 1) - x(i)) / outLen) * r;
    const by = y(i) + ((y(i + 1) - y(i)) / outLen) * r;
    d += `L${ax},${ay}Q${x(i)},${y(i)} ${bx},${by}`;
  }
  d += `L${x(n - 1)},${y(n - 1)}`;
  const mid = Math.floor((n - 1) / 2);
  return [d, (x(mid) + x(mid + 1)) / 2, (y(mid) + y(mid + 1)) / 2];
}

// Aggregated flows are drawn when zoomed out: they keep a readable width on screen.
const aggregateScale = (s: { transform: [number, number, number] }) => Math.max(1, Math.min(8, 2 ** Math.round(Math.log2(0.5 / s.transform[2]))));

function VerdictEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected }: EdgeProps<VerdictFlowEdge>) {
  const zoomScale = useStore(aggregateScale);
  const scale = data?.aggregated ? zoomScale : 1;
  const route = data?.route;
  const [path, labelX, labelY] =
    route && route.length >= 4 ? routePath(route) : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const style = STATUS_STYLE[data?.status ?? "permitted"];
  const count = data?.count ?? 1;
  const width = ((data?.highlighted || selected ? 3.5 : 1.75) + (data?.aggregated ? Math.min(4, Math.log2(count + 1)) : 0)) * scale;
  const title =
    data?.status === "sanctioned" && data.paths.length
      ? `Sanctioned path: ${data.paths.join(", ")}`
      : data?.aggregated
        ? `${count} flows, worst: ${style.label.toLowerCase()}`
        : style.label;
  return (
    <g className={data?.dimmed ? "opacity-25" : undefined} data-status={data?.status}>
      <title>{title}</title>
      <BaseEdge
        id={id}
        path={path}
        interactionWidth={16}
        style={{
          stroke: style.color,
          strokeWidth: width,
          strokeDasharray: style.dashed ? "6 4" : undefined,
        }}
        markerEnd={data?.plain && !data.highlighted && !selected ? undefined : `url(#zl-arrow-${data?.status ?? "permitted"})`}
      />
      {data?.aggregated && count > 1 ? (
        <text x={labelX} y={labelY} textAnchor="middle" dominantBaseline="middle" className="fill-slate-700 font-semibold" style={{ fontSize: 12 * scale, paintOrder: "stroke", stroke: "white", strokeWidth: 4 * scale }}>
          {count}
        </text>
      ) : null}
    </g>
  );
}

export const edgeTypes = { verdict: memo(VerdictEdgeView) };

/** Arrowheads per status, defined once for the whole canvas. */
export function EdgeMarkers() {
  return (
    <svg width="0" height="0" className="absolute" aria-hidden>
      <defs>
        {Object.entries(STATUS_STYLE).map(([status, s]) => (
          <marker key={status} id={`zl-arrow-${status}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="3.5" markerHeight="3.5" orient="auto-start-reverse">
            <path d="M0 0L10 5L0 10z" fill={s.color} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
