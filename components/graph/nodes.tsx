"use client";
// Custom nodes, declared once outside render and memoised (React Flow's advice):
// every node has a fixed size and pre-declared handles, so nothing is measured.
import { memo } from "react";
import { Handle, Position, useStore, type Node, type NodeProps } from "@xyflow/react";
import { ChevronsDownUp, ChevronsUpDown, TriangleAlert } from "lucide-react";
import { AssetKindIcon } from "@/components/ui/asset-kind-icon";
import { NODE_H, NODE_W } from "@/lib/graph/types";
import type { ViewAssetNode, ViewZone } from "@/lib/graph/view";
import { tint, zoneTextColor } from "./styles";

export type AssetNodeData = ViewAssetNode & { zoneName: string | null; zoneColor: string | null; highlighted: boolean; dimmed: boolean };
export type ZoneNodeData = ViewZone & { lod: "overview" | "detail"; onToggle: (zone: string) => void; highlighted: boolean };
export type AssetFlowNode = Node<AssetNodeData, "asset">;
export type ZoneFlowNode = Node<ZoneNodeData, "zone">;
export type CollapsedFlowNode = Node<ZoneNodeData, "collapsedZone">;

const hiddenHandle = { opacity: 0, width: 2, height: 2, minWidth: 0, minHeight: 0, border: 0 } as const;

/** Break opportunities after separators and inside CamelCase, so a long name wraps at a sensible place. */
function breakable(name: string) {
  const parts = name.split(/(?<=[_./\-])|(?<=[a-z0-9])(?=[A-Z])/);
  return parts.map((part, i) => (
    <span key={i}>
      {i > 0 ? <wbr /> : null}
      {part}
    </span>
  ));
}

function AssetNodeView({ data, selected }: NodeProps<AssetFlowNode>) {
  // Short names leave room for the kind; long ones take two lines (the kind is the icon, the zone its box).
  const short = data.name.length <= (data.violations > 0 ? 10 : 12);
  const kind = data.kind.replaceAll("_", " ");
  return (
    <div
      className={`flex items-center gap-2 rounded-lg border bg-white px-2 shadow-sm transition-opacity ${
        selected ? "border-brand-600 ring-2 ring-brand-500/40" : data.highlighted ? "border-rose-500 ring-2 ring-rose-400/50" : "border-slate-300"
      } ${data.dimmed ? "zl-dimmed" : ""}`}
      style={{ width: NODE_W, height: NODE_H }}
      data-asset={data.id}
      title={`${data.namespace}.${data.name} (${data.zoneName ?? "no zone"} · ${kind})`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} style={hiddenHandle} />
      <span
        className="flex size-7 shrink-0 items-center justify-center rounded-md"
        style={{ backgroundColor: tint(data.zoneColor ?? "#64748b", 0.14), color: data.zoneColor ?? "#475569" }}
      >
        <AssetKindIcon kind={data.kind} className="size-4" />
      </span>
      <span className="min-w-0 flex-1">
        {short ? (
          <>
            <span className="block truncate text-[14px] font-semibold leading-[17px] text-slate-900">{data.name}</span>
            <span className="block truncate text-[11px] leading-[14px] text-slate-500">{data.zone ? kind : `no zone · ${kind}`}</span>
          </>
        ) : (
          <span className="line-clamp-2 text-[12.5px] font-semibold leading-[15px] text-slate-900 [overflow-wrap:anywhere]">{breakable(data.name)}</span>
        )}
      </span>
      {data.violations > 0 ? (
        <span
          className="flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-rose-700 px-1.5 text-[11px] font-semibold text-white"
          title={`${data.violations} violation${data.violations === 1 ? "" : "s"}`}
          data-testid="violation-badge"
        >
          {data.violations}
        </span>
      ) : null}
      <Handle type="source" position={Position.Right} isConnectable={false} style={hiddenHandle} />
    </div>
  );
}

/** Zone names stay readable at any zoom: the header grows as the view zooms out. */
// Quantised to powers of two so that zooming re-renders these nodes only a few times.
const zoomStep = (s: { transform: [number, number, number] }) => Math.max(1, Math.min(8, 2 ** Math.round(Math.log2(1 / s.transform[2]))));

function dotsPath(dots: number[] | undefined): string {
  if (!dots?.length) return "";
  let d = "";
  for (let i = 0; i < dots.length; i += 2) d += `M${dots[i]} ${dots[i + 1]}h${NODE_W}v${NODE_H}h-${NODE_W}z`;
  return d;
}

// Finer steps for the header over drawn assets (a few zones only re-render at each step).
const detailStep = (s: { transform: [number, number, number] }) => Math.max(1, Math.min(2, Math.round(4 / s.transform[2]) / 4));

