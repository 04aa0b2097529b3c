import { describe, expect, it } from "vitest";
import { generateWorld } from "../../bench/generate-world.ts";
import { evaluate } from "./evaluate.ts";

// The graph's side panel shows assets by name in its chips; the sentences beside them must too.
describe("explanations with assets named", () => {
  const world = generateWorld({ assets: 1500, edges: 5000, zones: 8, categories: 20, paths: 6, seed: 11 });
  // a purpose violation too: a job whose purpose its zone does not list
  const job = world.assets.find((a) => a.zone && a.kind === "batch_job")!;
  Object.assign(job, { purpose: "marketing.advertising.first_party" });
  // and data no zone allows, declared upstream so it reaches other assets along a path
  const allows = (zone: string, key: string) => world.zones.find((z) => z.id === zone)!.allow.some((r) => key === r.category || key.startsWith(`${r.category}.`));
  const source = world.assets.find((a) => a.zone && !allows(a.zone, "system.operations") && world.edges.some((e) => e.from === a.id))!;
  source.labels = [...source.labels, { category: "system.operations", qualifier: "identified", consented: false }];
  // names unlike ids (as in real worlds: a0000586 is "asset_586")
  world.assets.forEach((a, i) => Object.assign(a, { name: `${a.kind} ${i}` }));
  const evaluation = evaluate(world);
  const nameOf = new Map(world.assets.map((a) => [a.id, a.name]));
  const violations = evaluation.violations;

  it("names every asset a sentence mentions, and nothing else changes", () => {
    const kinds = new Set(violations.map((v) => v.kind));
    expect([...kinds].sort()).toEqual(["category_not_permitted", "purpose_not_permitted", "unsanctioned_crossing"]);
    let renamed = 0;
    for (const v of violations) {
      const named = evaluation.explanationNamed(v, (id) => nameOf.get(id)!);
      // the stored sentence with each asset id (asset_0042) replaced by its name (asset_42)
      const expected = v.explanation.replace(/asset_\d+/g, (id) => nameOf.get(id) ?? id);
      expect(named).toBe(expected);
      for (const id of [...v.path, v.asset, v.edge?.from, v.edge?.to]) {
        if (id && nameOf.get(id) !== id) expect(named).not.toMatch(new RegExp(`\\b${id}\\b`));
      }
      if (named !== v.explanation) renamed++;
    }
    // every sentence names at least one asset
    expect(renamed).toBe(violations.length);
  });

  it("with ids for names it is the stored sentence, word for word", () => {
    for (const v of violations.slice(0, 300)) expect(evaluation.explanationNamed(v, (id) => id)).toBe(v.explanation);
  });

  it("an asset outside all zones is named in a crossing's sentence", () => {
    const outside = violations.find((v) => v.kind === "unsanctioned_crossing" && v.explanation.includes("outside all zones"));
    if (!outside) return;
    expect(evaluation.explanationNamed(outside, (id) => `«${nameOf.get(id)}»`)).toContain(`«${nameOf.get(outside.edge!.to)}» outside all zones`);
  });
});
