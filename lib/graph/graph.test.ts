import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { layeredLayout } from "./layered.ts";
import { FIT_SCREEN, ZONE_MAP_CHAR_EM, ZONE_MAP_NAME_PX, layoutGraph, memoryLayoutCache, type ElkLike } from "./layout.ts";
import { syntheticSource } from "./synthetic.ts";
import { NODE_H, NODE_W, edgeId, type GraphSource } from "./types.ts";
import { buildView, focusSet, indexGraph, visibleSubgraph } from "./view.ts";
import { ALL_UNZONED, MAX_UNZONED_GROUPS, unzonedGrouping, zoneFlowGraph } from "./zone-flows.ts";
import { parseViewState } from "./query-schemas.ts";
import { EMPTY_VIEW, serializeViewState, type ViewState } from "./view-state.ts";

const elk = new ELK() as unknown as ElkLike;

/** Two zones and an unzoned report: ads (a1 → a2 → a3), recs (r1 → r2), a crossing a2 → r1, r2 → report. */
function tinyWorld(): GraphSource {
  const asset = (id: string, zone: string | null, violations = 0) => ({ id, name: id, namespace: "ns", kind: "table", zone, categories: zone === "ads" ? ["user.behavior.purchase_history"] : [], violations });
  return {
    zones: [
      { id: "ads", name: "Ads", color: "#2563eb" },
      { id: "recs", name: "Recs", color: "#ea580c" },
    ],
    assets: [asset("a1", "ads"), asset("a2", "ads", 1), asset("a3", "ads"), asset("r1", "recs", 1), asset("r2", "recs"), asset("report", null)],
    edges: [
      { from: "a1", to: "a2", verdict: "permitted", unreviewed: false, paths: [] },
      { from: "a2", to: "a3", verdict: "permitted", unreviewed: true, paths: [] },
      { from: "a2", to: "r1", verdict: "violation", unreviewed: true, paths: [] },
      { from: "a3", to: "r2", verdict: "sanctioned", unreviewed: false, paths: ["ads-to-recs"] },
      { from: "r1", to: "r2", verdict: "permitted", unreviewed: false, paths: [] },
      { from: "r2", to: "report", verdict: "permitted", unreviewed: false, paths: [] },
    ],
  };
}

const view = (over: Partial<ViewState> = {}): ViewState => ({ ...EMPTY_VIEW, ...over });

describe("layered layout", () => {
  it("places every edge of a DAG left to right, without overlaps in a layer", () => {
    const nodes = ["a", "b", "c", "d", "e"].map((id) => ({ id, w: 100, h: 40 }));
    const r = layeredLayout(nodes, [["a", "b"], ["a", "c"], ["b", "d"], ["c", "d"], ["d", "e"]], { layerGap: 50, nodeGap: 10 });
    for (const [u, v] of [["a", "b"], ["b", "d"], ["d", "e"]]) expect(r.positions[u].x).toBeLessThan(r.positions[v].x);
    expect(r.positions.b.x).toBe(r.positions.c.x);
    expect(Math.abs(r.positions.b.y - r.positions.c.y)).toBeGreaterThanOrEqual(50);
  });

  it("survives cycles and gives the same picture for the same graph", () => {
    const nodes = ["x", "y", "z"].map((id) => ({ id, w: 10, h: 10 }));
    const edges: [string, string][] = [["x", "y"], ["y", "z"], ["z", "x"]];
    expect(layeredLayout(nodes, edges, { layerGap: 5, nodeGap: 5 })).toEqual(layeredLayout([...nodes].reverse(), [...edges].reverse(), { layerGap: 5, nodeGap: 5 }));
  });
});

