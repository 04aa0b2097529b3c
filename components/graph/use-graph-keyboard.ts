"use client";
// The graph from the keyboard. React Flow already makes every node and (non-aggregated) edge a Tab stop
// (nodesFocusable/edgesFocusable, role="group", aria-roledescription and a description of the keys); what it
// does not do is open our side panel (its Enter only selects inside its own store, which we do not use) or move
// focus between nodes (its arrow keys move the selected node, and our nodes are not draggable). So:
// - Enter or Space on a focused node or edge does what a click does (the side panel opens for it);
// - Escape closes the side panel, from the canvas or from inside the panel, and gives focus back to what opened it;
// - arrow keys move focus: on a node, to the nearest node in that direction on screen (spatial navigation, as a
//   TV remote does, so it also crosses zones and reaches nodes no edge joins); on an edge, Left/Up go to its
//   source and Right/Down to its target. Nothing ever moves a node;
// - Tab visits the nodes first, then the edges (React Flow's document order has the edges first).
import { useEffect, useRef, type RefObject } from "react";
import { useReactFlow, type AriaLabelConfig } from "@xyflow/react";
import { nearestInDirection, type Direction, type Point } from "@/lib/graph/spatial-focus";

const ARROWS: Record<string, Direction> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

const FOCUSABLE_NODE = ".react-flow__node[tabindex='0']";
const FOCUSABLE_EDGE = ".react-flow__edge[tabindex='0']";

/** The graph element (node or edge wrapper) the event happened on, when it is the element itself that has focus. */
function graphElement(target: EventTarget | null): { kind: "node" | "edge"; element: Element; id: string } | null {
  if (!(target instanceof Element)) return null;
  const kind = target.classList.contains("react-flow__node") ? "node" : target.classList.contains("react-flow__edge") ? "edge" : null;
  const id = target.getAttribute("data-id");
  return kind && id ? { kind, element: target, id } : null;
}

const centre = (el: Element): Point => {
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
};

function focusElement(el: Element | null) {
  // preventScroll: the pane is overflow-hidden and must not scroll; React Flow pans to a focused node itself
  if (el instanceof HTMLElement || el instanceof SVGElement) el.focus({ preventScroll: true });
}

/** What a screen reader says a node or an edge does (React Flow's defaults speak of deleting and dragging). */
export const GRAPH_ARIA_LABELS: Partial<AriaLabelConfig> = {
  "node.a11yDescription.default": "Press Enter to open its details. Arrow keys move to the nearest node in that direction. Escape closes the details.",
  "node.a11yDescription.keyboardDisabled": "Press Enter to open its details. Escape closes them.",
  "edge.a11yDescription.default": "Press Enter to open its details. Left arrow goes to its source, Right arrow to its target. Escape closes the details.",
  "controls.ariaLabel": "Zoom controls",
};

export function useGraphKeyboard({ container, panelOpen, onClose }: { container: RefObject<HTMLElement | null>; panelOpen: boolean; onClose: () => void }) {
  const flow = useReactFlow();
  // what Enter opened the panel from, so Escape can give focus back to it
  const opener = useRef<string | null>(null);

  useEffect(() => {
    const root = container.current;
    if (!root) return;
    // Tab order: React Flow draws every edge before the nodes, so the browser's order would visit all edges
    // first. Ours is nodes, then edges. Within the canvas we move focus ourselves; leaving it, focus first goes
    // to the canvas's last (or first) element in document order and the browser's own Tab carries on from there.
    const tabStops = () => [...root.querySelectorAll(FOCUSABLE_NODE), ...root.querySelectorAll(FOCUSABLE_EDGE)];
    const onTab = (event: KeyboardEvent, hit: NonNullable<ReturnType<typeof graphElement>>) => {
      const stops = tabStops();
      const at = stops.indexOf(hit.element);
      const next = stops[at + (event.shiftKey ? -1 : 1)];
      if (at >= 0 && next) {
        event.preventDefault();
        focusElement(next);
        return;
      }
      const inDocumentOrder = root.querySelectorAll(`${FOCUSABLE_NODE}, ${FOCUSABLE_EDGE}`);
      const edge = event.shiftKey ? inDocumentOrder[0] : inDocumentOrder[inDocumentOrder.length - 1];
      if (edge && edge !== hit.element) focusElement(edge);
    };
    // Tabbing in from before the canvas lands on its first element in document order (an edge), from after it
    // on its last (a node): start from the first node, or the last edge, instead. Only for Tab: a click focuses
    // what it clicks.
    let tabbing = false;
    const onAnyKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Tab") return;
      tabbing = true;
      setTimeout(() => (tabbing = false), 0);
    };
    const onFocusIn = (event: FocusEvent) => {
      const hit = graphElement(event.target);
      if (!tabbing || !hit || (event.relatedTarget instanceof Node && root.contains(event.relatedTarget))) return;
      const inDocumentOrder = [...root.querySelectorAll(`${FOCUSABLE_NODE}, ${FOCUSABLE_EDGE}`)];
      const stops = tabStops();
      const target = hit.element === inDocumentOrder[0] ? stops[0] : hit.element === inDocumentOrder.at(-1) ? stops.at(-1) : null;
      if (target && target !== hit.element) focusElement(target);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const hit = graphElement(event.target);
      if (!hit || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "Tab") {
        onTab(event, hit);
        return;
      }
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        opener.current = hit.id;
        // A click is what the canvas already answers (side panel for an asset or an edge, whatever a zone does).
        hit.element.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, view: window }));
        return;
      }
      const direction = ARROWS[event.key];
      if (!direction) return;
      event.preventDefault();
      if (hit.kind === "edge") {
        // A React Flow edge, or an edge of the edge sheet (edge-sheet.tsx), which names its ends itself.
        const edge = flow.getEdge(hit.id) ?? { source: hit.element.getAttribute("data-source"), target: hit.element.getAttribute("data-target") };
        const nodeId = direction === "left" || direction === "up" ? edge.source : edge.target;
        if (!nodeId) return;
        focusElement(root.querySelector(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`));
        return;
      }
      const from = centre(hit.element);
      const candidates = [...root.querySelectorAll(FOCUSABLE_NODE)].filter((el) => el !== hit.element).map((el) => ({ item: el, at: centre(el) }));
      focusElement(nearestInDirection(from, direction, candidates));
    };
    root.addEventListener("keydown", onKeyDown);
    root.addEventListener("focusin", onFocusIn);
    document.addEventListener("keydown", onAnyKeyDown, true);
    return () => {
      root.removeEventListener("keydown", onKeyDown);
      root.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("keydown", onAnyKeyDown, true);
    };
  }, [container, flow]);

  useEffect(() => {
    if (!panelOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      // Escape inside a field (the toolbar's search, a select) belongs to that field.
      const target = event.target as HTMLElement | null;
      if (target?.closest?.("input, select, textarea, [role=listbox], [role=menu]")) return;
      event.preventDefault();
      onClose();
      const back = opener.current;
      opener.current = null;
      // After the panel has gone and the canvas has re-rendered (React Flow also blurs a node on its own Escape).
      if (back)
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const root = container.current;
            if (root) focusElement(root.querySelector(`.react-flow__node[data-id="${CSS.escape(back)}"], .react-flow__edge[data-id="${CSS.escape(back)}"]`));
          }),
        );
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [panelOpen, onClose, container]);
}
