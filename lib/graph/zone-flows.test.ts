import { describe, expect, it } from "vitest";
import { generateWorld } from "../../bench/generate-world.ts";
import { evaluate } from "../engine/evaluate.ts";
import { toGraphSource } from "./graph-source.ts";
import { covers } from "../taxonomy/keys.ts";
import { edgeStatus, worstStatus, type EdgeStatus, type GraphSource } from "./types.ts";
import { indexGraph, visibleSubgraph } from "./view.ts";
import { EMPTY_VIEW } from "./view-state.ts";
import { edgesOfFlow, unzonedGroupId, zoneFlowGraph, zoneGroupOf, type ZoneFlowFilter } from "./zone-flows.ts";

/**
 * ads (a1, a2, a3), recs (r1, r2), two unzoned namespaces (warehouse: w1, w2; exports: x1).
 * Crossings: ads→recs three edges (a violation, a sanctioned one, an unreviewed sanctioned one),
 * recs→ads one permitted edge, recs→warehouse, warehouse→ads, and w1→w2 inside one pseudo-zone.
 */
function handMade(): GraphSource {
  const asset = (id: string, zone: string | null, namespace: string, categories: string[], violations = 0) => ({ id, name: `name_${id}`, namespace, kind: "table", zone, categories, violations });
  return {
    zones: [
      { id: "ads", name: "Ads", color: "#2563eb", mode: "enforcing" },
      { id: "recs", name: "Recs", color: "#ea580c" },
      { id: "empty", name: "Empty", color: "#16a34a" },
    ],
    assets: [
      asset("a1", "ads", "ns", ["user.behavior.purchase_history"]),
      asset("a2", "ads", "ns", ["user.behavior.purchase_history", "user.contact.email"], 2),
      asset("a3", "ads", "ns", ["user.contact.email"]),
      asset("r1", "recs", "ns", ["user.behavior.purchase_history"], 1),
      asset("r2", "recs", "ns", ["user.contact.email"]),
      asset("w1", null, "warehouse", ["system.operations"]),
      asset("w2", null, "warehouse", []),
      asset("x1", null, "exports", ["user.contact.email"], 1),
    ],
    edges: [
      { from: "a1", to: "a2", verdict: "permitted", unreviewed: false, paths: [] },
      { from: "a2", to: "r1", verdict: "violation", unreviewed: true, paths: [], categories: ["user.behavior.purchase_history", "user.contact.email"] },
      { from: "a1", to: "r1", verdict: "sanctioned", unreviewed: false, paths: ["p-ads-recs"], categories: ["user.behavior.purchase_history"] },
      { from: "a3", to: "r2", verdict: "sanctioned", unreviewed: true, paths: ["p-email", "p-ads-recs"], categories: ["user.contact.email"] },
      { from: "r2", to: "a3", verdict: "permitted", unreviewed: false, paths: [], categories: ["user.contact.email"] },
      { from: "r1", to: "w1", verdict: "permitted", unreviewed: false, paths: [] },
      { from: "w1", to: "w2", verdict: "permitted", unreviewed: false, paths: [] },
      { from: "w1", to: "a1", verdict: "permitted", unreviewed: false, paths: [] },
      { from: "a3", to: "x1", verdict: "violation", unreviewed: false, paths: [], categories: ["user.contact.email"] },
      { from: "a1", to: "ghost", verdict: "permitted", unreviewed: false, paths: [] },
    ],
  };
}

describe("zone groups", () => {
  it("an unzoned asset belongs to its namespace's pseudo-zone, a zoned one to its zone", () => {
    expect(zoneGroupOf({ zone: null, namespace: "warehouse" })).toBe("unzoned:warehouse");
    expect(unzonedGroupId("warehouse")).toBe("unzoned:warehouse");
    expect(zoneGroupOf({ zone: "ads", namespace: "warehouse" })).toBe("ads");
  });

  it("lists every zone (even an empty one) in order, then one pseudo-zone per unzoned namespace, with assets and violations", () => {
    const { groups } = zoneFlowGraph(handMade());
    expect(groups.map((g) => [g.id, g.pseudo, g.assets, g.violations])).toEqual([
      ["ads", false, 3, 2],
      ["recs", false, 2, 1],
      ["empty", false, 0, 0],
      ["unzoned:exports", true, 1, 1],
      ["unzoned:warehouse", true, 2, 0],
    ]);
    expect(groups[0].mode).toBe("enforcing");
    expect(groups[3].name).toBe("exports (unzoned)");
    expect(groups[3].color).not.toBe(groups[0].color);
  });
});