function ZoneNodeView({ data }: NodeProps<ZoneFlowNode>) {
  const zoomScale = useStore(zoomStep);
  const detailScale = useStore(detailStep);
  // Zoomed out the header grows to stay readable (it may cover the dots); zoomed in it keeps its place.
  // Never wider than the box itself (an estimate of the header's natural width).
  const headerWidth = 230 + data.name.length * 8.5;
  // Capped so that wide and narrow zones keep comparable titles.
  // With assets drawn, it grows a little (within the header band) so the title reads at a fitted zoom.
  const scale =
    data.lod === "overview"
      ? Math.max(1, Math.min(zoomScale, 2.5, (data.w - 8) / headerWidth))
      : Math.max(1, Math.min(detailScale, 1.4, (data.w - 8) / headerWidth));
  return (
    <div
      className="relative rounded-2xl border-2"
      style={{ width: data.w, height: data.h, borderColor: tint(data.color, 0.55), backgroundColor: tint(data.color, 0.06) }}
      data-zone={data.id}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} style={hiddenHandle} />
      {data.dots ? (
        <svg className="pointer-events-none absolute inset-0" width={data.w} height={data.h} aria-hidden>
          <path d={dotsPath(data.dots)} fill={tint(data.color, 0.35)} />
          <path d={dotsPath(data.violationDots)} fill="#dc262699" />
        </svg>
      ) : null}
      <div
        className="absolute left-0 top-0 flex origin-top-left items-center gap-2 whitespace-nowrap px-3 py-1.5"
        style={{ transform: `scale(${scale})` }}
      >
        <span className="size-3 rounded-full" style={{ backgroundColor: data.color }} aria-hidden />
        <span className="text-sm font-semibold" style={{ color: zoneTextColor(data.color, 0.06) }}>
          {data.name}
        </span>
        <span className="text-xs text-slate-500">{data.assets} {data.assets === 1 ? "asset" : "assets"}</span>
        {data.violations > 0 ? (
          <span className="inline-flex items-center gap-1 rounded-full bg-rose-50 px-1.5 text-xs font-medium text-rose-700 ring-1 ring-rose-200">
            <TriangleAlert className="size-3" aria-hidden />
            {data.violations}
          </span>
        ) : null}
        <button
          type="button"
          className="nodrag nopan pointer-events-auto ml-1 inline-flex items-center gap-1 rounded border border-slate-200 bg-white/80 px-1.5 py-0.5 text-xs text-slate-600 hover:bg-white"
          onClick={(event) => {
            event.stopPropagation();
            data.onToggle(data.id);
          }}
          aria-label={`Collapse ${data.name}`}
          title="Collapse this zone into one node"
        >
          <ChevronsDownUp className="size-3" aria-hidden />
          Collapse
        </button>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} style={hiddenHandle} />
    </div>
  );
}

function CollapsedZoneView({ data, selected }: NodeProps<CollapsedFlowNode>) {
  const zoomScale = useStore(zoomStep);
  // The card's content grows when zoomed out, within the node's box.
  const scale = Math.max(1, Math.min(zoomScale, data.w / 260, data.h / 88));
  return (
    <div
      className={`relative overflow-hidden rounded-xl border-2 bg-white shadow-sm ${selected ? "ring-2 ring-brand-500/40" : ""}`}
      style={{ width: data.w, height: data.h, borderColor: data.color, backgroundColor: tint(data.color, 0.1) }}
      data-zone={data.id}
      data-collapsed="true"
    >
      <Handle type="target" position={Position.Left} isConnectable={false} style={hiddenHandle} />
      <div className="absolute left-0 top-0 flex h-[88px] w-[260px] origin-top-left flex-col justify-center px-3" style={{ transform: `scale(${scale})` }}>
        <div className="flex items-center gap-2">
          <span className="size-3 shrink-0 rounded-full" style={{ backgroundColor: data.color }} aria-hidden />
          <span className="truncate text-sm font-semibold" style={{ color: zoneTextColor(data.color, 0.1) }}>
            {data.name}
          </span>
        </div>
        <div className="mt-1 flex items-center gap-2 text-xs text-slate-600">
          <span>{data.assets} {data.assets === 1 ? "asset" : "assets"}</span>
          {data.violations > 0 ? <span className="font-medium text-rose-700">{data.violations} {data.violations === 1 ? "violation" : "violations"}</span> : null}
          <button
            type="button"
            className="nodrag nopan ml-auto inline-flex items-center gap-1 rounded border border-slate-200 bg-white px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-50"
            onClick={(event) => {
              event.stopPropagation();
              data.onToggle(data.id);
            }}
            aria-label={`Expand ${data.name}`}
          >
            <ChevronsUpDown className="size-3" aria-hidden />
            Expand
          </button>
        </div>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} style={hiddenHandle} />
    </div>
  );
}

export const nodeTypes = {
  asset: memo(AssetNodeView),
  zone: memo(ZoneNodeView),
  collapsedZone: memo(CollapsedZoneView),
};
