import { describe, expect, it } from "vitest";
import { MIN_LABELLED_ARROW_PX, flowLabelText, placeFlowLabels } from "./flow-labels.ts";

const arrow = (id: string, route: number[], violation: number, edges = 10) => ({ id, route, text: flowLabelText({ violation, sanctioned: 3, permitted: 12 }), violation, edges });

describe("zone-map flow labels", () => {
  it("two arrows crossing at their middles: only the one with more violations keeps its label", () => {
    const across = arrow("a->b", [0, 500, 1000, 500], 2);
    const down = arrow("c->d", [500, 0, 500, 1000], 7);
    expect([...placeFlowLabels([across, down], 1)]).toEqual(["c->d"]);
  });

  it("labels far apart on screen are all shown; zoomed out until they meet, the worst one stays", () => {
    const upper = arrow("a->b", [0, 0, 1000, 0], 1);
    const lower = arrow("c->d", [0, 200, 1000, 200], 4);
    expect(placeFlowLabels([upper, lower], 1).size).toBe(2);
    // at a tenth of the zoom the two labels are 20 px apart, closer than a label is tall, and the arrows 100 px long
    expect([...placeFlowLabels([upper, lower], 10)]).toEqual(["c->d"]);
  });

  it("an arrow too short on screen carries no label", () => {
    const short = arrow("a->b", [0, 0, MIN_LABELLED_ARROW_PX - 1, 0], 9);
    expect(placeFlowLabels([short], 1).size).toBe(0);
    expect(placeFlowLabels([short], 0.5).size).toBe(1);
  });
});
