// One test per clause of DESIGN.md "Semantics", each on a tiny named world.
import { describe, expect, it } from "vitest";
import { parseWorld } from "../world/parse.ts";
import type { World, WorldInput } from "../world/schema.ts";
import { admit, AdmissionRequestError } from "./admit.ts";
import { evaluate } from "./evaluate.ts";
import { explain } from "./explain.ts";
import { applyTransforms } from "./transforms.ts";

const AT = new Date("2026-06-01T00:00:00Z");

function world(input: WorldInput): World {
  const result = parseWorld(input);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return result.world;
}

const zone = (id: string, allow: WorldInput["zones"] extends (infer Z)[] | undefined ? Z extends { allow: infer A } ? A : never : never, purposes: string[] = [], mode: "enforcing" | "logging" = "enforcing") => ({
  id,
  name: `Zone ${id}`,
  color: "#000000",
  allow,
  purposes,
  mode,
});
const asset = (id: string, more: Record<string, unknown> = {}) => ({ id, namespace: "ns", name: id, kind: "table" as const, ...more });
const L = (category: string, qualifier: "identified" | "pseudonymized" | "aggregated" = "identified", consented = false) => ({ category, qualifier, consented });

function labelsOf(w: World, id: string) {
  return evaluate(w, { at: AT }).labelsOf(id).map((l) => l.label);
}

describe("1. transforms", () => {
  const labels = [L("user.contact.email"), L("user.behavior", "pseudonymized", true), L("user.behavior", "aggregated")];
  it("aggregate sets every qualifier to aggregated", () => {
    expect(applyTransforms(labels, ["aggregate"])).toEqual([L("user.contact.email", "aggregated"), L("user.behavior", "aggregated", true), L("user.behavior", "aggregated")]);
  });
  it("pseudonymize raises identified to pseudonymized and leaves the others", () => {
    expect(applyTransforms(labels, ["pseudonymize"])).toEqual([L("user.contact.email", "pseudonymized"), L("user.behavior", "pseudonymized", true), L("user.behavior", "aggregated")]);
  });
  it("filter_consented keeps only consented labels", () => {
    expect(applyTransforms(labels, ["filter_consented"])).toEqual([L("user.behavior", "pseudonymized", true)]);
  });
  it("drop:X removes the labels whose category X covers", () => {
    expect(applyTransforms(labels, ["drop:user.contact"])).toEqual([L("user.behavior", "pseudonymized", true), L("user.behavior", "aggregated")]);
  });
  it("the engine applies an edge's transforms in order", () => {
    const w = world({
      assets: [asset("src", { labels: [L("user.contact.email"), L("user.behavior", "identified", true)] }), asset("dst")],
      edges: [{ from: "src", to: "dst", transforms: ["pseudonymize", "filter_consented", "drop:user.contact"] }],
    });
    expect(labelsOf(w, "dst")).toEqual([L("user.behavior", "pseudonymized", true)]);
  });
});

describe("2. effective labels", () => {
  it("are the declared labels plus what every incoming edge brings", () => {
    const w = world({
      assets: [asset("a", { labels: [L("user.contact.email")] }), asset("b", { labels: [L("user.behavior")] }), asset("c", { labels: [L("user.device")] })],
      edges: [{ from: "a", to: "c" }, { from: "b", to: "c", transforms: ["aggregate"] }],
    });
    expect(labelsOf(w, "c")).toEqual([L("user.behavior", "aggregated"), L("user.contact.email"), L("user.device")]);
  });
  it("reach the least fixpoint around a cycle and terminate", () => {
    const w = world({
      assets: [asset("a", { labels: [L("user.contact.email")] }), asset("b"), asset("c"), asset("island")],
      edges: [{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "a", transforms: ["aggregate"] }, { from: "island", to: "island" }],
    });
    expect(labelsOf(w, "a")).toEqual([L("user.contact.email"), L("user.contact.email", "aggregated")]);
    expect(labelsOf(w, "b")).toEqual([L("user.contact.email"), L("user.contact.email", "aggregated")]);
    expect(labelsOf(w, "island")).toEqual([]); // a cycle does not invent labels
  });
  it("compare labels as whole triples: the same category identified and aggregated are two labels", () => {
    const w = world({
      assets: [asset("raw", { labels: [L("user.behavior")] }), asset("agg", { labels: [L("user.behavior", "aggregated")] }), asset("both")],
      edges: [{ from: "raw", to: "both" }, { from: "agg", to: "both" }],
    });
    expect(labelsOf(w, "both")).toEqual([L("user.behavior"), L("user.behavior", "aggregated")]);
  });
});

