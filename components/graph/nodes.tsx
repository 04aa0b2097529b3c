"use client";
// Custom nodes, declared once outside render and memoised (React Flow's advice):
// every node has a fixed size and pre-declared handles, so nothing is measured.
import { memo, useEffect, useState } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { ChevronsDownUp, ChevronsUpDown, TriangleAlert } from "lucide-react";
import { assetKindIconUrl } from "@/components/ui/asset-kind-icon";
import { NODE_H, NODE_W } from "@/lib/graph/types";
import type { ViewAssetNode, ViewStub, ViewZone } from "@/lib/graph/view";
import { ALL_UNZONED } from "@/lib/graph/zone-flows";
import { useRestZoom } from "./rest-zoom";
import { blend } from "@/lib/color/contrast";
import { CANVAS_BG, STATUS_STYLE, tint, zoneTextColor } from "./styles";

export type AssetNodeData = ViewAssetNode & { zoneName: string | null; zoneColor: string | null; highlighted: boolean; dimmed: boolean };
export type ZoneNodeData = ViewZone & { lod: "overview" | "detail"; onToggle: (zone: string) => void; highlighted: boolean };
export type AssetFlowNode = Node<AssetNodeData, "asset">;
export type ZoneFlowNode = Node<ZoneNodeData, "zone">;
export type CollapsedFlowNode = Node<ZoneNodeData, "collapsedZone">;
export type StubNodeData = ViewStub;
export type StubFlowNode = Node<StubNodeData, "stub">;

/**
 * React Flow measures every node's handles from the DOM when it observes the node (the handles declared on the
 * node are replaced by what it finds), so each node keeps its two, invisible. Hidden by visibility and placed
 * without React Flow's translate(-50%, -50%): an opacity and a transform each made a node of Chromium's
 * property trees, two per asset, that it re-layerized on every frame of a pan.
 */
const handleBox = { visibility: "hidden", transform: "none", width: 2, height: 2, minWidth: 0, minHeight: 0, border: 0, top: "calc(50% - 1px)" } as const;
const targetHandle = { ...handleBox, left: 0 } as const;
const sourceHandle = { ...handleBox, left: "auto", right: 0 } as const;

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
      <Handle type="target" position={Position.Left} isConnectable={false} style={targetHandle} />
      <span
        className="size-7 shrink-0 rounded-md bg-center bg-no-repeat"
        style={{
          backgroundColor: tint(data.zoneColor ?? "#64748b", 0.14),
          backgroundImage: assetKindIconUrl(data.kind, data.zoneColor ?? "#475569"),
          backgroundSize: "16px 16px",
        }}
        role="img"
        aria-label={kind}
        data-kind-icon
      />
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
      <Handle type="source" position={Position.Right} isConnectable={false} style={sourceHandle} />
    </div>
  );
}

/** Zone names stay readable at any zoom: the header grows as the view zooms out. */
// Quantised to powers of two so that zooming re-renders these nodes only a few times.
const zoomStep = (zoom: number) => Math.max(1, Math.min(8, 2 ** Math.round(Math.log2(1 / zoom))));

function dotsPath(dots: number[] | undefined): string {
  if (!dots?.length) return "";
  let d = "";
  for (let i = 0; i < dots.length; i += 2) d += `M${dots[i]} ${dots[i + 1]}h${NODE_W}v${NODE_H}h-${NODE_W}z`;
  return d;
}

// Finer steps for the header over drawn assets (a few zones only re-render at each step).
const detailStep = (zoom: number) => Math.max(1, Math.min(2, Math.round(4 / zoom) / 4));

/**
 * The zone map's scale: 1 / zoom rounded up to a quarter octave, so text of n px times the scale is
 * n to 1.19 n px on screen whatever the zoom, with a re-render every quarter octave while zooming.
 */
const mapStep = (zoom: number) => Math.min(256, Math.max(1, 2 ** (Math.ceil(Math.log2(1 / zoom) * 4 - 1e-6) / 4)));

/** Character width the layout reserves per name character (lib/graph/layout.ts ZONE_MAP_CHAR_EM), until the name is measured. */
const NAME_EM = 0.66;
let measureContext: CanvasRenderingContext2D | null | undefined;
const measured = new Map<string, number>();
/** The name's width in em in the page's own font (semibold), measured once per name. */
function nameEms(name: string): number | null {
  const hit = measured.get(name);
  if (hit !== undefined) return hit;
  if (typeof document === "undefined") return null;
  if (measureContext === undefined) measureContext = document.createElement("canvas").getContext("2d");
  if (!measureContext) return null;
  measureContext.font = `600 100px ${getComputedStyle(document.body).fontFamily}`;
  const ems = measureContext.measureText(name).width / 100;
  measured.set(name, ems);
  return ems;
}

