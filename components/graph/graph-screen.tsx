"use client";
// The graph screen puts together the view state (mirrored in the URL), the
// views the server sends for it (use-graph-views: base view and level of
// detail), where the canvas looks (viewport-request) and the explanation of
// the selection (side panel and highlighted paths).
import { useCallback, useMemo } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import { highlightOnView } from "@/lib/graph/highlight";
import type { GraphSearchResult, GraphViewResult } from "@/lib/graph/responses";
import type { ViewState } from "@/lib/graph/view-state";
import { GraphCanvas } from "./graph-canvas";
import { GraphLegend } from "./legend";
import { FetchError, LodHint } from "./overlays";
import type { ReviewEdge } from "./mark-reviewed-button";
import { SidePanel } from "./side-panel";
import { GraphToolbar } from "./toolbar";
import { useGraphViews } from "./use-graph-views";
import { useSelectionExplanation } from "./use-selection-explanation";
import { useViewState } from "./use-view-state";
import { useViewportRequest } from "./viewport-request";

export function GraphScreen(props: { initialState: ViewState; initialView: GraphViewResult; reviewEdge?: ReviewEdge; canRequestPath?: boolean }) {
  return (
    <ReactFlowProvider>
      <GraphScreenInner {...props} />
    </ReactFlowProvider>
  );
}

function GraphScreenInner({ initialState, initialView, reviewEdge, canRequestPath = false }: { initialState: ViewState; initialView: GraphViewResult; reviewEdge?: ReviewEdge; canRequestPath?: boolean }) {
  const { state, setState, toggleZone, select, focusOn } = useViewState(initialState);
  const { request, fit, centerOn } = useViewportRequest(initialState, initialView);
  const { base, detail, displayed, large, onViewport, error: viewError } = useGraphViews(state, initialView, fit);
  const { explanation, loading: explaining, error: explainError } = useSelectionExplanation(state.selected);
  const error = viewError ?? explainError;

  // The offending paths of the selection, mapped onto what is drawn; recomputed only when either changes, not per frame.
  const highlight = useMemo(() => highlightOnView(explanation, displayed), [explanation, displayed]);

  const onPick = useCallback(
    (hit: GraphSearchResult) => {
      select({ kind: "asset", id: hit.id });
      centerOn(hit);
    },
    [select, centerOn],
  );
  const closePanel = useCallback(() => select(null), [select]);

  const nameOf = useMemo(() => {
    const names = new Map<string, string>();
    for (const a of base.assets) names.set(a.id, a.name);
    for (const a of detail?.assets ?? []) names.set(a.id, a.name);
    return (id: string) => explanation?.names[id] ?? names.get(id) ?? id;
  }, [base, detail, explanation]);

  return (
    <div className="flex h-full min-h-0 flex-col">
      <GraphToolbar
        state={state}
        zones={base.zoneOptions}
        categories={base.categoryOptions}
        totals={base.totals}
        focusName={state.focus ? nameOf(state.focus) : null}
        onChange={setState}
        onPick={onPick}
      />
      <div className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1 bg-slate-50">
          <GraphCanvas
            view={displayed}
            selected={state.selected}
            highlight={highlight}
            onSelect={select}
            onToggleZone={toggleZone}
            onViewport={onViewport}
            request={request}
          />
          <div className="pointer-events-none absolute bottom-3 left-3 right-16 z-10 flex">
            <GraphLegend farEdges={(displayed.stubs?.length ?? 0) > 0} />
          </div>
          {large && displayed.lod === "overview" ? <LodHint omittedUnzoned={base.totals.omittedUnzoned} /> : null}
          {error ? <FetchError message={error} /> : null}
        </div>
        {state.selected ? (
          <SidePanel explanation={explanation} loading={explaining} error={null} names={nameOf} onClose={closePanel} onFocus={focusOn} reviewEdge={reviewEdge} canRequestPath={canRequestPath} />
        ) : null}
      </div>
    </div>
  );
}
