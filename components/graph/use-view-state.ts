// The graph's view state (selection, filters, focus, collapsed zones), mirrored
// in the URL so that a view can be shared, and the changes the screen makes to it.
import { useCallback, useEffect, useState } from "react";
import { serializeViewState, type Selection, type ViewState } from "@/lib/graph/view-state";

export function useViewState(initialState: ViewState) {
  const [state, setState] = useState(initialState);

  // replaceState: no server round trip, no history entry per click.
  useEffect(() => {
    const qs = serializeViewState(state);
    const url = `${window.location.pathname}${qs ? `?${qs}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
  }, [state]);

  // Stable callbacks: the canvas and its memoised nodes receive them as props.
  const toggleZone = useCallback(
    (zone: string) =>
      setState((s) => ({ ...s, collapsed: s.collapsed.includes(zone) ? s.collapsed.filter((z) => z !== zone) : [...s.collapsed, zone].sort() })),
    [],
  );
  const select = useCallback((selected: Selection) => setState((s) => ({ ...s, selected })), []);
  const focusOn = useCallback((asset: string) => setState((s) => ({ ...s, focus: asset, depth: s.depth ?? 2 })), []);

  return { state, setState, toggleZone, select, focusOn };
}
