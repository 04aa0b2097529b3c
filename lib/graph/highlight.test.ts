import { describe, expect, it } from "vitest";
import { highlightOnView, pathThroughEdge } from "./highlight.ts";
import { edgeId } from "./types.ts";
import type { ViewAssetNode, ViewZone } from "./view.ts";

const asset = (id: string, zone: string | null): ViewAssetNode => ({ id, name: id, namespace: "ns", kind: "table", zone, violations: 0, x: 0, y: 0 });
const zone = (id: string, collapsed: boolean): ViewZone => ({ id, name: id, color: "#000", pseudo: false, x: 0, y: 0, w: 1, h: 1, assets: 1, violations: 0, collapsed });

// pixel → events (zone ads) → recs (zone recs): the crossing events → recs is the violation.
const crossing = {
  violations: [{ kind: "unsanctioned_crossing" as const, zone: "ads", categories: ["user"], explanation: "", path: ["pixel", "events"], edge: { from: "events", to: "recs" } }],
  zoneOf: { pixel: null, events: "ads", recs: "recs" },
};

describe("highlighting a selection's offending paths", () => {
  it("a crossing's path is extended through its edge, once", () => {
    expect(pathThroughEdge(["pixel", "events"], "events", "recs")).toEqual(["pixel", "events", "recs"]);
    expect(pathThroughEdge(["pixel", "events", "recs"], "events", "recs")).toEqual(["pixel", "events", "recs"]);
    expect(pathThroughEdge(["pixel"], "events", "recs")).toEqual(["pixel", "events", "recs"]);
  });

  it("with every asset drawn, the path's assets and edges are highlighted as they are", () => {
    const view = { lod: "detail" as const, assets: ["pixel", "events", "recs"].map((id) => asset(id, crossing.zoneOf[id as keyof typeof crossing.zoneOf])), zones: [zone("ads", false), zone("recs", false)] };
    const h = highlightOnView(crossing, view);
    expect([...h.assets].sort()).toEqual(["events", "pixel", "recs"]);
    expect([...h.edges].sort()).toEqual([edgeId("events", "recs"), edgeId("pixel", "events")].sort());
  });

  it("a collapsed zone stands for its assets, and a path inside it draws no edge to itself", () => {
    const view = { lod: "detail" as const, assets: [asset("pixel", null), asset("recs", "recs")], zones: [zone("ads", true), zone("recs", false)] };
    const h = highlightOnView(crossing, view);
    expect([...h.assets].sort()).toEqual(["pixel", "recs", "zone:ads"]);
    expect([...h.edges].sort()).toEqual([edgeId("pixel", "zone:ads"), edgeId("zone:ads", "recs")].sort());
  });

  it("zoomed out, every zone stands for its assets", () => {
    const view = { lod: "overview" as const, assets: [asset("pixel", null)], zones: [zone("ads", false), zone("recs", false)] };
    const h = highlightOnView(crossing, view);
    expect([...h.edges].sort()).toEqual([edgeId("pixel", "zone:ads"), edgeId("zone:ads", "zone:recs")].sort());
  });

  it("zoomed out, an unzoned asset's pseudo-zone stands for it", () => {
    const unzoned = { ...crossing, zoneOf: { ...crossing.zoneOf, pixel: "unzoned:ns" } };
    const view = { lod: "overview" as const, assets: [], zones: [zone("ads", false), zone("recs", false), { ...zone("unzoned:ns", false), pseudo: true }] };
    const h = highlightOnView(unzoned, view);
    expect([...h.assets].sort()).toEqual(["zone:ads", "zone:recs", "zone:unzoned:ns"]);
    expect([...h.edges].sort()).toEqual([edgeId("zone:unzoned:ns", "zone:ads"), edgeId("zone:ads", "zone:recs")].sort());
  });

  it("nothing is highlighted without an explanation", () => {
    const h = highlightOnView(null, { lod: "detail", assets: [], zones: [] });
    expect(h.assets.size + h.edges.size).toBe(0);
  });
});
