"use client";
import { memo } from "react";
import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import type { ViewEdge } from "@/lib/graph/view";
import { useRestZoom } from "./rest-zoom";
import { STATUS_STYLE, flowCountAttributes } from "./styles";

export type VerdictEdgeData = Pick<ViewEdge, "status" | "count" | "paths" | "aggregated" | "route" | "flow"> & {
  highlighted: boolean;
  dimmed: boolean;
  /** Busy views skip arrowheads (each is painted on its own; left to right already says which way data flows). */
  plain: boolean;
  /** A zone-map arrow: where its count label is shown at this zoom, or null when it has no free spot (lib/graph/flow-labels.ts keeps labels off boxes and apart). */
  labelAt?: { x: number; y: number } | null;
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
const aggregateScale = (zoom: number) => Math.max(1, Math.min(8, 2 ** Math.round(Math.log2(0.5 / zoom))));
// Zone map flows: 1 / zoom rounded up to a quarter octave (labels at n px read at n to 1.19 n px on screen).
export const mapScale = (zoom: number) => Math.min(256, Math.max(1, 2 ** (Math.ceil(Math.log2(1 / zoom) * 4 - 1e-6) / 4)));

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** What hovering a zone-level flow tells: counts by verdict, the categories it carries, the paths that sanction it. */
export function flowBreakdown(flow: NonNullable<ViewEdge["flow"]>): string {
  const lines = [
    `${flow.fromName} → ${flow.toName}: ${plural(flow.edges, "edge")}`,
    `${plural(flow.violation, "violation")} · ${flow.sanctioned.toLocaleString("en")} sanctioned · ${flow.permitted.toLocaleString("en")} permitted${flow.unreviewed ? ` · ${flow.unreviewed.toLocaleString("en")} unreviewed` : ""}`,
  ];
  if (flow.categories.length) lines.push(`Categories: ${flow.categories.map((c) => `${c.category} (${c.edges})`).join(", ")}${flow.moreCategories ? `, ${flow.moreCategories} more` : ""}`);
  if (flow.paths.length) lines.push(`Sanctioned by: ${flow.paths.join(", ")}${flow.morePaths ? `, ${flow.morePaths} more` : ""}`);
  lines.push("Click for the breakdown and the list of its edges");
  return lines.join("\n");
}

/** A flow between two zone boxes: a straight arrow, width by edge count, colour by worst verdict, labelled violations / sanctioned / permitted. */
function FlowEdgeView({ id, data, selected }: EdgeProps<VerdictFlowEdge>) {
  const scale = useRestZoom(mapScale);
  const flow = data!.flow!;
  const route = data!.route!;
  const [path, labelX, labelY] = routePath(route);
  const style = STATUS_STYLE[data!.status];
  const width = ((data!.highlighted || selected ? 2 : 1) + Math.min(4, Math.log2(flow.edges + 1) * 0.55)) * scale;
  const font = 11 * scale;
  // Shown where it has room (a long enough arrow, a spot on it clear of boxes and other labels); else its counts stay in its title and card.
  const labelAt = data!.labelAt === undefined ? { x: labelX, y: labelY } : data!.labelAt;
  return (
    <g
      className={data!.dimmed ? "opacity-25" : undefined}
      data-status={data!.status}
      data-testid="zone-flow"
      data-from={flow.from}
      data-to={flow.to}
      {...flowCountAttributes(flow)}
    >
      <title>{flowBreakdown(flow)}</title>
      <BaseEdge
        id={id}
        path={path}
        interactionWidth={14 * scale}
        style={{ stroke: style.color, strokeWidth: width, strokeDasharray: style.dashed ? `${6 * scale} ${4 * scale}` : undefined, cursor: "pointer" }}
        markerEnd={`url(#zl-arrow-${data!.status})`}
      />
      <text
        x={labelAt?.x ?? labelX}
        y={labelAt?.y ?? labelY}
        textAnchor="middle"
        dominantBaseline="middle"
        className={labelAt ? "font-semibold" : "font-semibold opacity-0"}
        style={{ fontSize: font, paintOrder: "stroke", stroke: "white", strokeWidth: 3 * scale, cursor: "pointer", pointerEvents: labelAt ? undefined : "none" }}
        data-testid="zone-flow-label"
      >
        {/* flowLabelText (lib/graph/flow-labels.ts) is this text: the placement measures it */}
        <tspan className="fill-rose-700">{flow.violation}</tspan>
        <tspan className="fill-slate-500"> / </tspan>
        <tspan className="fill-green-800">{flow.sanctioned}</tspan>
        <tspan className="fill-slate-500"> / </tspan>
        <tspan className="fill-slate-700">{flow.permitted}</tspan>
      </text>
    </g>
  );
}

function VerdictEdgeView(props: EdgeProps<VerdictFlowEdge>) {
  return props.data?.flow && props.data.route ? <FlowEdgeView {...props} /> : <PlainEdgeView {...props} />;
}

function PlainEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected }: EdgeProps<VerdictFlowEdge>) {
  const zoomScale = useRestZoom(aggregateScale);
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
