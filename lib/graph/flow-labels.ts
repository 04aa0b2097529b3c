// Which zone-map arrows carry their count label at a given zoom. Labels sit at their arrow's middle and keep
// one size on screen; where arrows cross or run side by side, their labels would print over each other
// (unreadable at a laptop's fit). Greedy, worst first: a label is shown only where it overlaps none shown
// before it; the others keep their counts in the arrow's title and card. Pure.

export interface FlowLabelCandidate {
  id: string;
  /** The arrow's route, flow coordinates (x,y pairs; the label sits at its middle). */
  route: number[];
  text: string;
  violation: number;
  edges: number;
}

/** The label of a zone-map arrow: violations / sanctioned / permitted. */
export const flowLabelText = (flow: { violation: number; sanctioned: number; permitted: number }) => `${flow.violation} / ${flow.sanctioned} / ${flow.permitted}`;

/** On-screen size of a label (nodes draw them at 11 px semibold, with a white halo). */
const CHAR_PX = 6.8;
const LABEL_H_PX = 15;
const PAD_PX = 4;
/** An arrow shorter than this on screen has no room for a label on it. */
export const MIN_LABELLED_ARROW_PX = 72;

/** `scale`: flow units per screen pixel (1 / zoom). */
export function placeFlowLabels(flows: FlowLabelCandidate[], scale: number): Set<string> {
  const order = [...flows].sort((a, b) => b.violation - a.violation || b.edges - a.edges || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
  const shown = new Set<string>();
  for (const f of order) {
    const n = f.route.length;
    if (n < 4) continue;
    const [sx, sy, ex, ey] = [f.route[0], f.route[1], f.route[n - 2], f.route[n - 1]];
    if (Math.hypot(ex - sx, ey - sy) / scale < MIN_LABELLED_ARROW_PX) continue;
    // the middle of the route, as the arrow draws it (verdict-edge.tsx routePath), in screen pixels
    const mid = Math.floor((n / 2 - 1) / 2);
    const cx = (f.route[2 * mid] + f.route[2 * mid + 2]) / 2 / scale;
    const cy = (f.route[2 * mid + 1] + f.route[2 * mid + 3]) / 2 / scale;
    const w = f.text.length * CHAR_PX + 2 * PAD_PX;
    const box = { x0: cx - w / 2, y0: cy - LABEL_H_PX / 2 - PAD_PX, x1: cx + w / 2, y1: cy + LABEL_H_PX / 2 + PAD_PX };
    if (placed.some((p) => p.x0 < box.x1 && box.x0 < p.x1 && p.y0 < box.y1 && box.y0 < p.y1)) continue;
    placed.push(box);
    shown.add(f.id);
  }
  return shown;
}
