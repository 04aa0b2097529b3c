import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWorld } from "../world/parse.ts";
import type { World, WorldInput } from "../world/schema.ts";
import { evaluate, type Evaluation } from "./evaluate.ts";
import { IncrementalEvaluator } from "./incremental.ts";
import { referenceEvaluate } from "./reference.ts";
import { AT, changeIntentArb, resolveChange, worldArb } from "./test-worlds.ts";

function parsed(input: WorldInput): World {
  const result = parseWorld(input);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return result.world;
}

/** Everything an evaluation answers, as plain data. */
function snapshot(evaluation: Evaluation, world: World) {
  return {
    violations: evaluation.violations.map((v) => ({ ...v })),
    labels: Object.fromEntries([...world.assets].map((a) => [a.id, evaluation.labelsOf(a.id)])),
  };
}

describe("engine properties on random worlds with cycles", () => {
  it("agrees with the naive reference implementation of the semantics", () => {
    fc.assert(
      fc.property(worldArb, (input) => {
        const world = parsed(input);
        const evaluation = evaluate(world, { at: AT });
        const reference = referenceEvaluate(world, AT);
        expect(evaluation.violations.map(({ kind, asset, edge, zone, categories, path }) => ({ kind, asset, edge, zone, categories, path }))).toEqual(
          reference.violations,
        );
        for (const asset of world.assets) {
          expect(evaluation.labelsOf(asset.id).map(({ label, path }) => ({ label, path }))).toEqual(reference.labels.get(asset.id));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("explains every violation in one bulk pass exactly as one search per violation does", () => {
    fc.assert(
      fc.property(worldArb, fc.array(changeIntentArb, { maxLength: 4 }), (input, intents) => {
        const incremental = new IncrementalEvaluator(parsed(input), { at: AT });
        // After changes too: the bulk pass must follow incremental overrides of the adjacency.
        for (const intent of intents) {
          const change = resolveChange(intent, incremental.world());
          if (change !== null) incremental.apply(change);
        }
        const evaluation = incremental.evaluation;
        const oneByOne = evaluation.violations.map((v) => ({ ...v }));
        expect(evaluation.explainAll()).toEqual(oneByOne);
        const reference = referenceEvaluate(incremental.world(), AT);
        expect(evaluation.explainAll().map((v) => v.path)).toEqual(reference.violations.map((v) => v.path));
      }),
      { numRuns: 300 },
    );
  });

  it("terminates and is deterministic (same world in another order → same answer)", () => {
    fc.assert(
      fc.property(worldArb, (input) => {
        const world = parsed(input);
        const shuffled: World = { ...world, assets: [...world.assets].reverse(), edges: [...world.edges].reverse(), zones: [...world.zones].reverse() };
        expect(snapshot(evaluate(shuffled, { at: AT }), world)).toEqual(snapshot(evaluate(world, { at: AT }), world));
      }),
      { numRuns: 150 },
    );
  });

  it("incremental evaluation equals a full evaluation after every random change", () => {
    fc.assert(
      fc.property(worldArb, fc.array(changeIntentArb, { minLength: 1, maxLength: 12 }), (input, intents) => {
        const incremental = new IncrementalEvaluator(parsed(input), { at: AT });
        for (const intent of intents) {
          const change = resolveChange(intent, incremental.world());
          if (change === null) continue;
          incremental.apply(change);
          const current = incremental.world();
          expect(snapshot(incremental.evaluation, current)).toEqual(snapshot(evaluate(current, { at: AT }), current));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("approving a path never adds a violation; revoking one never removes one", () => {
    /** Violations by subject → their categories. */
    const bySubject = (w: World) =>
      new Map(evaluate(w, { at: AT }).violations.map((v) => [JSON.stringify([v.kind, v.asset, v.edge]), v.categories]));
    /** Every violation of `smaller` is one of `larger`, with no category `larger` lacks. */
    const expectContained = (smaller: Map<string, string[]>, larger: Map<string, string[]>) => {
      for (const [subject, categories] of smaller) {
        expect(larger.has(subject)).toBe(true);
        expect(larger.get(subject)).toEqual(expect.arrayContaining(categories));
      }
    };
    fc.assert(
      fc.property(worldArb, fc.nat(), (input, pick) => {
        const world = parsed(input);
        if (world.sanctionedPaths.length === 0) return;
        const index = pick % world.sanctionedPaths.length;
        const withStatus = (status: "approved" | "revoked"): World => ({
          ...world,
          sanctionedPaths: world.sanctionedPaths.map((p, i) => (i === index ? { ...p, status } : p)),
        });
        const before = bySubject(world);
        expectContained(bySubject(withStatus("approved")), before);
        expectContained(before, bySubject(withStatus("revoked")));
      }),
      { numRuns: 200 },
    );
  });

  it("removing an edge never adds a category_not_permitted", () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), (input, pick) => {
        const world = parsed(input);
        if (world.edges.length === 0) return;
        const without: World = { ...world, edges: world.edges.filter((_, i) => i !== pick % world.edges.length) };
        const before = new Map(
          evaluate(world, { at: AT })
            .violations.filter((v) => v.kind === "category_not_permitted")
            .map((v) => [v.asset, v.categories]),
        );
        for (const v of evaluate(without, { at: AT }).violations.filter((v) => v.kind === "category_not_permitted")) {
          expect(before.get(v.asset)).toEqual(expect.arrayContaining(v.categories));
        }
      }),
      { numRuns: 200 },
    );
  });
});