describe("per-zone layout, composed", () => {
  it("an empty world (a first start without the demo) lays out to an empty picture", async () => {
    const empty: GraphSource = { zones: [], assets: [], edges: [] };
    const { layout } = await layoutGraph(empty, { elk });
    expect(Object.keys(layout.assets)).toEqual([]);
    const v = buildView(indexGraph(empty), layout, EMPTY_VIEW, { lod: "auto" });
    expect([v.assets.length, v.edges.length, v.zones.length]).toEqual([0, 0, 0]);
  });

  it("draws zones as boxes around their assets, unzoned assets in their namespace's pseudo-zone apart, boxes not overlapping", async () => {
    const { layout } = await layoutGraph(tinyWorld(), { elk });
    for (const [id, zone] of [["a1", "ads"], ["a3", "ads"], ["r2", "recs"]]) {
      const p = layout.assets[id];
      const z = layout.zones[zone];
      expect(p.x).toBeGreaterThanOrEqual(z.x);
      expect(p.x + NODE_W).toBeLessThanOrEqual(z.x + z.w);
      expect(p.y + NODE_H).toBeLessThanOrEqual(z.y + z.h);
    }
    const [ads, recs] = [layout.zones.ads, layout.zones.recs];
    expect(ads.x + ads.w <= recs.x || recs.x + recs.w <= ads.x || ads.y + ads.h <= recs.y || recs.y + recs.h <= ads.y).toBe(true);
    // data-flow order: ads feeds recs
    expect(ads.x).toBeLessThan(recs.x);
    // the unzoned report sits in the pseudo-zone of its namespace, in a band below or beside the real zones
    const pseudo = layout.zones["unzoned:ns"];
    const report = layout.assets.report;
    expect(report.x).toBeGreaterThanOrEqual(pseudo.x);
    expect(report.y + NODE_H).toBeLessThanOrEqual(pseudo.y + pseudo.h);
    const apart = (a: { x: number; y: number; w: number; h: number }) => pseudo.y >= a.y + a.h + 90 || pseudo.x >= a.x + a.w + 90;
    expect(apart(ads) && apart(recs)).toBe(true);
  });

  it("lays out a 50-zone world as a zone map: no overlaps, assets inside their boxes, every name readable when fitted to a laptop's canvas", async () => {
    const source = syntheticSource({ assets: 3000, edges: 9000, zones: 50 });
    const { layout } = await layoutGraph(source, { elk, emptyZones: true });
    const boxes = Object.entries(layout.zones);
    expect(boxes.filter(([id]) => !id.startsWith("unzoned:"))).toHaveLength(50);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i][1], boxes[j][1]];
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y, `${boxes[i][0]} / ${boxes[j][0]}`).toBe(true);
      }
    }
    for (const a of source.assets) {
      const box = layout.zones[a.zone ?? `unzoned:${a.namespace}`];
      const p = layout.assets[a.id];
      expect(p.x >= box.x && p.y >= box.y && p.x + NODE_W <= box.x + box.w && p.y + NODE_H <= box.y + box.h, a.id).toBe(true);
    }
    // fitted into 850 × 600 px (between a 1024 × 768 and a 1440 × 900 window's canvas), each zone's name gets 12 px per character's 0.66 em
    expect(FIT_SCREEN).toEqual({ w: 850, h: 600 });
    expect(ZONE_MAP_NAME_PX).toBe(12);
    const zoom = Math.min(FIT_SCREEN.w / layout.bounds.w, FIT_SCREEN.h / layout.bounds.h);
    for (const z of source.zones) {
      const box = layout.zones[z.id];
      expect(box.w * zoom, z.id).toBeGreaterThanOrEqual(ZONE_MAP_CHAR_EM * ZONE_MAP_NAME_PX * z.name.length);
    }
  });

  it("is stable: the same graph gives the same picture, from the cache or not", async () => {
    const cache = memoryLayoutCache();
    const first = await layoutGraph(tinyWorld(), { elk, cache });
    const again = await layoutGraph(tinyWorld(), { elk });
    const cached = await layoutGraph(tinyWorld(), { elk, cache });
    expect(again.layout).toEqual(first.layout);
    expect(cached.layout).toEqual(first.layout);
    expect(cached.stats.zonesComputed).toBe(0);
    expect(cached.stats.coarseComputed).toBe(false);
  });

  it("routes edges of a zone wrapped into rows inside the zone, from border to border", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);
    const source: GraphSource = {
      zones: [{ id: "chain", name: "Chain", color: "#7c3aed" }],
      assets: ids.map((id) => ({ id, name: id, namespace: "ns", kind: "table", zone: "chain", categories: [], violations: 0 })),
      edges: ids.slice(1).map((id, i) => ({ from: ids[i], to: id, verdict: "permitted" as const, unreviewed: false, paths: [] })),
    };
    const { layout } = await layoutGraph(source, { elk });
    const z = layout.zones.chain;
    const routes = layout.routes ?? {};
    expect(Object.keys(routes)).toHaveLength(ids.length - 1);
    let wrapped = 0;
    for (const e of source.edges) {
      const route = routes[edgeId(e.from, e.to)];
      const [from, to] = [layout.assets[e.from], layout.assets[e.to]];
      expect(route[0]).toBeCloseTo(from.x + NODE_W);
      expect(route.at(-2)).toBeCloseTo(to.x);
      for (let i = 0; i < route.length; i += 2) {
        expect(route[i]).toBeGreaterThanOrEqual(z.x);
        expect(route[i]).toBeLessThanOrEqual(z.x + z.w);
        expect(route[i + 1]).toBeGreaterThanOrEqual(z.y);
        expect(route[i + 1]).toBeLessThanOrEqual(z.y + z.h);
      }
      if (to.x < from.x) wrapped++;
    }
    expect(wrapped).toBeGreaterThan(0);
    const v = buildView(indexGraph(source), layout, EMPTY_VIEW, { lod: "detail" });
    expect(v.edges.every((e) => e.route === routes[e.id])).toBe(true);
    // Filtered, the zone's box is drawn around what is visible: its routes included.
    const f = buildView(indexGraph(source), layout, view({ zones: ["chain"] }), { lod: "detail" });
    const box = f.zones[0];
    for (const e of f.edges) {
      for (let i = 0; i < e.route!.length; i += 2) {
        expect(e.route![i]).toBeGreaterThanOrEqual(box.x);
        expect(e.route![i]).toBeLessThanOrEqual(box.x + box.w);
      }
    }
  });

  it("recomputes only the zone a one-edge change touches", async () => {
    const source = syntheticSource({ assets: 2000, edges: 8000, zones: 8 });
    const cache = memoryLayoutCache();
    const cold = await layoutGraph(source, { cache, elk });
    // eight zones and the pseudo-zones of namespaces with unzoned assets
    const groups = 8 + new Set(source.assets.filter((a) => !a.zone).map((a) => a.namespace)).size;
    expect(cold.stats.zonesComputed).toBe(groups);
    const inside = source.edges.findIndex((e) => source.assets.find((a) => a.id === e.from)?.zone === source.assets.find((a) => a.id === e.to)?.zone);
    const changed = { ...source, edges: source.edges.filter((_, i) => i !== inside) };
    const warm = await layoutGraph(changed, { cache, elk });
    expect(warm.stats.zonesComputed).toBe(1);
  });
});