const solidTints = new Map<string, string>();
/** `tint(color, alpha)` as it shows on the canvas, opaque. */
function solidTint(color: string, alpha: number): string {
  const key = `${color}|${alpha}`;
  let solid = solidTints.get(key);
  if (!solid) {
    try {
      solid = blend(color, alpha, CANVAS_BG);
    } catch {
      solid = CANVAS_BG; // not a hex colour
    }
    solidTints.set(key, solid);
  }
  return solid;
}

/**
 * A zone (or pseudo-zone) on the zone map, and a collapsed zone: its name and a count badge (assets,
 * open violations) sized to read at any zoom, within the box. The layout gave every box room for its
 * name at 12 px when the map is fitted to a laptop screen; here the font is the largest that fits.
 */
function ZoneMapBox({ data, collapsed }: { data: ZoneNodeData; collapsed: boolean }) {
  const step = useRestZoom(mapStep);
  // Measured after mounting (the server has no fonts), so the first paint uses the layout's estimate.
  const [ems, setEms] = useState<number | null>(null);
  // A pseudo-zone shows its namespace (the dashed grey box says "unzoned"; its title says it in words).
  const shown = data.pseudo && data.id.startsWith("unzoned:") && data.id !== ALL_UNZONED ? data.id.slice("unzoned:".length) : data.name;
  useEffect(() => setEms(nameEms(shown)), [shown]);
  const assetsText = `${data.assets.toLocaleString("en")}`;
  const border = Math.min(2 * step, data.w / 40);
  const padX = 4 * step;
  const inner = data.w - 2 * padX - 2 * border;
  const width = Math.max(ems ?? NAME_EM * shown.length, 0.62 * (assetsText.length + 4));
  const font = Math.max(13, Math.min(13 * step, (inner * 0.97) / width, (data.h - 8 * step) / 2.5));
  const fullCounts = inner / (font * 0.85 * 0.62) >= `${assetsText} assets  ${data.violations} violations`.length;
  const countsLabel = `${assetsText} ${data.assets === 1 ? "asset" : "assets"}${data.violations ? `, ${data.violations} open ${data.violations === 1 ? "violation" : "violations"}` : ""}`;
  return (
    <div
      className={`relative rounded-2xl ${data.pseudo ? "border-dashed" : ""}`}
      style={{
        width: data.w,
        height: data.h,
        borderStyle: data.pseudo ? "dashed" : "solid",
        borderWidth: border,
        borderColor: data.pseudo ? "#94a3b8" : tint(data.color, 0.7),
        backgroundColor: data.pseudo ? "#f8fafcd0" : tint(data.color, collapsed ? 0.1 : 0.06),
      }}
      data-zone={data.id}
      data-assets={data.assets}
      data-pseudo={data.pseudo ? "true" : undefined}
      data-collapsed={collapsed ? "true" : undefined}
      data-testid="zone-box"
    >
      <Handle type="target" position={Position.Left} isConnectable={false} style={targetHandle} />
      {data.dots ? (
        <svg className="pointer-events-none absolute inset-0" width={data.w} height={data.h} aria-hidden>
          <path d={dotsPath(data.dots)} fill={tint(data.pseudo ? "#64748b" : data.color, 0.3)} />
          <path d={dotsPath(data.violationDots)} fill="#dc262699" />
        </svg>
      ) : null}
      {/* Solid, in the box's own colour: the arrows the box lies over do not run through its name. */}
      <div
        className="absolute left-0 top-0 max-w-full overflow-hidden"
        style={{ padding: `${3 * step}px ${padX}px`, backgroundColor: data.pseudo ? CANVAS_BG : solidTint(data.color, collapsed ? 0.1 : 0.06), borderBottomRightRadius: 6 * step }}
      >
        <div className="truncate font-semibold leading-tight text-slate-900" style={{ fontSize: font }} data-testid="zone-name" title={data.name}>
          {shown}
        </div>
        <div className="flex items-center gap-[0.35em] whitespace-nowrap leading-tight" style={{ fontSize: font * 0.85 }} data-testid="zone-counts" aria-label={countsLabel} title={countsLabel}>
          <span className="text-slate-700">{fullCounts ? `${assetsText} ${data.assets === 1 ? "asset" : "assets"}` : assetsText}</span>
          {data.violations > 0 ? (
            <span className="inline-flex items-center gap-[0.2em] rounded-full bg-rose-700 px-[0.4em] font-semibold text-white">
              <TriangleAlert className="size-[0.9em]" aria-hidden />
              {data.violations}
            </span>
          ) : null}
          {collapsed ? (
            <button
              type="button"
              className="nodrag zl-nopan pointer-events-auto ml-[0.3em] inline-flex items-center gap-[0.2em] rounded border border-slate-300 bg-white px-[0.3em] text-slate-700 hover:bg-slate-50"
              onClick={(event) => {
                event.stopPropagation();
                data.onToggle(data.id);
              }}
              aria-label={`Expand ${data.name}`}
            >
              <ChevronsUpDown className="size-[0.9em]" aria-hidden />
              Expand
            </button>
          ) : null}
        </div>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} style={sourceHandle} />
    </div>
  );
}

