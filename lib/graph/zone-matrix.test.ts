import { describe, expect, it } from "vitest";
import type { GraphSource } from "./types.ts";
import { zoneFlowGraph } from "./zone-flows.ts";
import { zoneMatrix } from "./zone-matrix.ts";

/** ads → recs (2 edges, 1 violation), recs → billing (3 permitted), billing → ads (1 violation), an unzoned export, an empty zone. */
function source(): GraphSource {
  const asset = (id: string, zone: string | null, namespace = "ns") => ({ id, name: id, namespace, kind: "table", zone, categories: [], violations: 0 });
  const edge = (from: string, to: string, verdict: "permitted" | "sanctioned" | "violation" = "permitted") => ({ from, to, verdict, unreviewed: false, paths: [] });
  return {
    zones: [
      { id: "ads", name: "Ads", color: "#2563eb" },
      { id: "recs", name: "Recommendations", color: "#ea580c" },
      { id: "billing", name: "Billing", color: "#16a34a" },
      { id: "empty", name: "Archive", color: "#7c3aed" },
    ],
    assets: [asset("a1", "ads"), asset("a2", "ads"), asset("r1", "recs"), asset("r2", "recs"), asset("b1", "billing"), asset("b2", "billing"), asset("b3", "billing"), asset("x", null, "exports")],
    edges: [edge("a1", "r1", "violation"), edge("a2", "r2"), edge("r1", "b1"), edge("r2", "b2"), edge("r2", "b3"), edge("b1", "a1", "violation"), edge("b2", "x")],
  };
}

describe("the zone matrix", () => {
  const graph = zoneFlowGraph(source());

  it("leaves out groups with neither assets nor flows, and counts them", () => {
    const m = zoneMatrix(graph, "name");
    expect(m.groups.map((g) => g.id)).toEqual(["ads", "billing", "recs", "unzoned:exports"]);
    expect(m.hiddenEmpty).toBe(1);
    expect(m.realCount).toBe(3);
    expect(m.totals).toEqual({ edges: 7, violation: 2, sanctioned: 0, permitted: 5, unreviewed: 0 });
    expect(m.flows.get("recs->billing")!.edges).toBe(3);
  });

  it("orders by violations (in and out), by edges, or by name, the pseudo-zones always after the zones", () => {
    // violations: ads 2 (out 1, in 1), billing 1, recs 1 → ties by name; edges: recs 5, billing 5, ads 3
    expect(zoneMatrix(graph, "violations").groups.map((g) => g.id)).toEqual(["ads", "billing", "recs", "unzoned:exports"]);
    expect(zoneMatrix(graph, "flow").groups.map((g) => [g.id, g.out + g.in])).toEqual([
      ["billing", 5],
      ["recs", 5],
      ["ads", 3],
      ["unzoned:exports", 1],
    ]);
    expect(zoneMatrix(graph, "name").groups.map((g) => g.name)).toEqual(["Ads", "Billing", "Recommendations", "exports (unzoned)"]);
  });
});
