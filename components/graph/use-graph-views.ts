// The views the server sent for the current state, and which one to draw.
// A new shape (filters, focus, collapsed zones) fetches a new base view. Small
// views arrive complete; large ones arrive as zone boxes with aggregated flows,
// and zooming in past detailZoomFor(...) fetches only the assets in (a margin
// around) the viewport.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Viewport } from "@xyflow/react";
import type { GraphViewResult } from "@/lib/graph/responses";
import type { Box } from "@/lib/graph/types";
import { detailZoomFor, type GraphView } from "@/lib/graph/view";
import { viewShapeKey, type Selection, type ViewState } from "@/lib/graph/view-state";
import { graphApiUrl } from "@/lib/graph/query";
import { fetchJson } from "./fetch-json";

const filterKey = (s: ViewState) => viewShapeKey({ ...s, collapsed: [] });
const GRID = 256;
const MARGIN = 0.25;

const contains = (outer: Box, inner: Box) =>
  outer.x <= inner.x && outer.y <= inner.y && outer.x + outer.w >= inner.x + inner.w && outer.y + outer.h >= inner.y + inner.h;

/**
 * The region to fetch around what is visible. A quarter of a screen of margin on each side: enough to pan a
 * little without a fetch, small enough that everything fetched can stay mounted (no culling churn while panning).
 * Snapped to a grid so that small moves ask for the same region.
 */
function regionAround(visible: Box): Box {
  const x0 = Math.floor((visible.x - visible.w * MARGIN) / GRID) * GRID;
  const y0 = Math.floor((visible.y - visible.h * MARGIN) / GRID) * GRID;
  const x1 = Math.ceil((visible.x + visible.w * (1 + MARGIN)) / GRID) * GRID;
  const y1 = Math.ceil((visible.y + visible.h * (1 + MARGIN)) / GRID) * GRID;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

export function useGraphViews(
  state: ViewState,
  initialView: GraphViewResult,
  /** Called when new filters arrive, to fit the viewport to what they keep (collapsing a zone keeps the viewport). */
  refit: (view: GraphView, key: string, selected: Selection) => void,
) {
  const [base, setBase] = useState(initialView);
  const [detail, setDetail] = useState<{ view: GraphView; box: Box; shape: string } | null>(null);
  const [zoomedIn, setZoomedIn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shape = viewShapeKey(state);
  const large = !(base.lod === "detail" && base.complete);
  const detailZoom = detailZoomFor(base.totals.visibleAssets, !large);

  const loadedShape = useRef(viewShapeKey(state));
  const loadedFilters = useRef(filterKey(state));
  useEffect(() => {
    if (shape === loadedShape.current) return;
    const controller = new AbortController();
    const wanted = shape;
    fetchJson<GraphViewResult>(graphApiUrl(wanted, { lod: "auto" }), controller.signal)
      .then((view) => {
        loadedShape.current = wanted;
        setBase(view);
        setDetail(null);
        setError(null);
        const filters = filterKey(state);
        if (filters !== loadedFilters.current) {
          loadedFilters.current = filters;
          refit(view, `fit:${wanted}`, state.selected);
        }
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [shape, state, refit]);

  // Called by the canvas once per animation frame while the viewport moves and once when it settles.
  const detailFetch = useRef<{ controller: AbortController; box: Box } | null>(null);
  const lastFetchAt = useRef(0);
  const onViewport = useCallback(
    (viewport: Viewport, size: { width: number; height: number }, settled: boolean) => {
      const inside = viewport.zoom >= detailZoom;
      setZoomedIn((prev) => (prev === inside ? prev : inside));
      if (!large || !inside) return;
      const visible = { x: -viewport.x / viewport.zoom, y: -viewport.y / viewport.zoom, w: size.width / viewport.zoom, h: size.height / viewport.zoom };
      if (detail && detail.shape === shape && contains(detail.box, visible)) return;
      if (detailFetch.current && contains(detailFetch.current.box, visible)) return;
      const now = performance.now();
      if (!settled && now - lastFetchAt.current < 250) return;
      lastFetchAt.current = now;
      const box = regionAround(visible);
      detailFetch.current?.controller.abort();
      const controller = new AbortController();
      detailFetch.current = { controller, box };
      const wanted = shape;
      fetchJson<GraphView>(graphApiUrl(wanted, { lod: "detail", bbox: box }), controller.signal)
        .then((view) => {
          if (detailFetch.current?.controller === controller) detailFetch.current = null;
          setDetail({ view, box, shape: wanted });
        })
        .catch(() => {
          if (detailFetch.current?.controller === controller) detailFetch.current = null;
        });
    },
    [large, detail, shape, detailZoom],
  );

  // Zoomed out: zone boxes and aggregated flows. Zoomed in: everything (small views) or the region (large ones).
  const currentDetail = detail && detail.shape === shape ? detail.view : null;
  const displayed: GraphView = !zoomedIn ? (base.overview ?? base) : large ? (currentDetail ?? base) : base;

  return { base, detail: detail?.view ?? null, displayed, large, onViewport, error };
}
