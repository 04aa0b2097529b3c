import { describe, expect, it } from "vitest";
import { nearestInDirection } from "./spatial-focus";

// A small grid of nodes on screen:   a(0,0)   b(200,0)   c(400,0)
//                                    d(0,150)            e(400,160)
const nodes = [
  { item: "a", at: { x: 0, y: 0 } },
  { item: "b", at: { x: 200, y: 0 } },
  { item: "c", at: { x: 400, y: 0 } },
  { item: "d", at: { x: 0, y: 150 } },
  { item: "e", at: { x: 400, y: 160 } },
];
const from = (id: string) => nodes.find((n) => n.item === id)!.at;
const others = (id: string) => nodes.filter((n) => n.item !== id);

describe("arrow keys move focus to the nearest node in that direction", () => {
  it("Right takes the next node on the same row, not a nearer one below", () => {
    expect(nearestInDirection(from("a"), "right", others("a"))).toBe("b");
    expect(nearestInDirection(from("b"), "right", others("b"))).toBe("c");
    expect(nearestInDirection(from("d"), "right", others("d"))).toBe("e");
  });
  it("Up, Down and Left look only ahead", () => {
    expect(nearestInDirection(from("a"), "down", others("a"))).toBe("d");
    expect(nearestInDirection(from("e"), "up", others("e"))).toBe("c");
    expect(nearestInDirection(from("c"), "left", others("c"))).toBe("b");
  });
  it("nothing ahead: focus stays where it is", () => {
    expect(nearestInDirection(from("a"), "left", others("a"))).toBeNull();
    expect(nearestInDirection(from("a"), "up", others("a"))).toBeNull();
    expect(nearestInDirection({ x: 0, y: 0 }, "right", [])).toBeNull();
  });
});
