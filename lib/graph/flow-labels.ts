// Where the zone-map arrows carry their count labels at a given zoom. A label keeps one size on screen and
// sits on its arrow, in the open: never over a zone box (an arrow between boxes that are not neighbours
// crosses others, and its middle often lies on one), nor over another label (where arrows cross or run side
// by side they would print over each other). Greedy, worst first: each label takes the free spot on its arrow
// nearest the arrow's middle, between a tenth and nine tenths of its length; an arrow with no free spot has
// no label at this zoom, and keeps its counts in its title and card. Pure.

export interface FlowLabelCandidate {
  id: string;
  /** The arrow's route, flow coordinates (x,y pairs). */
  route: number[];
  text: string;
  violation: number;
  edges: number;
}

/** A box a label must keep off (a zone box), flow coordinates. */
export interface LabelObstacle {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The label of a zone-map arrow: violations / sanctioned / permitted. */
export const flowLabelText = (flow: { violation: number; sanctioned: number; permitted: number }) => `${flow.violation} / ${flow.sanctioned} / ${flow.permitted}`;

/** On-screen size of a label (nodes draw them at 11 px semibold, with a white halo). */
const CHAR_PX = 6.8;
const LABEL_H_PX = 15;
const PAD_PX = 4;
/** An arrow shorter than this on screen has no room for a label on it. */
export const MIN_LABELLED_ARROW_PX = 72;
/** Where along its arrow a label may sit (fractions of the length), in order of preference: the middle first. */
const SPOTS = [0.5, ...Array.from({ length: 8 }, (_, i) => [0.5 - (i + 1) * 0.05, 0.5 + (i + 1) * 0.05]).flat()];

/** The point at fraction `t` of a polyline's length. */
function pointAlong(route: number[], t: number): [number, number] {
  const n = route.length / 2;
  let total = 0;
  for (let i = 1; i < n; i++) total += Math.hypot(route[2 * i] - route[2 * i - 2], route[2 * i + 1] - route[2 * i - 1]);
  let left = total * t;
  for (let i = 1; i < n; i++) {
    const [x0, y0, x1, y1] = [route[2 * i - 2], route[2 * i - 1], route[2 * i], route[2 * i + 1]];
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (left <= len || i === n - 1) {
      const f = len ? Math.min(1, left / len) : 0;
      return [x0 + (x1 - x0) * f, y0 + (y1 - y0) * f];
    }
    left -= len;
  }
  return [route[0], route[1]];
}

/**
 * `scale`: flow units per screen pixel (1 / zoom). Returns, for each arrow that shows its label, the label's
 * centre in flow coordinates.
 */
export function placeFlowLabels(flows: FlowLabelCandidate[], scale: number, obstacles: LabelObstacle[] = []): Map<string, { x: number; y: number }> {
  const order = [...flows].sort((a, b) => b.violation - a.violation || b.edges - a.edges || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  type Rect = { x0: number; y0: number; x1: number; y1: number };
  const overlaps = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  // in screen pixels, as the labels are measured
  const boxes: Rect[] = obstacles.map((o) => ({ x0: o.x / scale, y0: o.y / scale, x1: (o.x + o.w) / scale, y1: (o.y + o.h) / scale }));
  const placed: Rect[] = [];
  const shown = new Map<string, { x: number; y: number }>();
  for (const f of order) {
    const n = f.route.length;
    if (n < 4) continue;
    const [sx, sy, ex, ey] = [f.route[0], f.route[1], f.route[n - 2], f.route[n - 1]];
    if (Math.hypot(ex - sx, ey - sy) / scale < MIN_LABELLED_ARROW_PX) continue;
    const w = f.text.length * CHAR_PX + 2 * PAD_PX;
    for (const t of SPOTS) {
      const [x, y] = pointAlong(f.route, t);
      const [cx, cy] = [x / scale, y / scale];
      const rect = { x0: cx - w / 2, y0: cy - LABEL_H_PX / 2 - PAD_PX, x1: cx + w / 2, y1: cy + LABEL_H_PX / 2 + PAD_PX };
      if (boxes.some((b) => overlaps(b, rect)) || placed.some((p) => overlaps(p, rect))) continue;
      placed.push(rect);
      shown.set(f.id, { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 });
      break;
    }
  }
  return shown;
}
