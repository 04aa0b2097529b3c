// Explaining many violations at once (provenance.ts) must read exactly as
// explaining them one by one, and sentences stay short however many
// categories a violation has.
import { describe, expect, it } from "vitest";
import { parseWorld } from "../world/parse.ts";
import type { World, WorldInput } from "../world/schema.ts";
import { evaluate } from "./evaluate.ts";
import { IncrementalEvaluator } from "./incremental.ts";

const AT = new Date("2026-06-01T00:00:00Z");
const CATEGORIES = [
  "user.contact.address.city",
  "user.contact.address.country",
  "user.contact.email",
  "user.contact.fax_number",
  "user.contact.phone_number",
  "user.contact.url",
];

function world(input: WorldInput): World {
  const result = parseWorld(input);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return result.world;
}

/** A source in zone A with six contact categories feeding a chain of 40 assets in zone B, which allows none of them. */
function chainWorld(): World {
  const ids = Array.from({ length: 40 }, (_, i) => `sink_${String(i).padStart(2, "0")}`);
  return world({
    zones: [
      { id: "a", name: "Zone A", color: "#000000", allow: [{ category: "user.contact" }], purposes: [] },
      { id: "b", name: "Zone B", color: "#000000", allow: [], purposes: [] },
    ],
    assets: [
      {
        id: "source",
        namespace: "ns",
        name: "source",
        kind: "table",
        zone: "a",
        labels: CATEGORIES.map((category) => ({ category, qualifier: "identified", consented: false })),
      },
      ...ids.map((id) => ({ id, namespace: "ns", name: id, kind: "table" as const, zone: "b" })),
    ],
    edges: [
      { from: "source", to: ids[0] },
      ...ids.slice(1).map((id, i) => ({ from: ids[i], to: id })),
      { from: ids[39], to: ids[20] }, // a cycle: paths must still be the shortest
    ],
    sanctionedPaths: [],
  });
}

describe("explaining every violation", () => {
  it("reading every explanation (one search each, then one bulk pass) equals explainAll()", () => {
    const evaluation = evaluate(chainWorld(), { at: AT });
    const read = evaluation.violations.map((v) => ({ ...v }));
    expect(read.length).toBeGreaterThan(32);
    expect(evaluation.explainAll()).toEqual(read);
  });

  it("paths are shortest from the declaring asset", () => {
    const violations = evaluate(chainWorld(), { at: AT }).explainAll();
    const sink = violations.find((v) => v.asset === "sink_25")!;
    expect(sink.path).toEqual(["source", ...Array.from({ length: 26 }, (_, i) => `sink_${String(i).padStart(2, "0")}`)]);
  });

  it("a sentence names three other categories and counts the rest; `categories` stays complete", () => {
    const crossing = evaluate(chainWorld(), { at: AT }).explainAll().find((v) => v.kind === "unsanctioned_crossing")!;
    expect(crossing.categories).toEqual(CATEGORIES);
    expect(crossing.explanation).toBe(
      "user.contact.address.city (identified) (also user.contact.address.country, user.contact.email, user.contact.fax_number and 2 more categories) " +
        "reached Zone B from source via source → sink_00; no approved sanctioned path from Zone A to Zone B allows " +
        "user.contact.address.city, user.contact.address.country, user.contact.email and 3 more categories",
    );
  });

  it.each([1, 7, 64, 10_000])("chunks of %i, read in order, are explainAll()", (size) => {
    const evaluation = evaluate(chainWorld(), { at: AT });
    const chunks = [...evaluation.explainedViolations(size)];
    expect(chunks.every((chunk) => chunk.length > 0 && chunk.length <= size)).toBe(true);
    expect(chunks.flat()).toEqual(evaluation.explainAll());
  });

  it("a change to the world while its violations are being read in chunks is an error, not a mixed answer", () => {
    const incremental = new IncrementalEvaluator(chainWorld(), { at: AT });
    const chunks = incremental.evaluation.explainedViolations(8);
    expect(chunks.next().done).toBe(false);
    incremental.apply({ kind: "removeEdge", from: "source", to: "sink_00" });
    expect(() => chunks.next()).toThrow(/world changed/);
  });
});