describe("3. provenance", () => {
  it("a declared label's path is the declaring asset alone", () => {
    const w = world({ assets: [asset("a", { labels: [L("user.behavior")] })] });
    expect(evaluate(w, { at: AT }).labelsOf("a")).toEqual([{ label: L("user.behavior"), origin: { asset: "a", label: L("user.behavior") }, path: ["a"] }]);
  });
  it("takes the shortest path (fewest edges) and remembers the label before transforms", () => {
    const w = world({
      assets: [asset("src", { labels: [L("user.behavior")] }), asset("m1"), asset("m2"), asset("dst")],
      edges: [{ from: "src", to: "m1" }, { from: "m1", to: "m2" }, { from: "m2", to: "dst", transforms: ["aggregate"] }, { from: "src", to: "dst", transforms: ["aggregate"] }],
    });
    expect(evaluate(w, { at: AT }).labelsOf("dst")).toEqual([{ label: L("user.behavior", "aggregated"), origin: { asset: "src", label: L("user.behavior") }, path: ["src", "dst"] }]);
  });
  it("breaks ties by comparing the paths' asset ids in order, from the source", () => {
    const w = world({
      assets: [asset("s_b", { labels: [L("user.behavior")] }), asset("s_a", { labels: [L("user.behavior")] }), asset("z"), asset("y"), asset("dst")],
      // s_b → y → dst and s_a → z → dst are both two edges: s_a < s_b decides, though y < z.
      edges: [{ from: "s_b", to: "y" }, { from: "y", to: "dst" }, { from: "s_a", to: "z" }, { from: "z", to: "dst" }],
    });
    expect(evaluate(w, { at: AT }).labelsOf("dst")[0].path).toEqual(["s_a", "z", "dst"]);
  });
  it("with the same source, the smaller next asset wins", () => {
    const w = world({
      assets: [asset("src", { labels: [L("user.behavior")] }), asset("m2"), asset("m1"), asset("dst")],
      edges: [{ from: "src", to: "m2" }, { from: "m2", to: "dst" }, { from: "src", to: "m1" }, { from: "m1", to: "dst" }],
    });
    expect(evaluate(w, { at: AT }).labelsOf("dst")[0].path).toEqual(["src", "m1", "dst"]);
  });
});

describe("4. permitted", () => {
  const base = (allow: { category: string; minQualifier?: "identified" | "pseudonymized" | "aggregated"; requireConsent?: boolean }[], labels: ReturnType<typeof L>[]) =>
    world({ zones: [zone("z", allow, ["marketing"])], assets: [asset("a", { zone: "z", labels })] });
  const kinds = (w: World) => evaluate(w, { at: AT }).violations.map((v) => v.kind);

  it("a rule whose category covers the label's permits it", () => {
    expect(kinds(base([{ category: "user" }], [L("user.contact.email")]))).toEqual([]);
  });
  it("a rule on a child category does not permit its parent", () => {
    expect(kinds(base([{ category: "user.contact.email" }], [L("user.contact")]))).toEqual(["category_not_permitted"]);
  });
  it("the label's qualifier must be at least the rule's minQualifier", () => {
    expect(kinds(base([{ category: "user", minQualifier: "pseudonymized" }], [L("user.behavior", "pseudonymized")]))).toEqual([]);
    expect(kinds(base([{ category: "user", minQualifier: "pseudonymized" }], [L("user.behavior", "identified")]))).toEqual(["category_not_permitted"]);
  });
  it("a rule that requires consent permits only consented labels", () => {
    expect(kinds(base([{ category: "user", requireConsent: true }], [L("user.behavior", "identified", true)]))).toEqual([]);
    expect(kinds(base([{ category: "user", requireConsent: true }], [L("user.behavior", "identified", false)]))).toEqual(["category_not_permitted"]);
  });
  it("a purpose is permitted when an allowed purpose of the zone covers it", () => {
    const w = world({ zones: [zone("z", [], ["marketing"])], assets: [asset("ok", { zone: "z", purpose: "marketing.advertising" }), asset("bad", { zone: "z", purpose: "analytics" })] });
    expect(evaluate(w, { at: AT }).violations.map((v) => [v.kind, v.asset])).toEqual([["purpose_not_permitted", "bad"]]);
  });
});