describe("unzoned assets of many namespaces", () => {
  /** Two zones and one unzoned asset in each of `namespaces` namespaces, each fed from zone ads. */
  function manyNamespaces(namespaces: number): GraphSource {
    const world = tinyWorld();
    for (let i = 0; i < namespaces; i++) {
      world.assets.push({ id: `u${i}`, name: `u${i}`, namespace: `team_${i}`, kind: "table", zone: null, categories: [], violations: 0 });
      world.edges.push({ from: "a3", to: `u${i}`, verdict: "permitted", unreviewed: false, paths: [] });
    }
    return world;
  }

  it("up to the limit, one pseudo-zone per namespace; beyond it, one for them all, on the map and in the flows alike", async () => {
    const few = manyNamespaces(MAX_UNZONED_GROUPS - 1); // plus tinyWorld's own "ns" namespace: exactly the limit
    expect(unzonedGrouping(few)).toBe("namespace");
    const many = manyNamespaces(MAX_UNZONED_GROUPS);
    expect(unzonedGrouping(many)).toBe("merged");
    const { layout } = await layoutGraph(many, { elk, emptyZones: true });
    expect(Object.keys(layout.zones).sort()).toEqual(["ads", "recs", ALL_UNZONED]);
    const box = layout.zones[ALL_UNZONED];
    for (const a of many.assets.filter((x) => x.zone === null)) {
      const p = layout.assets[a.id];
      expect(p.x >= box.x && p.y >= box.y && p.x + NODE_W <= box.x + box.w && p.y + NODE_H <= box.y + box.h).toBe(true);
    }
    const overview = buildView(indexGraph(many), layout, view(), { lod: "overview" });
    expect(overview.zones.map((z) => [z.id, z.assets])).toEqual([["ads", 3], ["recs", 2], [ALL_UNZONED, MAX_UNZONED_GROUPS + 1]]);
    // The map's arrow into the merged pseudo-zone counts what the zone-level graph (and so the matrix) counts.
    const arrow = overview.edges.find((e) => e.target === `zone:${ALL_UNZONED}` && e.source === "zone:ads")!;
    const flow = zoneFlowGraph(many, { unzoned: unzonedGrouping(many) }).flows.find((f) => f.from === "ads" && f.to === ALL_UNZONED)!;
    expect([arrow.count, arrow.flow?.edges]).toEqual([MAX_UNZONED_GROUPS, flow.edges]);
  });
});

