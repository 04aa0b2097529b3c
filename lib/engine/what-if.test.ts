import { describe, expect, it } from "vitest";
import { parseWorld } from "../world/index.ts";
import type { World, Zone } from "../world/schema.ts";
import { evaluate } from "./evaluate.ts";
import { whatIfZone, withZone } from "./what-if.ts";

const AT = new Date("2026-06-01T00:00:00Z");

function world(): World {
  const parsed = parseWorld({
    zones: [
      { id: "ads", name: "Ads", color: "#2563eb", allow: [{ category: "user.behavior" }], purposes: ["marketing.advertising"] },
      { id: "training", name: "Training", color: "#16a34a", mode: "logging", allow: [{ category: "user", minQualifier: "aggregated", requireConsent: true }], purposes: ["train_ai_system"] },
    ],
    assets: [
      { id: "purchases", namespace: "w", name: "purchases", kind: "table", zone: "ads", labels: [{ category: "user.behavior.purchase_history", qualifier: "identified" }, { category: "user.contact.email", qualifier: "identified" }] },
      { id: "lookalike", namespace: "j", name: "lookalike", kind: "batch_job", zone: "ads", purpose: "marketing.advertising" },
      { id: "raw_train", namespace: "j", name: "raw_train", kind: "training_job", zone: "training", purpose: "train_ai_system" },
      { id: "idle_job", namespace: "j", name: "idle_job", kind: "batch_job", zone: "training", purpose: "marketing.advertising" },
      { id: "interactions", namespace: "w", name: "interactions", kind: "table", zone: "training", labels: [{ category: "user.content", qualifier: "aggregated", consented: true }] },
    ],
    edges: [
      { from: "purchases", to: "lookalike" },
      { from: "interactions", to: "raw_train" },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.world;
}

const zone = (w: World, id: string) => w.zones.find((z) => z.id === id)!;
const subjects = (list: { kind: string; asset: string | null }[]) => list.map((v) => `${v.kind} ${v.asset}`);

describe("what-if of a zone change", () => {
  it("allowing a category resolves the violations it caused, and the diff is the engine's own", () => {
    const w = world();
    const before = evaluate(w, { at: AT });
    expect(subjects(before.violations)).toEqual(["category_not_permitted lookalike", "category_not_permitted purchases", "purpose_not_permitted idle_job"]);
    const ads: Zone = { ...zone(w, "ads"), allow: [...zone(w, "ads").allow, { category: "user.contact", minQualifier: "identified", requireConsent: false }] };
    const result = whatIfZone(w, before, ads);
    expect(subjects(result.resolved).sort()).toEqual(["category_not_permitted lookalike", "category_not_permitted purchases"]);
    expect(result.added).toEqual([]);
    expect(result.violationsAfter).toBe(evaluate(withZone(w, ads), { at: AT }).violations.length);
  });

  it("narrowing a rule adds violations and names changed categories", () => {
    const w = world();
    const before = evaluate(w, { at: AT });
    const ads: Zone = { ...zone(w, "ads"), allow: [] };
    const result = whatIfZone(w, before, ads);
    expect(result.added).toEqual([]);
    expect(result.changed.map((c) => [c.before.asset, c.before.categories, c.after.categories])).toEqual([
      ["lookalike", ["user.contact.email"], ["user.behavior.purchase_history", "user.contact.email"]],
      ["purchases", ["user.contact.email"], ["user.behavior.purchase_history", "user.contact.email"]],
    ]);
  });

  it("a logging zone switched to enforcing shows the jobs admission would now deny", () => {
    const w = world();
    // the training zone forbids the purpose its job runs for: found either way, denied only when enforced
    const strict: Zone = { ...zone(w, "training"), purposes: [] };
    const logging = withZone(w, strict);
    const before = evaluate(logging, { at: AT });
    const stillLogging = whatIfZone(logging, before, strict);
    expect(stillLogging.admission).toEqual([]);
    expect(stillLogging.recordedOnly.map((a) => a.job)).toEqual(["raw_train"]);
    const enforcing = whatIfZone(logging, before, { ...strict, mode: "enforcing" });
    expect(enforcing.added).toEqual([]);
    expect(enforcing.admission).toMatchObject([{ job: "raw_train", purpose: "train_ai_system", inputs: ["interactions"], allowedBefore: true, allowedAfter: false }]);
    expect(enforcing.admission[0].reasons.map((r) => [r.kind, r.enforced])).toEqual([["purpose_not_permitted", true]]);
    // a job with no input in the lineage asks admission nothing (its purpose violation is still a violation)
    expect(enforcing.jobsChecked).toBe(1);
  });

  it("a new zone changes nothing until assets join it", () => {
    const w = world();
    const result = whatIfZone(w, evaluate(w, { at: AT }), { id: "fresh", name: "Fresh", description: null, color: "#000000", owner: null, mode: "enforcing", allow: [], purposes: [], dataSubjects: [], retention: null });
    expect(result).toMatchObject({ added: [], resolved: [], changed: [], admission: [], jobsChecked: 0 });
  });
});