describe("5. violations", () => {
  const ads = zone("ads", [{ category: "user" }], ["marketing.advertising"]);
  const reporting = zone("reporting", [{ category: "user", minQualifier: "aggregated" }], ["analytics.reporting"]);
  const crossingWorld = (paths: WorldInput["sanctionedPaths"], target: Record<string, unknown> = { zone: "reporting" }, transforms: string[] = []) =>
    world({
      zones: [ads, reporting, zone("empty", [{ category: "user" }], [])],
      assets: [asset("events", { zone: "ads", labels: [L("user.behavior.purchase_history"), L("user.contact.email")] }), asset("report", target)],
      edges: [{ from: "events", to: "report", transforms }],
      sanctionedPaths: paths,
    });
  const crossings = (w: World) => evaluate(w, { at: AT }).violations.filter((v) => v.kind === "unsanctioned_crossing");
  const approved = { id: "p", from: "ads", to: "reporting", categories: ["user"], status: "approved" as const };

  it("category_not_permitted lists the offending categories, sorted and unique", () => {
    const w = world({
      zones: [zone("z", [{ category: "user.behavior" }])],
      assets: [asset("a", { zone: "z", labels: [L("user.device"), L("user.contact.email"), L("user.contact.email", "aggregated"), L("user.behavior")] })],
    });
    const [v] = evaluate(w, { at: AT }).violations;
    expect(v).toMatchObject({ kind: "category_not_permitted", asset: "a", edge: null, zone: "z", categories: ["user.contact.email", "user.device"], path: ["a"] });
  });
  it("purpose_not_permitted has no categories and names the asset's zone", () => {
    const w = world({ zones: [ads], assets: [asset("job", { zone: "ads", purpose: "personalize.content" })] });
    expect(evaluate(w, { at: AT }).violations).toMatchObject([{ kind: "purpose_not_permitted", asset: "job", zone: "ads", categories: [], path: ["job"] }]);
  });
  it("an edge into another zone without a sanctioned path is an unsanctioned crossing of the zone it leaves", () => {
    const [v] = crossings(crossingWorld([], { zone: "reporting" }, ["aggregate"]));
    expect(v).toMatchObject({ asset: null, edge: { from: "events", to: "report" }, zone: "ads", categories: ["user.behavior.purchase_history", "user.contact.email"], path: ["events", "report"] });
    expect(v.explanation).toContain("no approved sanctioned path from Zone ads to Zone reporting allows");
  });
  it("an approved path covering the flowing categories sanctions the crossing", () => {
    expect(crossings(crossingWorld([approved], { zone: "reporting" }))).toEqual([]);
  });
  it("a path allows only the categories it covers; the rest are listed", () => {
    expect(crossings(crossingWorld([{ ...approved, categories: ["user.behavior"] }]))[0].categories).toEqual(["user.contact.email"]);
  });
  it("different categories may be allowed by different paths", () => {
    const w = crossingWorld([{ ...approved, id: "p1", categories: ["user.behavior"] }, { ...approved, id: "p2", categories: ["user.contact"] }]);
    expect(crossings(w)).toEqual([]);
    expect(evaluate(w, { at: AT }).sanctionedPathsFor("events", "report")).toEqual(["p1", "p2"]);
    expect(evaluate(w, { at: AT }).edgeVerdict("events", "report")).toBe("violation"); // identified data is not permitted in reporting
  });
  for (const status of ["pending", "rejected", "revoked"] as const) {
    it(`a ${status} path does not cover a crossing`, () => {
      expect(crossings(crossingWorld([{ ...approved, status }]))).toHaveLength(1);
    });
  }
  it("a path expires when expiresAt ≤ at", () => {
    expect(crossings(crossingWorld([{ ...approved, expiresAt: AT.toISOString() }]))).toHaveLength(1);
    expect(crossings(crossingWorld([{ ...approved, expiresAt: "2026-06-01T00:00:00.001Z" }]))).toHaveLength(0);
  });
  it("a path from another zone or to another zone does not apply", () => {
    expect(crossings(crossingWorld([{ ...approved, to: "empty" }]))).toHaveLength(1);
    expect(crossings(crossingWorld([{ ...approved, from: "reporting", to: "ads" }]))).toHaveLength(1);
  });
  it("a purpose-specific path applies when its purpose covers v's purpose", () => {
    expect(crossings(crossingWorld([{ ...approved, purpose: "analytics" }], { zone: "reporting", purpose: "analytics.reporting" }))).toHaveLength(0);
    expect(crossings(crossingWorld([{ ...approved, purpose: "analytics.reporting" }], { zone: "reporting", purpose: "analytics" }))).toHaveLength(1);
  });
  it("where v has no purpose, a purpose-specific path must cover every purpose of v's zone", () => {
    expect(crossings(crossingWorld([{ ...approved, purpose: "analytics" }], { zone: "reporting" }))).toHaveLength(0);
    expect(crossings(crossingWorld([{ ...approved, purpose: "marketing" }], { zone: "reporting" }))).toHaveLength(1);
  });
  it("a purpose-specific path never applies to a v without purpose in a zone that lists no purposes", () => {
    expect(crossings(crossingWorld([{ ...approved, to: "empty", purpose: "analytics" }], { zone: "empty" }))).toHaveLength(1);
    expect(crossings(crossingWorld([{ ...approved, to: "empty" }], { zone: "empty" }))).toHaveLength(0);
  });
  it("a crossing out of all zones needs a path to null", () => {
    expect(crossings(crossingWorld([], {}))[0].explanation).toContain("outside all zones");
    expect(crossings(crossingWorld([{ ...approved, to: null }], {}))).toHaveLength(0);
    expect(crossings(crossingWorld([{ ...approved, to: null, purpose: "analytics" }], {}))).toHaveLength(1);
  });
  it("data entering a zone from an unzoned asset is not a crossing, but the zone's rules still apply", () => {
    const w = world({
      zones: [reporting],
      assets: [asset("raw", { labels: [L("user.behavior")] }), asset("report", { zone: "reporting" })],
      edges: [{ from: "raw", to: "report" }],
    });
    expect(evaluate(w, { at: AT }).violations.map((v) => v.kind)).toEqual(["category_not_permitted"]);
  });
  it("a category that a transform drops does not flow along the edge", () => {
    expect(crossings(crossingWorld([{ ...approved, categories: ["user.behavior"] }], { zone: "reporting" }, ["drop:user.contact"]))).toEqual([]);
  });
  it("a sanctioned path lets data cross but does not make the receiving zone allow it", () => {
    const kinds = evaluate(crossingWorld([approved]), { at: AT }).violations.map((v) => v.kind);
    expect(kinds).toEqual(["category_not_permitted"]);
  });
  it("violations are sorted by kind, then asset id, then edge, by code point", () => {
    const w = world({
      zones: [zone("z", [], ["analytics"])],
      assets: [
        asset("b", { zone: "z", labels: [L("user.behavior")], purpose: "marketing" }),
        asset("a", { zone: "z", purpose: "marketing" }),
        asset("\u{1F600}", { zone: "z", labels: [L("user.behavior")] }),
        asset("\uFF21", { zone: "z", labels: [L("user.behavior")] }),
        asset("out2"),
        asset("out1"),
      ],
      edges: [{ from: "b", to: "out2" }, { from: "b", to: "out1" }],
    });
    expect(evaluate(w, { at: AT }).violations.map((v) => [v.kind, v.asset ?? `${v.edge!.from}>${v.edge!.to}`])).toEqual([
      ["category_not_permitted", "b"],
      ["category_not_permitted", "\uFF21"],
      ["category_not_permitted", "\u{1F600}"],
      ["purpose_not_permitted", "a"],
      ["purpose_not_permitted", "b"],
      ["unsanctioned_crossing", "b>out1"],
      ["unsanctioned_crossing", "b>out2"],
    ]);
  });
  it("the explanation names the label, the zones and the path a reviewer can follow", () => {
    const w = world({
      zones: [ads, zone("recs", [{ category: "user" }], ["personalize.content"])],
      assets: [asset("purchase_events", { zone: "ads", labels: [L("user.behavior.purchase_history")] }), asset("recs_candidates", { zone: "recs" })],
      edges: [{ from: "purchase_events", to: "recs_candidates" }],
    });
    expect(evaluate(w, { at: AT }).violations[0].explanation).toBe(
      "user.behavior.purchase_history (identified) reached Zone recs from purchase_events via purchase_events → recs_candidates; " +
        "no approved sanctioned path from Zone ads to Zone recs allows user.behavior.purchase_history",
    );
  });
  it("explain gives an asset's labels with provenance, its violations and the crossings into or out of it", () => {
    const w = crossingWorld([]);
    const explanation = explain(evaluate(w, { at: AT }), { asset: "report" });
    expect(explanation.labels.map((l) => l.path)).toEqual([["events", "report"], ["events", "report"]]);
    expect(explanation.violations.map((v) => v.kind)).toEqual(["category_not_permitted", "unsanctioned_crossing"]);
    const source = explain(evaluate(w, { at: AT }), { asset: "events" });
    expect(source.violations.map((v) => [v.kind, v.edge])).toEqual([["unsanctioned_crossing", { from: "events", to: "report" }]]);
    const edge = explain(evaluate(w, { at: AT }), { edge: { from: "events", to: "report" } });
    expect(edge).toMatchObject({ verdict: "violation", sanctionedBy: [] });
    expect(edge.violations.map((v) => v.kind)).toEqual(["unsanctioned_crossing"]);
  });
});