describe("zone flows", () => {
  it("one flow per ordered pair of different groups, counted by verdict, worst first", () => {
    const { flows } = zoneFlowGraph(handMade());
    expect(flows.map((f) => f.id)).toEqual(["ads->recs", "ads->unzoned:exports", "recs->ads", "recs->unzoned:warehouse", "unzoned:warehouse->ads"]);
    const adsRecs = flows[0];
    expect(adsRecs).toMatchObject({ from: "ads", to: "recs", edges: 3, violation: 1, sanctioned: 2, permitted: 0, unreviewed: 2, worst: "violation" });
    expect(adsRecs.paths).toEqual(["p-ads-recs", "p-email"]);
    // purchase_history crosses on two edges, email on two: ties by key.
    expect(adsRecs.categories).toEqual([
      { category: "user.behavior.purchase_history", edges: 2 },
      { category: "user.contact.email", edges: 2 },
    ]);
    expect(flows[2]).toMatchObject({ edges: 1, permitted: 1, violation: 0, worst: "permitted" });
  });

  it("an edge without its crossing categories counts its source's categories", () => {
    const flow = zoneFlowGraph(handMade()).flows.find((f) => f.id === "unzoned:warehouse->ads")!;
    expect(flow.categories).toEqual([{ category: "system.operations", edges: 1 }]);
  });

  it("an unreviewed sanctioned edge makes the flow's worst status unreviewed", () => {
    const source = handMade();
    source.edges = source.edges.filter((e) => !(e.from === "a2" && e.to === "r1"));
    expect(zoneFlowGraph(source).flows[0]).toMatchObject({ edges: 2, worst: "unreviewed", unreviewed: 1, sanctioned: 2 });
  });

  it("lists a flow's edges, with the filter applied, and nothing for a flow inside one group", () => {
    const source = handMade();
    expect(edgesOfFlow(source, { from: "ads", to: "recs" }).map((e) => `${e.from}>${e.to}`)).toEqual(["a2>r1", "a1>r1", "a3>r2"]);
    expect(edgesOfFlow(source, { from: "ads", to: "recs" }, { violationsOnly: true }).map((e) => `${e.from}>${e.to}`)).toEqual(["a2>r1"]);
    expect(edgesOfFlow(source, { from: "unzoned:warehouse", to: "unzoned:warehouse" })).toEqual([]);
    expect(edgesOfFlow(source, { to: "ads" }).map((e) => `${e.from}>${e.to}`)).toEqual(["r2>a3", "w1>a1"]);
  });

  it("merged, every unzoned asset is in one pseudo-zone", () => {
    const { groups, flows } = zoneFlowGraph(handMade(), { unzoned: "merged" });
    expect(groups.filter((g) => g.pseudo).map((g) => [g.id, g.name, g.assets])).toEqual([["unzoned:*", "Unzoned (all namespaces)", 3]]);
    expect(flows.map((f) => f.id)).toEqual(["ads->recs", "ads->unzoned:*", "recs->ads", "recs->unzoned:*", "unzoned:*->ads"]);
    expect(edgesOfFlow(handMade(), { to: "unzoned:*" }, { unzoned: "merged" }).length).toBe(2);
  });

  it("violations only keeps the violating edges and the assets the graph keeps", () => {
    const { groups, flows } = zoneFlowGraph(handMade(), { violationsOnly: true });
    expect(flows.map((f) => [f.id, f.edges, f.violation])).toEqual([
      ["ads->recs", 1, 1],
      ["ads->unzoned:exports", 1, 1],
    ]);
    // a2 (own violations and a violating edge), a3 (a violating edge), r1, x1; warehouse has none left.
    expect(groups.map((g) => [g.id, g.assets])).toEqual([
      ["ads", 2],
      ["recs", 1],
      ["empty", 0],
      ["unzoned:exports", 1],
    ]);
  });

  it("the category filter keeps edges whose two ends carry a covered category", () => {
    const { flows } = zoneFlowGraph(handMade(), { categories: ["user.contact"] });
    // a2, a3, r2, x1 pass: a3→r2, r2→a3, a3→x1.
    expect(flows.map((f) => [f.id, f.edges])).toEqual([
      ["ads->recs", 1],
      ["ads->unzoned:exports", 1],
      ["recs->ads", 1],
    ]);
  });
});