function ZoneNodeView(props: NodeProps<ZoneFlowNode>) {
  return props.data.lod === "overview" ? <ZoneMapBox data={props.data} collapsed={props.data.collapsed} /> : <ZoneDetailView {...props} />;
}

function ZoneDetailView({ data }: NodeProps<ZoneFlowNode>) {
  const zoomScale = useRestZoom(zoomStep);
  const detailScale = useRestZoom(detailStep);
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
      data-assets={data.assets}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} style={targetHandle} />
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
          className="nodrag zl-nopan pointer-events-auto ml-1 inline-flex items-center gap-1 rounded border border-slate-200 bg-white/80 px-1.5 py-0.5 text-xs text-slate-600 hover:bg-white"
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
      <Handle type="source" position={Position.Right} isConnectable={false} style={sourceHandle} />
    </div>
  );
}

function CollapsedZoneView({ data }: NodeProps<CollapsedFlowNode>) {
  // A collapsed zone keeps its box and reads as on the zone map: collapsing every zone gives the map.
  return <ZoneMapBox data={data} collapsed />;
}

/**
 * A far edge, zoomed in: a short arrow from the asset towards the group at its other end, with the count
 * in a small badge at its tip. The group's name is in the badge's tooltip rather than on the canvas: the
 * gaps between columns are too narrow for "4 to Zone 27", which covered the next column's names.
 */
function StubView({ data }: NodeProps<StubFlowNode>) {
  const step = useRestZoom(detailStep);
  const length = 56 * step;
  const ex = data.dx * length;
  const ey = data.dy * length;
  const style = STATUS_STYLE[data.status];
  const label = `${data.count} ${data.dir === "out" ? "to" : "from"} ${data.groupName}`;
  const text = String(data.count);
  const radius = 8 * step;
  const width = Math.max(2 * radius, (text.length * 6.5 + 8) * step);
  // the badge sits just past the arrow's tip, along the arrow
  const bx = ex + data.dx * (width / 2 + 2 * step);
  const by = ey + data.dy * (radius + 2 * step);
  return (
    <svg
      className="pointer-events-none absolute left-0 top-0 overflow-visible"
      width={1}
      height={1}
      data-testid="edge-stub"
      data-node={data.node}
      data-dir={data.dir}
      data-group={data.group}
      data-count={data.count}
      data-status={data.status}
      aria-label={label}
    >
      <line
        x1={data.dir === "out" ? 0 : ex}
        y1={data.dir === "out" ? 0 : ey}
        x2={data.dir === "out" ? ex : 0}
        y2={data.dir === "out" ? ey : 0}
        stroke={style.color}
        strokeWidth={1.75 * step}
        strokeDasharray={style.dashed ? `${6 * step} ${4 * step}` : `${3 * step} ${3 * step}`}
        markerEnd={`url(#zl-arrow-${data.status})`}
      />
      <g className="pointer-events-auto cursor-default">
        <title>{`${label} (${data.count === 1 ? "an edge" : "edges"} whose other end is far off screen)`}</title>
        <rect x={bx - width / 2} y={by - radius} width={width} height={2 * radius} rx={radius} fill="white" stroke={style.color} strokeWidth={1.25 * step} />
        <text x={bx} y={by} textAnchor="middle" dominantBaseline="central" className="fill-slate-700 font-semibold" style={{ fontSize: 10.5 * step }}>
          {text}
        </text>
      </g>
    </svg>
  );
}

export const nodeTypes = {
  asset: memo(AssetNodeView),
  zone: memo(ZoneNodeView),
  collapsedZone: memo(CollapsedZoneView),
  stub: memo(StubView),
};
