// The code-point order of asset ids that bulk explanations break ties with
// (state.ts assetRanks): kept up to date by merging in the assets a change
// adds, it must equal a fresh sort, and a duplicate (namespace, name) is still
// refused without scanning every asset.
import { describe, expect, it } from "vitest";
import { prng } from "../random.ts";
import { parseWorld } from "../world/parse.ts";
import { IncrementalEvaluator } from "./incremental.ts";

const asset = (id: string, name = id) => ({ id, namespace: "ns", name, kind: "table" as const });

function freshOrder(ids: readonly string[]): number[] {
  const codePoints = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
  const compare = (x: string, y: string) => {
    const a = codePoints(x);
    const b = codePoints(y);
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };
  return ids.map((_, a) => a).sort((a, b) => compare(ids[a], ids[b]) || a - b);
}

describe("asset ranks", () => {
  it("merging added assets into the known order equals sorting them all, removed and re-added ids included", () => {
    const random = prng(5);
    const id = () => `a${Math.floor(random() * 500)}${random() < 0.05 ? "\u{1F600}" : random() < 0.05 ? "\uFF21" : ""}`;
    const start = [...new Set(Array.from({ length: 200 }, id))];
    const parsed = parseWorld({ assets: start.map((a) => asset(a)) });
    if (!parsed.ok) throw new Error("world");
    const evaluator = new IncrementalEvaluator(parsed.world);
    const state = evaluator.evaluation.state;
    state.assetRanks();
    let named = 0;
    for (let round = 0; round < 30; round++) {
      for (let k = 0; k < 1 + Math.floor(random() * 5); k++) {
        const candidate = id();
        if (state.assetIndex.has(candidate)) evaluator.apply({ kind: "removeAsset", id: candidate });
        else evaluator.apply({ kind: "putAsset", asset: asset(candidate, `n${named++}`) });
      }
      const { byRank, rank } = state.assetRanks();
      const expected = freshOrder(state.assetIds.slice(0, state.assetCount));
      expect(Array.from(byRank)).toEqual(expected);
      for (let r = 0; r < byRank.length; r++) expect(rank[byRank[r]]).toBe(r);
    }
  });

  it("refuses a second asset with the same namespace and name, and frees a name when its asset goes or is renamed", () => {
    const parsed = parseWorld({ assets: [asset("x", "orders"), asset("y", "users")] });
    if (!parsed.ok) throw new Error("world");
    const evaluator = new IncrementalEvaluator(parsed.world);
    expect(() => evaluator.apply({ kind: "putAsset", asset: asset("z", "orders") })).toThrow(/duplicate namespace and name "ns" \/ "orders"/);
    evaluator.apply({ kind: "putAsset", asset: asset("x", "orders_v2") });
    evaluator.apply({ kind: "putAsset", asset: asset("z", "orders") });
    expect(() => evaluator.apply({ kind: "putAsset", asset: asset("w", "users") })).toThrow(/duplicate/);
    evaluator.apply({ kind: "removeAsset", id: "y" });
    evaluator.apply({ kind: "putAsset", asset: asset("w", "users") });
    expect(evaluator.evaluation.hasAsset("w")).toBe(true);
  });
});
