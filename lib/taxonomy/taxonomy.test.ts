import { describe, expect, it } from "vitest";
import { compareCodePoints, covers, dataSubject, defaultDataSubjects, defaultTaxonomy, Taxonomy } from "./index.ts";

describe("taxonomy", () => {
  it("loads fideslang's categories and data uses with their parents", () => {
    const { categories, purposes } = defaultTaxonomy();
    expect(categories.find((c) => c.key === "user.behavior.purchase_history")).toMatchObject({ parent: "user.behavior" });
    expect(purposes.find((p) => p.key === "train_ai_system")).toMatchObject({ parent: null });
  });
  it("loads fideslang's data subjects from their file", () => {
    expect(defaultDataSubjects().map((s) => s.key)).toContain("customer");
    expect(dataSubject("employee")).toMatchObject({ name: "Employee", parent: null });
    expect(dataSubject("user")).toBeUndefined();
  });
  it("A covers B when A equals B or is a dotted ancestor of B", () => {
    expect(covers("user", "user.contact.email")).toBe(true);
    expect(covers("user.contact.email", "user.contact.email")).toBe(true);
    expect(covers("user.contact.email", "user")).toBe(false);
    expect(covers("user.contact", "user.contactless")).toBe(false);
  });
  it("merges custom keys that sit under existing parents, in any order", () => {
    const { taxonomy, errors } = Taxonomy.default().withCustom({ categories: [{ key: "user.sensor.camera.front", name: "Front" }, { key: "user.sensor.camera", name: "Camera" }] });
    expect(errors).toEqual([]);
    expect(taxonomy.hasCategory("user.sensor.camera.front")).toBe(true);
    expect(Taxonomy.default().withCustom({ purposes: [{ key: "nowhere.x", name: "X" }] }).errors).toEqual([
      { kind: "purposes", index: 0, message: 'parent "nowhere" of "nowhere.x" is not a known purpose' },
    ]);
  });
  it("compares by code point, not UTF-16 unit", () => {
    expect(compareCodePoints("\u{1F600}", "\uFF21")).toBeGreaterThan(0);
    expect(["b", "a", "\u{1F600}", "\uFF21"].sort(compareCodePoints)).toEqual(["a", "b", "\uFF21", "\u{1F600}"]);
  });
});
