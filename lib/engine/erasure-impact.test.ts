import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWorld, type Label, type World, type WorldInput } from "../world/index.ts";
import { evaluate } from "./evaluate.ts";
import { erasureImpact, UnknownAssetError } from "./erasure-impact.ts";
import { AT, worldArb } from "./test-worlds.ts";
import { applyTransforms } from "./transforms.ts";

const table = (id: string, labels: WorldInput["assets"] extends (infer A)[] | undefined ? (A extends { labels?: infer L } ? L : never) : never = []) => ({ id, namespace: "w", name: id, kind: "table" as const, labels });
const email = { category: "user.contact.email", qualifier: "identified" as const };
const purchases = { category: "user.behavior.purchase_history", qualifier: "identified" as const };

function impactOf(input: WorldInput, source: string) {
  const parsed = parseWorld(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return erasureImpact(evaluate(parsed.world, { at: AT }).state, source);
}

/** asset → its categories, for short assertions */
const summary = (impact: ReturnType<typeof impactOf>) => Object.fromEntries(impact.reached.map((r) => [r.asset, r.categories.join(",")]));

describe("erasure impact", () => {
  it("follows a label downstream along plain edges, with the shortest path", () => {
    const impact = impactOf({ assets: [table("users", [email]), table("a"), table("b")], edges: [{ from: "users", to: "a" }, { from: "a", to: "b" }] }, "users");
    expect(impact.sourceLabels).toEqual([{ category: "user.contact.email", qualifier: "identified", consented: false }]);
    expect(impact.reached).toEqual([
      { asset: "a", distance: 1, path: ["users", "a"], pathLabel: { atSource: impact.sourceLabels[0], onArrival: impact.sourceLabels[0] }, labels: impact.sourceLabels, categories: ["user.contact.email"] },
      { asset: "b", distance: 2, path: ["users", "a", "b"], pathLabel: { atSource: impact.sourceLabels[0], onArrival: impact.sourceLabels[0] }, labels: impact.sourceLabels, categories: ["user.contact.email"] },
    ]);
  });

  it("aggregate does not erase the person's data: the label survives as aggregated, so the asset is listed", () => {
    const impact = impactOf({ assets: [table("users", [email]), table("daily")], edges: [{ from: "users", to: "daily", transforms: ["aggregate"] }] }, "users");
    expect(impact.reached).toMatchObject([{ asset: "daily", labels: [{ category: "user.contact.email", qualifier: "aggregated" }], pathLabel: { onArrival: { qualifier: "aggregated" } } }]);
  });

  it("pseudonymize keeps the label too, as pseudonymized", () => {
    const impact = impactOf({ assets: [table("users", [email]), table("hashed")], edges: [{ from: "users", to: "hashed", transforms: ["pseudonymize"] }] }, "users");
    expect(impact.reached).toMatchObject([{ asset: "hashed", labels: [{ category: "user.contact.email", qualifier: "pseudonymized" }] }]);
  });

  it("drop:<category> removes what it covers: an asset reached only by dropped labels is not listed, others keep the rest", () => {
    const onlyEmail = impactOf({ assets: [table("users", [email]), table("no_contact"), table("after")], edges: [{ from: "users", to: "no_contact", transforms: ["drop:user.contact"] }, { from: "no_contact", to: "after" }] }, "users");
    expect(onlyEmail.reached).toEqual([]);
    const both = impactOf({ assets: [table("users", [email, purchases]), table("no_contact")], edges: [{ from: "users", to: "no_contact", transforms: ["drop:user.contact"] }] }, "users");
    expect(summary(both)).toEqual({ no_contact: "user.behavior.purchase_history" });
  });

  it("filter_consented removes unconsented labels and keeps consented ones", () => {
    const impact = impactOf(
      { assets: [table("users", [email, { ...purchases, consented: true }]), table("consented_only")], edges: [{ from: "users", to: "consented_only", transforms: ["filter_consented"] }] },
      "users",
    );
    expect(summary(impact)).toEqual({ consented_only: "user.behavior.purchase_history" });
  });

  it("a label dropped on one path but surviving another reaches the asset, by the path where it survives", () => {
    // users → scrub (drops email) → sink, and users → copy → relay → sink keeps it: sink still holds the email
    const impact = impactOf(
      {
        assets: [table("users", [email]), table("scrub"), table("copy"), table("relay"), table("sink")],
        edges: [
          { from: "users", to: "scrub", transforms: ["drop:user.contact.email"] },
          { from: "scrub", to: "sink" },
          { from: "users", to: "copy" },
          { from: "copy", to: "relay" },
          { from: "relay", to: "sink" },
        ],
      },
      "users",
    );
    expect(summary(impact)).toEqual({ copy: "user.contact.email", relay: "user.contact.email", sink: "user.contact.email" });
    expect(impact.reached.find((r) => r.asset === "sink")).toMatchObject({ distance: 3, path: ["users", "copy", "relay", "sink"] });
  });

  it("reports every surviving label of an asset, including ones that only arrive by a longer path", () => {
    const impact = impactOf(
      {
        assets: [table("users", [email, purchases]), table("mid"), table("sink")],
        edges: [
          { from: "users", to: "sink", transforms: ["drop:user.contact"] },
          { from: "users", to: "mid" },
          { from: "mid", to: "sink", transforms: ["pseudonymize"] },
        ],
      },
      "users",
    );
    const sink = impact.reached.find((r) => r.asset === "sink")!;
    expect(sink).toMatchObject({ distance: 1, path: ["users", "sink"], categories: ["user.behavior.purchase_history", "user.contact.email"] });
    expect(sink.labels).toEqual([
      { category: "user.behavior.purchase_history", qualifier: "identified", consented: false },
      { category: "user.behavior.purchase_history", qualifier: "pseudonymized", consented: false },
      { category: "user.contact.email", qualifier: "pseudonymized", consented: false },
    ]);
  });

  it("is safe on cycles and does not list the source when data flows back into it", () => {
    const impact = impactOf(
      { assets: [table("users", [email]), table("a"), table("b")], edges: [{ from: "users", to: "a" }, { from: "a", to: "b" }, { from: "b", to: "a" }, { from: "b", to: "users", transforms: ["aggregate"] }] },
      "users",
    );
    expect(impact.reached.map((r) => r.asset)).toEqual(["a", "b"]);
  });

  it("lists only labels derived from the source, not the downstream asset's own", () => {
    const impact = impactOf({ assets: [table("users", [email]), table("orders", [purchases])], edges: [{ from: "users", to: "orders" }] }, "users");
    expect(summary(impact)).toEqual({ orders: "user.contact.email" });
  });

  it("follows the source's effective labels, also those it receives from upstream, and nothing upstream", () => {
    const impact = impactOf({ assets: [table("signup", [email]), table("users"), table("crm")], edges: [{ from: "signup", to: "users" }, { from: "users", to: "crm" }] }, "users");
    expect(impact.sourceLabels.map((l) => l.category)).toEqual(["user.contact.email"]);
    expect(impact.reached.map((r) => r.asset)).toEqual(["crm"]);
  });

  it("an unlabelled source reaches nothing; an unknown one is an error naming it", () => {
    expect(impactOf({ assets: [table("logs"), table("copy")], edges: [{ from: "logs", to: "copy" }] }, "logs").reached).toEqual([]);
    expect(() => impactOf({ assets: [table("logs")] }, "nope")).toThrow(new UnknownAssetError("nope"));
  });

  it("breaks ties between shortest paths by asset id, whatever order the edges came in", () => {
    const assets = [table("users", [email]), table("b_copy"), table("a_copy"), table("sink")];
    const edges = [{ from: "users", to: "b_copy" }, { from: "b_copy", to: "sink" }, { from: "users", to: "a_copy" }, { from: "a_copy", to: "sink" }];
    expect(impactOf({ assets, edges }, "users").reached.find((r) => r.asset === "sink")?.path).toEqual(["users", "a_copy", "sink"]);
    expect(impactOf({ assets, edges: [...edges].reverse() }, "users").reached.find((r) => r.asset === "sink")?.path).toEqual(["users", "a_copy", "sink"]);
  });
});

/**
 * The rule on plain label objects (transforms.ts, the engine's readable
 * reference): the least fixpoint of "labels at y ⊇ transforms(labels at x)"
 * seeded with the source's effective labels, and the fewest edges to reach each asset.
 */
function referenceImpact(world: World, source: string, sourceLabels: Label[]) {
  const key = (l: Label) => `${l.category}|${l.qualifier}|${l.consented}`;
  const held = new Map<string, Map<string, Label>>([[source, new Map(sourceLabels.map((l) => [key(l), l]))]]);
  const distance = new Map<string, number>([[source, 0]]);
  let frontier = new Map<string, Label[]>([[source, sourceLabels]]);
  for (let depth = 1; frontier.size > 0; depth++) {
    const next = new Map<string, Label[]>();
    for (const [x, labels] of frontier) {
      for (const edge of world.edges.filter((e) => e.from === x)) {
        const at = held.get(edge.to) ?? new Map<string, Label>();
        for (const label of applyTransforms(labels, edge.transforms)) {
          if (at.has(key(label))) continue;
          at.set(key(label), label);
          held.set(edge.to, at);
          next.set(edge.to, [...(next.get(edge.to) ?? []), label]);
          if (!distance.has(edge.to)) distance.set(edge.to, depth);
        }
      }
    }
    frontier = next;
  }
  held.delete(source);
  return Object.fromEntries([...held].filter(([, labels]) => labels.size > 0).map(([asset, labels]) => [asset, { distance: distance.get(asset), labels: [...labels.keys()].sort() }]));
}

describe("erasure impact on random worlds", () => {
  it("agrees with the plain-label reference of the transforms, and every reported path carries its label", () => {
    fc.assert(
      fc.property(worldArb, (input) => {
        const parsed = parseWorld(input);
        if (!parsed.ok) return;
        const evaluation = evaluate(parsed.world, { at: AT });
        for (const asset of parsed.world.assets) {
          const impact = erasureImpact(evaluation.state, asset.id);
          const key = (l: Label) => `${l.category}|${l.qualifier}|${l.consented}`;
          const got = Object.fromEntries(impact.reached.map((r) => [r.asset, { distance: r.distance, labels: r.labels.map(key).sort() }]));
          expect(got).toEqual(referenceImpact(parsed.world, asset.id, impact.sourceLabels));
          for (const entry of impact.reached) {
            // following the reported label along the reported path with the plain transforms gives the reported arrival
            let carried: Label[] = [entry.pathLabel.atSource];
            for (let i = 1; i < entry.path.length; i++) {
              const edge = parsed.world.edges.find((e) => e.from === entry.path[i - 1] && e.to === entry.path[i])!;
              carried = applyTransforms(carried, edge.transforms);
            }
            expect(carried).toEqual([entry.pathLabel.onArrival]);
            expect(entry.path.length).toBe(entry.distance + 1);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
