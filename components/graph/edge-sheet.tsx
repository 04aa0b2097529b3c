"use client";
// A busy detail view's plain edges, drawn in one SVG instead of one React Flow edge each.
// React Flow wraps every edge in an <svg> of its own (a stacking context and a paint chunk), and Chromium
// re-layerizes all of them on every frame of a pan: with 700 edges that was half of a pan frame's main-thread
// work (Layerize 3.3 of 7.3 ms; without the edges' wrappers, 1.7), and every edge also re-computed its
// position from the store on every frame. Here the same paths (geometry, colours, dashes, titles) are
// one sheet behind the assets, as a React Flow node; each keeps its click target and its keyboard stop
// (class react-flow__edge, data-id, as use-graph-keyboard expects). Selected and highlighted edges, and
// aggregated ones, stay React Flow edges, drawn above.
import { memo } from "react";
import { getBezierPath, Position, type Node, type NodeProps } from "@xyflow/react";
import type { EdgeStatus } from "@/lib/graph/types";
import { STATUS_STYLE } from "./styles";
import { routePath } from "./verdict-edge";

export interface SheetEdge {
  id: string;
  source: string;
  target: string;
  status: EdgeStatus;
  /** The path, in flow coordinates (as the edge would draw it). */
  d: string;
  dimmed: boolean;
  title: string;
  ariaLabel: string;
}

export type EdgeSheetData = { x: number; y: number; edges: SheetEdge[]; onPick: (edge: SheetEdge) => void };
export type EdgeSheetNode = Node<EdgeSheetData, "edgeSheet">;

/** A plain edge's path, as PlainEdgeView draws it: its layout route, else a curve between the handles (right of the source, left of the target). */
export function sheetPath(route: number[] | undefined, from: { x: number; y: number; w: number; h: number }, to: { x: number; y: number; w: number; h: number }): string {
  if (route && route.length >= 4) return routePath(route)[0];
  return getBezierPath({
    sourceX: from.x + from.w,
    sourceY: from.y + from.h / 2,
    sourcePosition: Position.Right,
    targetX: to.x,
    targetY: to.y + to.h / 2,
    targetPosition: Position.Left,
  })[0];
}

/** The title an edge shows on hover (PlainEdgeView's, for a plain edge). */
export function plainEdgeTitle(status: EdgeStatus, paths: string[]): string {
  return status === "sanctioned" && paths.length ? `Sanctioned path: ${paths.join(", ")}` : STATUS_STYLE[status].label;
}

function EdgeSheetView({ data }: NodeProps<EdgeSheetNode>) {
  return (
    <svg className="pointer-events-none absolute left-0 top-0 overflow-visible" width={1} height={1} data-testid="edge-sheet" data-edges={data.edges.length}>
      <g transform={`translate(${-data.x} ${-data.y})`}>
        {data.edges.map((e) => {
          const style = STATUS_STYLE[e.status];
          return (
            <g key={e.id} data-status={e.status} data-sheet-edge={e.id}>
              <path
                d={e.d}
                fill="none"
                className="react-flow__edge-path"
                style={{ stroke: style.color, strokeWidth: 1.75, strokeDasharray: style.dashed ? "6 4" : undefined, strokeOpacity: e.dimmed ? 0.25 : undefined }}
              />
              <path
                d={e.d}
                fill="none"
                stroke="transparent"
                strokeWidth={16}
                className="react-flow__edge zl-sheet-edge cursor-pointer"
                style={{ pointerEvents: "stroke" }}
                data-id={e.id}
                data-source={e.source}
                data-target={e.target}
                tabIndex={0}
                role="group"
                aria-roledescription="edge"
                aria-label={e.ariaLabel}
                onClick={(event) => {
                  event.stopPropagation();
                  data.onPick(e);
                }}
              >
                <title>{e.title}</title>
              </path>
            </g>
          );
        })}
      </g>
    </svg>
  );
}

export const EdgeSheet = memo(EdgeSheetView);
