import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWorld } from "../world/parse.ts";
import type { World, WorldInput } from "../world/schema.ts";
import { dryRun } from "./dry-run.ts";
import { evaluate, type Violation } from "./evaluate.ts";
import { IncrementalEvaluator, type TrialChange } from "./incremental.ts";
import { AT, changeIntentArb, resolveChange, worldArb } from "./test-worlds.ts";

function parsed(input: WorldInput): World {
  const result = parseWorld(input);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return result.world;
}

const identity = (v: Violation) => JSON.stringify([v.kind, v.asset, v.edge]);
const plain = (v: Violation) => ({ kind: v.kind, asset: v.asset, edge: v.edge, zone: v.zone, categories: v.categories, explanation: v.explanation, path: v.path });
const byIdentity = (list: Violation[]) => [...list].map(plain).sort((a, b) => (identity(a) < identity(b) ? -1 : 1));

/** The diff of two full evaluations, the answer a dry run must give. */
function fullDiff(before: World, after: World) {
  const was = new Map(evaluate(before, { at: AT }).explainAll().map((v) => [identity(v), v]));
  const now = new Map(evaluate(after, { at: AT }).explainAll().map((v) => [identity(v), v]));
  return {
    resolves: byIdentity([...was.values()].filter((v) => !now.has(identity(v)))),
    opens: byIdentity([...now.values()].filter((v) => !was.has(identity(v)))),
    changes: byIdentity([...now.values()].filter((v) => was.has(identity(v)) && JSON.stringify(was.get(identity(v))!.categories) !== JSON.stringify(v.categories))),
  };
}

const trialArb = changeIntentArb.filter((intent) => intent.type === "putSanctionedPath" || intent.type === "removeSanctionedPath" || intent.type === "putZone");

describe("dry runs", () => {
  it("answer exactly the diff of two full evaluations, and leave the state as it was", () => {
    fc.assert(
      fc.property(worldArb, fc.array(changeIntentArb, { maxLength: 3 }), trialArb, (input, history, intent) => {
        const evaluator = new IncrementalEvaluator(parsed(input), { at: AT });
        for (const earlier of history) {
          const change = resolveChange(earlier, evaluator.world());
          if (change !== null) evaluator.apply(change);
        }
        const change = resolveChange(intent, evaluator.world()) as TrialChange | null;
        if (change === null) return;
        const before = evaluator.world();
        const listed = evaluator.evaluation.violations;
        const violationsBefore = evaluator.evaluation.explainAll();

        const dry = dryRun(evaluator, change, { explainAtMost: Infinity });

        // the state is untouched: same world (an undone removal re-lists its path last), same violations, and a list read before stays readable
        const sortedPaths = (w: World) => ({ ...w, sanctionedPaths: [...w.sanctionedPaths].sort((a, b) => (a.id < b.id ? -1 : 1)) });
        expect(sortedPaths(evaluator.world())).toEqual(sortedPaths(before));
        expect(evaluator.evaluation.explainAll()).toEqual(violationsBefore);
        expect(listed.map(plain)).toEqual(violationsBefore.map(plain));

        const tried = new IncrementalEvaluator(before, { at: AT });
        tried.apply(change);
        const expected = fullDiff(before, tried.world());
        expect({ resolves: byIdentity(dry.resolves), opens: byIdentity(dry.opens), changes: byIdentity(dry.changes.map((c) => c.violation)) }).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  const world = parsed({
    zones: [
      { id: "ads", name: "Ads", color: "#2563eb", allow: [{ category: "user" }], purposes: ["marketing.advertising"] },
      { id: "recs", name: "Recs", color: "#16a34a", allow: [{ category: "user.behavior" }], purposes: ["personalize.content"] },
    ],
    assets: [
      { id: "purchases", namespace: "w", name: "purchases", kind: "table", zone: "ads", labels: [{ category: "user.behavior.purchase_history", qualifier: "identified" }, { category: "user.contact.email", qualifier: "identified" }] },
      { id: "affinity", namespace: "j", name: "affinity", kind: "batch_job", zone: "recs", purpose: "personalize.content" },
    ],
    edges: [{ from: "purchases", to: "affinity" }],
    sanctionedPaths: [],
  });
  const request = (categories: string[], purpose: string | null = null) =>
    ({ kind: "putSanctionedPath", path: { id: "req", from: "ads", to: "recs", categories, purpose, status: "approved" } }) as const;

  it("a path for one of two flowing categories leaves the crossing red and names the category it lacks", () => {
    const dry = dryRun(new IncrementalEvaluator(world, { at: AT }), request(["user.behavior"]));
    expect(dry.resolves).toEqual([]);
    expect(dry.changes.map((c) => [c.before, c.violation.categories])).toEqual([[["user.behavior.purchase_history", "user.contact.email"].sort(), ["user.contact.email"]]]);
    expect(dry.unresolved).toHaveLength(1);
    expect(dry.unresolved[0].reasons.join("; ")).toMatch(/user\.contact\.email is not among the path's categories/);
  });

  it("a path that lets everything cross still leaves the edge red when the receiving zone forbids a category", () => {
    const dry = dryRun(new IncrementalEvaluator(world, { at: AT }), request(["user"]));
    expect(dry.resolves.map((v) => v.kind)).toEqual(["unsanctioned_crossing"]);
    expect(dry.unresolved[0].reasons.join("; ")).toMatch(/Recs's rules do not allow user\.contact\.email \(identified\): a path lets data cross, it does not make the zone allow it/);
  });

  it("a path for another purpose does not apply, and says so", () => {
    const dry = dryRun(new IncrementalEvaluator(world, { at: AT }), request(["user"], "marketing.advertising"));
    expect(dry.resolves).toEqual([]);
    expect(dry.unresolved[0].reasons[0]).toMatch(/the path is for marketing\.advertising, which does not cover affinity's purpose personalize\.content/);
  });

  it("revoking an approved path re-opens the crossing it allowed", () => {
    const evaluator = new IncrementalEvaluator({ ...world, sanctionedPaths: [] }, { at: AT });
    evaluator.apply(request(["user"]));
    const dry = dryRun(evaluator, { kind: "putSanctionedPath", path: { ...evaluator.world().sanctionedPaths[0], status: "revoked" } });
    expect(dry.opens.map((v) => [v.kind, v.edge])).toEqual([["unsanctioned_crossing", { from: "purchases", to: "affinity" }]]);
    expect(dry.opens[0].explanation).toMatch(/no approved sanctioned path from Ads to Recs/);
  });

  it("explains at most the first few of each list, and counts them all", () => {
    const evaluator = new IncrementalEvaluator({ ...world, sanctionedPaths: [] }, { at: AT });
    evaluator.apply(request(["user"]));
    const dry = dryRun(evaluator, { kind: "putSanctionedPath", path: { ...evaluator.world().sanctionedPaths[0], status: "revoked" } }, { explainAtMost: 0 });
    expect(dry.opens.map((v) => [v.edge, v.categories, v.explanation, v.path])).toEqual([[{ from: "purchases", to: "affinity" }, ["user.behavior.purchase_history", "user.contact.email"].sort(), "", []]]);
  });
});
