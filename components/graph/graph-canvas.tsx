"use client";
// The React Flow canvas. It receives a GraphView (already reduced by the
// server to what the view needs) and turns it into pre-sized nodes and edges.
// Levels of detail are decided by GraphScreen; here we only report the
// viewport (throttled) and move it when asked (search, focus, shared links).
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Controls, Position, ReactFlow, useReactFlow, type Edge, type Node, type NodeHandle, type Viewport } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { NODE_H, NODE_W, type Box } from "@/lib/graph/types";
import type { GraphView, ViewFlow } from "@/lib/graph/view";
import type { Selection } from "@/lib/graph/view-state";
import { EdgeSheet, plainEdgeTitle, sheetPath, type EdgeSheetData, type SheetEdge } from "./edge-sheet";
import { FlowCard } from "./flow-card";
import { nodeTypes, type AssetNodeData, type StubNodeData, type ZoneNodeData } from "./nodes";
import { GRAPH_ARIA_LABELS, useGraphKeyboard } from "./use-graph-keyboard";
import { EdgeMarkers, edgeTypes, mapScale, type VerdictEdgeData } from "./verdict-edge";
import { flowLabelText, placeFlowLabels } from "@/lib/graph/flow-labels";
import { RestZoomContext, createRestZoomStore, useRestZoomOf } from "./rest-zoom";
import { STATUS_STYLE } from "./styles";

function handlesFor(w: number, h: number): NodeHandle[] {
  return [
    { type: "target", position: Position.Left, x: 0, y: h / 2 - 1, width: 2, height: 2 },
    { type: "source", position: Position.Right, x: w - 2, y: h / 2 - 1, width: 2, height: 2 },
  ];
}
const ASSET_HANDLES = handlesFor(NODE_W, NODE_H);

/**
 * A node placed by left/top instead of React Flow's translate (its position never changes: nodes are not
 * draggable). Each transform is a node of Chromium's property trees that it re-layerizes on every frame of a
 * pan; with hundreds of assets zoomed in that was most of a frame's Layerize.
 */
const placedAt = (x: number, y: number) => ({ transform: "none", left: x, top: y });

/** Views with more edges than this are busy: plain edges lose their arrowheads and, in detail, go to the edge sheet. */
const BUSY_EDGES = 150;
const nodeTypesWithSheet = { ...nodeTypes, edgeSheet: EdgeSheet };

const FIT_MARGIN = { top: 20, right: 56, bottom: 52, left: 20 };
const MAX_FIT_ZOOM = 1;

export type ViewportRequest = { kind: "fit"; box: Box; key: string; minZoom?: number } | { kind: "center"; x: number; y: number; zoom: number; key: string };

export interface GraphCanvasProps {
  view: GraphView;
  selected: Selection;
  highlight: { assets: Set<string>; edges: Set<string> };
  onSelect: (selection: Selection) => void;
  onToggleZone: (zone: string) => void;
  onViewport: (viewport: Viewport, size: { width: number; height: number }, settled: boolean) => void;
  request: ViewportRequest | null;
}

function nodeSignature(node: Node): string {
  const d = node.data as Partial<AssetNodeData & ZoneNodeData>;
  if (node.type === "stub") {
    const t = node.data as StubNodeData;
    return `stub|${node.position.x}|${node.position.y}|${t.count}|${t.status}|${t.dx}|${t.dy}|${t.groupName}`;
  }
  return `${node.type}|${node.position.x}|${node.position.y}|${node.width}|${node.height}|${node.selected ? 1 : 0}|${d.highlighted ? 1 : 0}|${d.dimmed ? 1 : 0}|${d.name}|${d.violations}|${d.assets ?? ""}|${d.lod ?? ""}|${d.collapsed ? 1 : 0}|${d.dots?.length ?? ""}|${d.zoneName ?? ""}`;
}