describe("zone flows of a generated world", () => {
  const world = generateWorld({ assets: 2000, edges: 6000, zones: 12, categories: 30, paths: 20, seed: 7 });
  // Some unzoned assets in two namespaces, so pseudo-zones take part.
  world.assets.forEach((a, i) => {
    if (i % 23 === 0) Object.assign(a, { zone: null, namespace: i % 2 ? "lake" : "exports" });
  });
  const evaluation = evaluate(world);
  const source = toGraphSource(world, evaluation);

  /** The naive count: every edge, one at a time, against the filter as visibleSubgraph applies it. */
  function naive(filter: ZoneFlowFilter) {
    const visible = visibleSubgraph(indexGraph(source), { ...EMPTY_VIEW, categories: filter.categories ?? [], violationsOnly: filter.violationsOnly ?? false });
    const group = new Map(source.assets.map((a) => [a.id, a.zone ?? `unzoned:${a.namespace}`]));
    const out = new Map<string, { edges: number; violation: number; sanctioned: number; permitted: number; unreviewed: number; worst: EdgeStatus; categories: Map<string, number> }>();
    for (const e of visible.edges) {
      const [from, to] = [group.get(e.from)!, group.get(e.to)!];
      if (from === to) continue;
      const key = `${from}->${to}`;
      const row = out.get(key) ?? { edges: 0, violation: 0, sanctioned: 0, permitted: 0, unreviewed: 0, worst: "permitted" as EdgeStatus, categories: new Map() };
      row.edges++;
      row[e.verdict]++;
      if (e.unreviewed) row.unreviewed++;
      row.worst = worstStatus(row.worst, edgeStatus(e));
      for (const c of evaluation.flowingCategories(e.from, e.to)) row.categories.set(c, (row.categories.get(c) ?? 0) + 1);
      out.set(key, row);
    }
    return out;
  }

  // A key some assets carry, and one no asset carries.
  const someKey = source.assets.find((a) => a.categories.length)!.categories[0];
  const filters: ZoneFlowFilter[] = [{}, { violationsOnly: true }, { categories: [someKey] }, { categories: ["user"], violationsOnly: true }, { categories: ["no.such"] }];
  for (const filter of filters) {
    it(`matches a naive count edge by edge (${JSON.stringify(filter)})`, () => {
      const { groups, flows } = zoneFlowGraph(source, filter);
      const expected = naive(filter);
      if (filter.categories?.[0] === "no.such") expect(flows).toEqual([]);
      else expect(expected.size).toBeGreaterThan(Object.keys(filter).length ? 0 : 20);
      expect(flows.map((f) => f.id).sort()).toEqual([...expected.keys()].sort());
      for (const f of flows) {
        const row = expected.get(f.id)!;
        expect({ id: f.id, edges: f.edges, violation: f.violation, sanctioned: f.sanctioned, permitted: f.permitted, unreviewed: f.unreviewed, worst: f.worst }).toEqual({
          id: f.id,
          edges: row.edges,
          violation: row.violation,
          sanctioned: row.sanctioned,
          permitted: row.permitted,
          unreviewed: row.unreviewed,
          worst: row.worst,
        });
        expect(Object.fromEntries(f.categories.map((c) => [c.category, c.edges]))).toEqual(Object.fromEntries(row.categories));
        for (let i = 1; i < f.categories.length; i++) expect(f.categories[i - 1].edges).toBeGreaterThanOrEqual(f.categories[i].edges);
      }
      // The flow's edge list is exactly what it counts; one side alone lists every flow leaving (or entering) a group.
      for (const f of flows.slice(0, 40)) expect(edgesOfFlow(source, { from: f.from, to: f.to }, filter).length).toBe(f.edges);
      const first = flows[0];
      if (first) {
        const leaving = flows.filter((f) => f.from === first.from).reduce((n, f) => n + f.edges, 0);
        expect(edgesOfFlow(source, { from: first.from }, filter).length).toBe(leaving);
        const entering = flows.filter((f) => f.to === first.to).reduce((n, f) => n + f.edges, 0);
        expect(edgesOfFlow(source, { to: first.to }, filter).length).toBe(entering);
      }
      const pseudo = groups.filter((g) => g.pseudo).map((g) => g.id);
      if (!filter.violationsOnly && !filter.categories) expect(pseudo).toEqual(expect.arrayContaining(["unzoned:exports", "unzoned:lake"]));
      const passing = source.assets.filter(
        (a) => !filter.categories || a.categories.some((c) => filter.categories!.some((k) => covers(k, c))),
      );
      if (!filter.violationsOnly) expect(groups.reduce((n, g) => n + g.assets, 0)).toBe(passing.length);
    });
  }
});
