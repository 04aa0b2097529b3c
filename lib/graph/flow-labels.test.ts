import { describe, expect, it } from "vitest";
import { MIN_LABELLED_ARROW_PX, flowLabelText, placeFlowLabels } from "./flow-labels.ts";

const arrow = (id: string, route: number[], violation: number, edges = 10) => ({ id, route, text: flowLabelText({ violation, sanctioned: 3, permitted: 12 }), violation, edges });
/** A label's on-screen box at scale 1 (flow-labels.ts: 6.8 px a character, 15 px tall, 4 px of padding). */
const labelBox = (text: string, at: { x: number; y: number }) => {
  const w = text.length * 6.8 + 8;
  return { x0: at.x - w / 2, y0: at.y - 11.5, x1: at.x + w / 2, y1: at.y + 11.5 };
};
const apart = (a: ReturnType<typeof labelBox>, b: ReturnType<typeof labelBox>) => a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0;

describe("zone-map flow labels", () => {
  it("two arrows crossing at their middles: the one with more violations keeps the middle, the other moves along its arrow", () => {
    const across = arrow("a->b", [0, 500, 1000, 500], 2);
    const down = arrow("c->d", [500, 0, 500, 1000], 7);
    const placed = placeFlowLabels([across, down], 1);
    expect(placed.get("c->d")).toEqual({ x: 500, y: 500 });
    const moved = placed.get("a->b")!;
    expect(moved.y).toBe(500);
    expect(moved.x).not.toBe(500);
    expect(apart(labelBox(across.text, moved), labelBox(down.text, placed.get("c->d")!))).toBe(true);
  });

  it("labels far apart on screen are all shown; zoomed out until they meet, the worst one stays", () => {
    const upper = arrow("a->b", [0, 0, 1000, 0], 1);
    const lower = arrow("c->d", [0, 200, 1000, 200], 4);
    expect(placeFlowLabels([upper, lower], 1).size).toBe(2);
    // at a tenth of the zoom the two labels are 20 px apart, closer than a label is tall, and the arrows 100 px long
    expect([...placeFlowLabels([upper, lower], 10).keys()]).toEqual(["c->d"]);
  });

  it("an arrow too short on screen carries no label", () => {
    const short = arrow("a->b", [0, 0, MIN_LABELLED_ARROW_PX - 1, 0], 9);
    expect(placeFlowLabels([short], 1).size).toBe(0);
    expect(placeFlowLabels([short], 0.5).size).toBe(1);
  });

  it("a label never sits on a zone box: over a box at the arrow's middle it moves to the open part of the arrow", () => {
    // an arrow from x 0 to 1000 that crosses a box between x 300 and 700
    const long = arrow("a->b", [0, 500, 1000, 500], 3);
    const box = { x: 300, y: 400, w: 400, h: 200 };
    const at = placeFlowLabels([long], 1, [box]).get("a->b")!;
    expect(at.y).toBe(500);
    const label = labelBox(long.text, at);
    expect(apart(label, { x0: box.x, y0: box.y, x1: box.x + box.w, y1: box.y + box.h })).toBe(true);
    // on the arrow, between a tenth and nine tenths of it
    expect(at.x).toBeGreaterThanOrEqual(100);
    expect(at.x).toBeLessThanOrEqual(900);
  });

  it("an arrow covered by boxes all along has no label", () => {
    const covered = arrow("a->b", [0, 500, 1000, 500], 3);
    expect(placeFlowLabels([covered], 1, [{ x: 50, y: 450, w: 900, h: 100 }]).size).toBe(0);
  });
});