function edgeSignature(edge: Edge): string {
  const d = edge.data as VerdictEdgeData;
  const f = d.flow;
  return `${edge.source}|${edge.target}|${d.status}|${d.count}|${d.highlighted ? 1 : 0}|${d.dimmed ? 1 : 0}|${d.plain ? 1 : 0}|${d.labelAt ? `${d.labelAt.x},${d.labelAt.y}` : "-"}|${edge.selected ? 1 : 0}|${d.paths.join(",")}|${d.route?.join(",") ?? ""}|${f ? `${f.violation},${f.sanctioned},${f.permitted},${f.unreviewed}` : ""}`;
}

function useStableObjects<T extends { id: string }>(fresh: T[], signature: (item: T) => string): T[] {
  const previous = useRef(new Map<string, { sig: string; item: T }>());
  return useMemo(() => {
    const next = new Map<string, { sig: string; item: T }>();
    const out = fresh.map((item) => {
      const sig = signature(item);
      const before = previous.current.get(item.id);
      const kept = before && before.sig === sig ? before.item : item;
      next.set(item.id, { sig, item: kept });
      return kept;
    });
    previous.current = next;
    return out;
  }, [fresh, signature]);
}

export function GraphCanvas({ view, selected, highlight, onSelect, onToggleZone, onViewport, request }: GraphCanvasProps) {
  const flow = useReactFlow();
  const container = useRef<HTMLDivElement>(null);
  const zoneById = useMemo(() => new Map(view.zones.map((z) => [z.id, z])), [view.zones]);
  const anyHighlight = highlight.assets.size > 0;
  const closePanel = useCallback(() => onSelect(null), [onSelect]);
  useGraphKeyboard({ container, panelOpen: selected !== null, onClose: closePanel });
  const [openFlow, setOpenFlow] = useState<ViewFlow | null>(null);
  // The zoom that text is sized by (rest-zoom.ts): updated when a movement ends, not on every frame of it.
  const [restZoom] = useState(() => createRestZoomStore(1));

  const freshNodes = useMemo<Node[]>(() => {
    const out: Node[] = [];
    for (const z of view.zones) {
      const data: ZoneNodeData = { ...z, lod: view.lod, onToggle: onToggleZone, highlighted: highlight.assets.has(`zone:${z.id}`) };
      // a collapsed zone is one node in front; an open zone is the region behind its assets
      out.push({
        id: `zone:${z.id}`,
        type: z.collapsed ? "collapsedZone" : "zone",
        position: { x: z.x, y: z.y },
        width: z.w,
        height: z.h,
        handles: handlesFor(z.w, z.h),
        data,
        selectable: false,
        // An open zone box is a backdrop: clicks and drags go through it to the pane (its header button opts back in).
        // On the zone map it lies over the arrows (its fill is a faint tint, its header solid), so that an arrow
        // between two far boxes does not run through the names of the boxes it passes; clicks still reach the arrows.
        ...(z.collapsed ? { zIndex: 1 } : { focusable: false, zIndex: view.lod === "overview" ? 1 : -1, style: { pointerEvents: "none" as const } }),
      });
    }
    for (const a of view.assets) {
      const zone = a.zone ? zoneById.get(a.zone) : undefined;
      const data: AssetNodeData = {
        ...a,
        zoneName: zone?.name ?? null,
        zoneColor: zone?.color ?? null,
        highlighted: highlight.assets.has(a.id),
        dimmed: anyHighlight && !highlight.assets.has(a.id) && !(selected?.kind === "asset" && selected.id === a.id),
      };
      out.push({
        id: a.id,
        type: "asset",
        position: { x: a.x, y: a.y },
        width: NODE_W,
        height: NODE_H,
        handles: ASSET_HANDLES,
        style: placedAt(a.x, a.y),
        data,
        selected: selected?.kind === "asset" && selected.id === a.id,
        ariaLabel: `${a.name}, ${a.kind.replaceAll("_", " ")}, ${zone?.name ?? "no zone"}${a.violations ? `, ${a.violations} violation${a.violations === 1 ? "" : "s"}` : ""}`,
      });
    }
    for (const stub of view.stubs ?? []) {
      out.push({
        id: stub.id,
        type: "stub",
        position: { x: stub.x, y: stub.y },
        width: 1,
        height: 1,
        data: stub,
        selectable: false,
        focusable: false,
        zIndex: 3,
        style: { ...placedAt(stub.x, stub.y), pointerEvents: "none" as const },
      });
    }
    return out;
  }, [view, zoneById, highlight, anyHighlight, selected, onToggleZone]);

  const nameOf = useMemo(() => {
    const names = new Map<string, string>();
    for (const z of view.zones) names.set(`zone:${z.id}`, z.name);
    for (const a of view.assets) names.set(a.id, a.name);
    return (id: string) => names.get(id) ?? id;
  }, [view.zones, view.assets]);

  // Zone-map arrows: which labels fit without covering another, recomputed at each quarter octave of the
  // rest zoom (the step their text is scaled by); views without such arrows never re-render for it.
  const hasFlows = view.edges.some((e) => e.flow && e.route);
  const labelScale = useRestZoomOf(restZoom, (zoom) => (hasFlows ? mapScale(zoom) : 1));
  const labelled = useMemo(
    () =>
      placeFlowLabels(
        view.edges.flatMap((e) => (e.flow && e.route ? [{ id: e.id, route: e.route, text: flowLabelText(e.flow), violation: e.flow.violation, edges: e.flow.edges }] : [])),
        labelScale,
        // never over a zone box
        hasFlows ? view.zones : [],
      ),
    [view.edges, view.zones, hasFlows, labelScale],
  );

  // A busy detail view draws its plain edges in one sheet (edge-sheet.tsx); the selected and highlighted
  // ones stay React Flow edges, above the assets.
  const busy = view.edges.length > BUSY_EDGES;
  const useSheet = busy && view.lod === "detail";
  const isSelectedEdge = useCallback((id: string) => selected?.kind === "edge" && `${selected.from}\u2192${selected.to}` === id, [selected]);
  const inSheet = useCallback(
    (e: GraphView["edges"][number]) => useSheet && !e.aggregated && !e.flow && !highlight.edges.has(e.id) && !isSelectedEdge(e.id),
    [useSheet, highlight, isSelectedEdge],
  );
  const onPickSheetEdge = useCallback((e: SheetEdge) => onSelect({ kind: "edge", from: e.source, to: e.target }), [onSelect]);
  const sheetNode = useMemo<Node<EdgeSheetData> | null>(() => {
    if (!useSheet) return null;
    const box = new Map<string, { x: number; y: number; w: number; h: number }>();
    for (const z of view.zones) box.set(`zone:${z.id}`, { x: z.x, y: z.y, w: z.w, h: z.h });
    for (const a of view.assets) box.set(a.id, { x: a.x, y: a.y, w: NODE_W, h: NODE_H });
    const edges: SheetEdge[] = [];
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const e of view.edges) {
      if (!inSheet(e)) continue;
      const from = box.get(e.source);
      const to = box.get(e.target);
      if (!from || !to) continue;
      for (const b of [from, to]) {
        x0 = Math.min(x0, b.x);
        y0 = Math.min(y0, b.y);
        x1 = Math.max(x1, b.x + b.w);
        y1 = Math.max(y1, b.y + b.h);
      }
      edges.push({
        id: e.id,
        source: e.source,
        target: e.target,
        status: e.status,
        d: sheetPath(e.route, from, to),
        dimmed: anyHighlight,
        title: plainEdgeTitle(e.status, e.paths),
        ariaLabel: `${nameOf(e.source)} to ${nameOf(e.target)}: ${STATUS_STYLE[e.status].label}`,
      });
    }
    if (!edges.length) return null;
    // Its box spans the edges' ends (React Flow culls nodes by their box when it culls); clicks go through it.
    return {
      id: "edge-sheet",
      type: "edgeSheet",
      position: { x: x0, y: y0 },
      width: x1 - x0,
      height: y1 - y0,
      data: { x: x0, y: y0, edges, onPick: onPickSheetEdge },
      selectable: false,
      focusable: false,
      draggable: false,
      style: { pointerEvents: "none" as const },
    };
  }, [useSheet, view, inSheet, anyHighlight, nameOf, onPickSheetEdge]);

  const freshEdges = useMemo<Edge[]>(
    () =>
      view.edges.filter((e) => !inSheet(e)).map((e) => {
        const isSelected = isSelectedEdge(e.id);
        const data: VerdictEdgeData = {
          status: e.status,
          count: e.count,
          paths: e.paths,
          aggregated: e.aggregated,
          route: e.route,
          flow: e.flow,
          highlighted: highlight.edges.has(e.id) || isSelected,
          dimmed: anyHighlight && !highlight.edges.has(e.id) && !isSelected,
          plain: busy,
          ...(e.flow ? { labelAt: labelled.get(e.id) ?? null } : {}),
        };
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          type: "verdict",
          data,
          selected: isSelected,
          focusable: !e.aggregated,
          ariaLabel: `${nameOf(e.source)} to ${nameOf(e.target)}: ${STATUS_STYLE[e.status].label}${e.aggregated ? `, ${e.count} flows` : ""}`,
          zIndex: highlight.edges.has(e.id) ? 2 : 0,
        };
      }),
    [view.edges, highlight, anyHighlight, nameOf, labelled, inSheet, isSelectedEdge, busy],
  );

  // When a new region arrives, most of its nodes were already drawn: hand React Flow the very same
  // objects for those, so it re-renders only what changed (a new region then costs a few nodes, not all).
  const stableNodes = useStableObjects(freshNodes, nodeSignature);
  // The sheet first: behind the assets (same z-index, earlier in the document), above the zone backdrops.
  const nodes = useMemo(() => (sheetNode ? [sheetNode, ...stableNodes] : stableNodes), [sheetNode, stableNodes]);
  const edges = useStableObjects(freshEdges, edgeSignature);

  // Report the viewport: every frame is too often for React, so once per animation frame
  // while moving (for the level of detail) and once when the movement settles.
  const frame = useRef(0);
  const report = (viewport: Viewport, settled: boolean) => {
    const el = container.current;
    if (!el) return;
    const size = { width: el.clientWidth, height: el.clientHeight };
    restZoom.update(viewport.zoom, settled);
    if (settled) {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      onViewport(viewport, size, true);
      return;
    }
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      onViewport(flow.getViewport(), size, false);
    });
  };

  // The zoom the viewport's layer was rasterised at (while it is composited, see zl-layered below).
  const layerZoom = useRef(0);
  // Only a detail view keeps that layer: on the zone map (say after "Collapse all zones") it goes at once.
  useEffect(() => {
    if (view.lod !== "detail") container.current?.classList.remove("zl-layered");
  }, [view.lod]);
  const lastRequest = useRef<string | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!ready || !request || lastRequest.current === request.key) return;
    lastRequest.current = request.key;
    const run = async () => {
      if (request.kind === "fit") {
        const el = container.current;
        if (el) {
          // Fit inside margins that keep clear of the legend strip (bottom) and the zoom controls (right).
          // The zone map also keeps clear of the level-of-detail hint (top left).
          const m = view.lod === "overview" ? { ...FIT_MARGIN, top: 48 } : FIT_MARGIN;
          const box = request.box;
          const zoom = Math.min(MAX_FIT_ZOOM, (el.clientWidth - m.left - m.right) / Math.max(1, box.w), (el.clientHeight - m.top - m.bottom) / Math.max(1, box.h));
          const x = m.left + (el.clientWidth - m.left - m.right - box.w * zoom) / 2 - box.x * zoom;
          const y = m.top + (el.clientHeight - m.top - m.bottom - box.h * zoom) / 2 - box.y * zoom;
          await flow.setViewport({ x, y, zoom });
        }
        if (request.minZoom && el && flow.getZoom() < request.minZoom) {
          // Too wide to read when fitted: start readable at the left (where the data comes from).
          const zoom = request.minZoom;
          await flow.setViewport({ x: -request.box.x * zoom + 40, y: -(request.box.y + request.box.h / 2) * zoom + el.clientHeight / 2, zoom });
        }
      } else {
        await flow.setCenter(request.x, request.y, { zoom: request.zoom, duration: 300 });
      }
      const el = container.current;
      restZoom.update(flow.getZoom(), true);
      if (el) onViewport(flow.getViewport(), { width: el.clientWidth, height: el.clientHeight }, true);
    };
    void run();
  }, [ready, request, flow, onViewport, view.lod, restZoom]);

  return (
    <div ref={container} className="relative h-full w-full" data-testid="graph-canvas" data-lod={view.lod} data-nodes={nodes.length}>
      {/* While the viewport moves, its layer is composited instead of repainted every frame;
          once a zoom ends it is rasterised again at the new scale, so text stays sharp. After a pan the
          layer stays: dropping it re-rasterised the whole canvas at the end of every drag, and adding it
          again at the start of the next one did it once more. */}
      <style>{`.zl-layered .react-flow__viewport { will-change: transform; }`}</style>
      <EdgeMarkers />
      <RestZoomContext value={restZoom}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypesWithSheet}
          edgeTypes={edgeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          // React Flow marks every edge "nopan": in a dense detail view edges cover much of the canvas, and a drag
          // that starts on one would select text instead of panning. Only our own controls opt out of panning.
          noPanClassName="zl-nopan"
          // No text selection on the canvas: a drag there means pan.
          className="select-none"
          elementsSelectable
          // Up to a few hundred pre-sized nodes stay mounted: panning is then a transform only.
          // Beyond that (rare: the server sends regions), React Flow culls to the viewport.
          onlyRenderVisibleElements={nodes.length > 600}
          minZoom={0.002}
          maxZoom={2}
          proOptions={{ hideAttribution: false }}
          onNodeClick={(_, node) => {
            if (node.type === "asset") onSelect({ kind: "asset", id: node.id });
          }}
          onEdgeClick={(_, edge) => {
            const e = view.edges.find((x) => x.id === edge.id);
            if (e?.flow) setOpenFlow(e.flow);
            else if (e && !e.aggregated) onSelect({ kind: "edge", from: e.source, to: e.target });
          }}
          onPaneClick={() => {
            setOpenFlow(null);
            onSelect(null);
          }}
          onMoveStart={(_, viewport) => {
            // Only assets benefit: zoomed out, the big zone drawings cost more to composite than to repaint.
            if (view.lod !== "detail") return;
            if (!container.current?.classList.contains("zl-layered")) layerZoom.current = viewport.zoom;
            container.current?.classList.add("zl-layered");
          }}
          onMove={(_, viewport) => report(viewport, false)}
          onMoveEnd={(_, viewport) => {
            if (view.lod !== "detail" || viewport.zoom !== layerZoom.current) container.current?.classList.remove("zl-layered");
            report(viewport, true);
          }}
          onInit={() => setReady(true)}
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          zoomOnDoubleClick={false}
          ariaLabelConfig={GRAPH_ARIA_LABELS}
          aria-label="Lineage graph"
        >
          {/* No <Background>: its pattern moves with the viewport and is repainted on every frame
              of a pan, which on a CPU-only machine cost more than all the nodes together. */}
          <Controls showInteractive={false} position="bottom-right" />
        </ReactFlow>
      </RestZoomContext>
      {openFlow ? <FlowCard flow={openFlow} onClose={() => setOpenFlow(null)} /> : null}
    </div>
  );
}