describe("6. admission", () => {
  const w = world({
    zones: [
      zone("ads", [{ category: "user" }], ["marketing.advertising"]),
      zone("training", [{ category: "user", minQualifier: "aggregated", requireConsent: true }], ["train_ai_system"]),
      zone("trial", [{ category: "user", minQualifier: "aggregated" }], ["train_ai_system"], "logging"),
    ],
    assets: [
      asset("interactions", { zone: "ads", labels: [L("user.behavior", "identified", true), L("user.contact.email")] }),
      asset("clean", { zone: "training", labels: [L("user.behavior", "aggregated", true)] }),
      asset("trainer", { kind: "training_job", zone: "training", purpose: "train_ai_system" }),
      asset("trial_data", { zone: "trial", labels: [L("user.behavior", "aggregated")] }),
    ],
    sanctionedPaths: [{ id: "p", from: "ads", to: "training", categories: ["user.behavior"], status: "approved", purpose: "train_ai_system" }],
  });
  it("allows a job whose inputs are permitted in its zone for a permitted purpose", () => {
    expect(admit(w, { job: "trainer", purpose: "train_ai_system", inputs: ["clean"], at: AT })).toEqual({ allowed: true, reasons: [] });
  });
  it("denies with one reason per kind and input, sorted, when the job's zone forbids them", () => {
    const answer = admit(w, { job: "trainer", purpose: "marketing", inputs: ["interactions", "clean"], at: AT });
    expect(answer.allowed).toBe(false);
    expect(answer.reasons.map((r) => [r.kind, r.input, r.zone, r.enforced, r.categories])).toEqual([
      ["category_not_permitted", "interactions", "training", true, ["user.behavior", "user.contact.email"]],
      ["purpose_not_permitted", null, "training", true, []],
      ["unsanctioned_crossing", "interactions", "ads", true, ["user.behavior", "user.contact.email"]],
    ]);
    expect(answer.reasons[0].path).toEqual(["interactions", "trainer"]);
  });
  it("the job plays v: a purpose-specific path applies only for the purpose asked", () => {
    const crossing = (purpose: string) => admit(w, { job: "trainer", purpose, inputs: ["interactions"], at: AT }).reasons.find((r) => r.kind === "unsanctioned_crossing")!;
    expect(crossing("train_ai_system").categories).toEqual(["user.contact.email"]);
    expect(crossing("marketing").categories).toEqual(["user.behavior", "user.contact.email"]);
  });
  it("a reason in a logging zone is recorded but not enforced", () => {
    const logged = admit(w, { job: "new_job", zone: "trial", purpose: "analytics", inputs: ["trial_data"], at: AT });
    expect(logged).toMatchObject({ allowed: true, reasons: [{ kind: "purpose_not_permitted", zone: "trial", enforced: false }] });
    // A crossing is enforced by the zone it leaves, whatever the job's zone.
    const crossing = admit(w, { job: "new_job", zone: "trial", purpose: "train_ai_system", inputs: ["clean"], at: AT });
    expect(crossing).toMatchObject({ allowed: false, reasons: [{ kind: "unsanctioned_crossing", zone: "training", enforced: true }] });
  });
  it("a job not in the world without a zone is unzoned: only crossings out of all zones apply", () => {
    const answer = admit(w, { job: "script", purpose: "analytics", inputs: ["clean"], at: AT });
    expect(answer.reasons.map((r) => [r.kind, r.zone])).toEqual([["unsanctioned_crossing", "training"]]);
  });
  it("the given zone overrides the job asset's zone", () => {
    expect(admit(w, { job: "trainer", zone: "ads", purpose: "marketing.advertising", inputs: ["interactions"], at: AT })).toEqual({ allowed: true, reasons: [] });
  });
  it("an unknown input, zone or purpose is an invalid request", () => {
    expect(() => admit(w, { job: "j", purpose: "nope", inputs: ["ghost"], zone: "nowhere", at: AT })).toThrow(AdmissionRequestError);
    try {
      admit(w, { job: "j", purpose: "nope", inputs: ["ghost"], zone: "nowhere", at: AT });
    } catch (error) {
      expect((error as AdmissionRequestError).errors).toEqual(['unknown purpose "nope"', 'unknown zone "nowhere"', 'unknown input "ghost"']);
    }
  });
});
