// Lookups by the names a pipeline knows (OpenLineage's namespace + name) and by
// edge ends, which ingestion resolves against the cached world instead of
// reading the database: after any sequence of changes they must answer what a
// world freshly built from the changed assets and edges would.
import { describe, expect, it } from "vitest";
import { prng } from "../random.ts";
import { parseWorld } from "../world/parse.ts";
import { IncrementalEvaluator, type WorldChange } from "./incremental.ts";

const asset = (id: string, name: string) => ({ id, namespace: name.startsWith("x") ? "ns.x" : "ns", name, kind: "table" as const });

describe("lookups by name and by edge ends", () => {
  it("follow puts, renames and removals of assets and edges", () => {
    const random = prng(11);
    const parsed = parseWorld({ assets: [asset("a0", "t0"), asset("a1", "t1")], edges: [{ from: "a0", to: "a1" }] });
    if (!parsed.ok) throw new Error("world");
    const evaluator = new IncrementalEvaluator(parsed.world);
    const assets = new Map([["a0", asset("a0", "t0")], ["a1", asset("a1", "t1")]]);
    const edges = new Map([["a0>a1", { from: "a0", to: "a1", lastSeen: null as string | null }]]);
    expect(evaluator.assetNamed("ns", "t1")?.id).toBe("a1"); // the map is built here, then maintained
    for (let step = 0; step < 400; step++) {
      const roll = random();
      const ids = [...assets.keys()];
      const pick = () => ids[Math.floor(random() * ids.length)];
      let change: WorldChange;
      if (roll < 0.35 || ids.length < 3) {
        const id = `a${Math.floor(random() * 40)}`;
        // a fresh name, or the asset's own again: (namespace, name) stays unique as the database keeps it
        const name = random() < 0.5 ? `t${step + 10}` : random() < 0.5 ? `x${step + 10}` : (assets.get(id)?.name ?? `t${step + 10}`);
        change = { kind: "putAsset", asset: asset(id, name) };
        assets.set(id, asset(id, name));
      } else if (roll < 0.5) {
        const id = pick();
        change = { kind: "removeAsset", id };
        assets.delete(id);
        for (const key of [...edges.keys()]) if (key.split(">").includes(id)) edges.delete(key);
      } else if (roll < 0.85) {
        const [from, to] = [pick(), pick()];
        if (from === to) continue;
        const lastSeen = new Date(Date.UTC(2026, 0, 1, 0, step)).toISOString();
        change = { kind: "putEdge", edge: { from, to, lastSeen } };
        edges.set(`${from}>${to}`, { from, to, lastSeen });
      } else {
        const key = [...edges.keys()][0];
        if (!key) continue;
        const [from, to] = key.split(">");
        change = { kind: "removeEdge", from, to };
        edges.delete(key);
      }
      evaluator.apply(change);
    }
    const names = new Map([...assets.values()].map((a) => [`${a.namespace}/${a.name}`, a.id]));
    for (let i = 0; i < 410; i++) {
      for (const namespace of ["ns", "ns.x"]) {
        const name = `${random() < 0.5 ? "t" : "x"}${i}`;
        expect(evaluator.assetNamed(namespace, name)?.id, `${namespace}/${name}`).toBe(names.get(`${namespace}/${name}`));
      }
    }
    expect(evaluator.assetNamed("ns", "t0")?.id).toBe(names.get("ns/t0"));
    const ids = [...assets.keys(), "a39", "nope"];
    for (const from of ids) {
      for (const to of ids) {
        const expected = edges.get(`${from}>${to}`);
        const found = evaluator.edgeBetween(from, to);
        expect(found ? { from: found.from, to: found.to, lastSeen: found.lastSeen } : undefined, `${from} → ${to}`).toEqual(expected);
      }
    }
    expect(edges.size).toBeGreaterThan(5);
    expect(assets.size).toBeGreaterThan(5);
    // the counts an evaluation run stores, kept without a scan of the tables
    const { state } = evaluator.evaluation;
    expect(state.assetIndex.size).toBe(assets.size);
    expect(state.presentEdgeCount).toBe(edges.size);
  });
});
