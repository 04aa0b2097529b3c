// Spatial navigation for the graph's arrow keys: from the focused node to the nearest one in a direction.
// Pure, in screen coordinates, so it works for whatever the canvas draws (assets, zones, zone-map boxes).

export type Direction = "left" | "right" | "up" | "down";
export interface Point {
  x: number;
  y: number;
}

/**
 * The candidate nearest to `from` in `direction`: only those ahead of it count, and a sideways offset costs
 * twice a step forward, so Right prefers the next node on the same row over a closer one two rows down.
 */
export function nearestInDirection<T>(from: Point, direction: Direction, candidates: { item: T; at: Point }[]): T | null {
  let best: T | null = null;
  let bestCost = Infinity;
  for (const { item, at } of candidates) {
    const dx = at.x - from.x;
    const dy = at.y - from.y;
    const forward = direction === "right" ? dx : direction === "left" ? -dx : direction === "down" ? dy : -dy;
    const sideways = direction === "left" || direction === "right" ? Math.abs(dy) : Math.abs(dx);
    if (forward <= 1) continue;
    const cost = forward + 2 * sideways;
    if (cost < bestCost) {
      bestCost = cost;
      best = item;
    }
  }
  return best;
}