describe("view model", () => {
  const index = indexGraph(tinyWorld());

  it("focus follows upstream and downstream separately, to a depth or without limit", () => {
    expect([...focusSet(index, "a2", 1)].sort()).toEqual(["a1", "a2", "a3", "r1"]);
    expect([...focusSet(index, "r1", null)].sort()).toEqual(["a1", "a2", "r1", "r2", "report"]);
  });

  it("filters by zone, by data category and to violations only", () => {
    expect(visibleSubgraph(index, view({ zones: ["recs"] })).assets.map((a) => a.id)).toEqual(["r1", "r2"]);
    expect(visibleSubgraph(index, view({ categories: ["user.behavior"] })).assets.map((a) => a.id)).toEqual(["a1", "a2", "a3"]);
    const v = visibleSubgraph(index, view({ violationsOnly: true }));
    expect(v.assets.map((a) => a.id)).toEqual(["a2", "r1"]);
    expect(v.edges.map((e) => `${e.from}>${e.to}`)).toEqual(["a2>r1"]);
  });

  it("a collapsed zone becomes one node whose edges carry counts and the worst status", async () => {
    const { layout } = await layoutGraph(tinyWorld(), { elk });
    const v = buildView(index, layout, view({ collapsed: ["ads"] }), { lod: "auto" });
    expect(v.assets.map((a) => a.id).sort()).toEqual(["r1", "r2", "report"]);
    const out = v.edges.filter((e) => e.source === "zone:ads");
    expect(out.map((e) => [e.target, e.count, e.status]).sort()).toEqual([
      ["r1", 1, "violation"],
      ["r2", 1, "sanctioned"],
    ]);
    expect(v.zones.find((z) => z.id === "ads")).toMatchObject({ collapsed: true, assets: 3, violations: 1 });
  });

  it("zoomed out, flows are aggregated between zones with the worst status", async () => {
    const { layout } = await layoutGraph(tinyWorld(), { elk });
    const v = buildView(index, layout, EMPTY_VIEW, { lod: "overview" });
    expect(v.assets.map((a) => a.id)).toEqual([]);
    expect(v.zones.map((z) => [z.id, z.pseudo, z.assets])).toEqual([
      ["ads", false, 3],
      ["recs", false, 2],
      ["unzoned:ns", true, 1],
    ]);
    const e = v.edges.find((x) => x.source === "zone:ads" && x.target === "zone:recs")!;
    expect(e).toMatchObject({ count: 2, status: "violation", aggregated: true });
    expect(e.flow).toMatchObject({ edges: 2, violation: 1, sanctioned: 1, permitted: 0, unreviewed: 1, paths: ["ads-to-recs"], fromName: "Ads", toName: "Recs" });
    expect(v.edges.find((x) => x.target === "zone:unzoned:ns")).toMatchObject({ source: "zone:recs", count: 1, status: "permitted" });
    // "violations only" applies to the zone map too: only the red flow is left, counting its one edge
    const red = buildView(index, layout, view({ violationsOnly: true }), { lod: "overview" });
    expect(red.edges.map((x) => [x.id, x.count, x.flow?.violation])).toEqual([[edgeId("zone:ads", "zone:recs"), 1, 1]]);
  });

  it("collapsing every zone gives the zone map, pseudo-zones folded too", async () => {
    const { layout } = await layoutGraph(tinyWorld(), { elk });
    const v = buildView(index, layout, view({ collapsed: ["ads", "recs"] }), { lod: "auto" });
    expect(v.lod).toBe("overview");
    expect(v.assets).toEqual([]);
    expect(v.edges.map((e) => e.id).sort()).toEqual([edgeId("zone:ads", "zone:recs"), edgeId("zone:recs", "zone:unzoned:ns")]);
  });

  it("zoomed in on a large graph, returns only the region asked for, with both ends of its edges", async () => {
    const source = syntheticSource({ assets: 5000, edges: 20000, zones: 6 });
    const { layout } = await layoutGraph(source, {});
    const big = indexGraph(source);
    expect(buildView(big, layout, EMPTY_VIEW, { lod: "auto" }).lod).toBe("overview");
    const z = layout.zones[source.zones[2].id];
    const bbox = { x: z.x, y: z.y, w: 3000, h: 2000 };
    expect(Object.keys(layout.routes ?? {})).toHaveLength(0); // large zones: no elk, no routes
    const v = buildView(big, layout, EMPTY_VIEW, { lod: "detail", bbox });
    expect(v.assets.length).toBeGreaterThan(10);
    expect(v.assets.length).toBeLessThan(1500);
    const present = new Set(v.assets.map((a) => a.id));
    for (const e of v.edges) expect(present.has(e.source) && present.has(e.target)).toBe(true);
    // Only the zone boxes around the region come along, and every drawn asset's box is among them.
    const near = { x: bbox.x - bbox.w, y: bbox.y - bbox.h, w: 3 * bbox.w, h: 3 * bbox.h };
    const meets = (b: { x: number; y: number; w: number; h: number }) => b.x < near.x + near.w && near.x < b.x + b.w && b.y < near.y + near.h && near.y < b.y + b.h;
    expect(v.zones.map((zone) => zone.id).sort()).toEqual(Object.keys(layout.zones).filter((id) => meets(layout.zones[id])).sort());
    expect(v.zones.length).toBeLessThan(Object.keys(layout.zones).length);
    const drawnZones = new Set(v.zones.map((zone) => zone.id));
    for (const a of v.assets) if (a.zone) expect(drawnZones.has(a.zone)).toBe(true);
  });

  it("zoomed in, an edge whose other end is far outside the region is a stub towards it, counted", () => {
    // a0 → b0 crosses 10,000 px; a0 → a1 stays near
    const source: GraphSource = {
      zones: [
        { id: "left", name: "Left", color: "#2563eb" },
        { id: "right", name: "Right", color: "#ea580c" },
      ],
      assets: ["a0", "a1", "b0", "b1"].map((id) => ({ id, name: id, namespace: "ns", kind: "table", zone: id.startsWith("a") ? "left" : "right", categories: [], violations: 0 })),
      edges: [
        { from: "a0", to: "a1", verdict: "permitted", unreviewed: false, paths: [] },
        { from: "a0", to: "b0", verdict: "violation", unreviewed: false, paths: [] },
        { from: "a0", to: "b1", verdict: "sanctioned", unreviewed: false, paths: ["p"] },
      ],
    };
    const layout = {
      assets: { a0: { x: 0, y: 0 }, a1: { x: 300, y: 0 }, b0: { x: 10_000, y: 0 }, b1: { x: 10_000, y: 100 } },
      zones: { left: { x: -16, y: -48, w: 600, h: 200 }, right: { x: 9_984, y: -48, w: 300, h: 300 } },
      bounds: { x: 0, y: 0, w: 10_300, h: 300 },
    };
    const v = buildView(indexGraph(source), layout, EMPTY_VIEW, { lod: "detail", bbox: { x: -100, y: -100, w: 800, h: 400 } });
    expect(v.assets.map((a) => a.id).sort()).toEqual(["a0", "a1"]);
    expect(v.edges.map((e) => e.id)).toEqual([edgeId("a0", "a1")]);
    expect(v.stubs).toHaveLength(1);
    expect(v.stubs[0]).toMatchObject({ node: "a0", dir: "out", group: "right", groupName: "Right", count: 2, status: "violation", x: NODE_W, y: NODE_H / 2 });
    expect(v.stubs[0].dx).toBeGreaterThan(0.99);
  });
});

describe("URL state", () => {
  it("round-trips selection, filters, focus and collapsed zones", () => {
    const state: ViewState = {
      selected: { kind: "edge", from: "purchase_events", to: "recs_purchase_affinity" },
      zones: ["ads", "recs"],
      categories: ["user.behavior"],
      violationsOnly: true,
      focus: "purchase_events",
      depth: null,
      collapsed: ["reporting"],
    };
    const qs = serializeViewState(state);
    expect(parseViewState(new URLSearchParams(qs))).toEqual(state);
    expect(serializeViewState(EMPTY_VIEW)).toBe("");
  });
});
