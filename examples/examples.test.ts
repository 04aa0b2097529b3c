// The example worlds are teaching material: examples/README.md promises exactly
// these verdicts, so a change to the worlds or to the engine that alters them
// must update the README too.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { admit, evaluate } from "../lib/engine/index.ts";
import { formatWorldError, parseWorldJson, type World } from "../lib/world/index.ts";

function loadExample(name: string): World {
  const result = parseWorldJson(readFileSync(path.join(import.meta.dirname, name), "utf8"));
  if (!result.ok) throw new Error(result.errors.map(formatWorldError).join("\n"));
  return result.world;
}

const summary = (world: World, at: string) =>
  evaluate(world, { at: new Date(at) }).violations.map((v) => ({
    kind: v.kind,
    subject: v.asset ?? `${v.edge!.from} → ${v.edge!.to}`,
    zone: v.zone,
    categories: v.categories,
  }));

// Between the expiry of assistant-to-reporting-h1 and that of recs-to-reporting.
const NOW = "2026-11-24T12:00:00Z";

const DEMO_RED_FLOWS = [
  {
    kind: "category_not_permitted",
    subject: "assistant_finetune_raw",
    zone: "ai_training",
    categories: ["user.content.private", "user.device.device_id", "user.location.imprecise", "user.sensor.camera", "user.unique_id"],
  },
  { kind: "purpose_not_permitted", subject: "high_value_segments", zone: "reporting", categories: [] },
  {
    kind: "unsanctioned_crossing",
    subject: "assistant_interactions → assistant_finetune_raw",
    zone: "assistant",
    categories: ["user.device.device_id", "user.location.imprecise", "user.unique_id"],
  },
  {
    kind: "unsanctioned_crossing",
    subject: "assistant_interactions → assistant_quality_daily_job",
    zone: "assistant",
    categories: ["user.content.private"],
  },
  {
    kind: "unsanctioned_crossing",
    subject: "purchase_events → measurement_partner_export",
    zone: "ads",
    categories: ["user.behavior.purchase_history", "user.unique_id.pseudonymous"],
  },
  {
    kind: "unsanctioned_crossing",
    subject: "purchase_events → recs_purchase_affinity",
    zone: "ads",
    categories: ["user.behavior.purchase_history", "user.unique_id.pseudonymous"],
  },
];

describe("demo.world.json", () => {
  const world = loadExample("demo.world.json");

  it("is a world of the promised size: 5–7 zones, 40–80 assets, some unzoned", () => {
    expect(world.zones.length).toBeGreaterThanOrEqual(5);
    expect(world.zones.length).toBeLessThanOrEqual(7);
    expect(world.assets.length).toBeGreaterThanOrEqual(40);
    expect(world.assets.length).toBeLessThanOrEqual(80);
    expect(world.assets.some((a) => a.zone === null)).toBe(true);
    expect(world.zones.filter((z) => z.mode === "logging").map((z) => z.id)).toEqual(["reporting"]);
    expect(new Set(world.zones.map((z) => z.color.toLowerCase())).size).toBe(world.zones.length);
  });

  it("has sanctioned paths in every status, and no reviewer reviews their own request", () => {
    expect(new Set(world.sanctionedPaths.map((p) => p.status))).toEqual(new Set(["approved", "pending", "rejected", "revoked"]));
    for (const p of world.sanctionedPaths) expect(p.reviewer).not.toBe(p.requester);
  });

  it("shows exactly the deliberate red flows of examples/README.md", () => {
    expect(summary(world, NOW)).toEqual(DEMO_RED_FLOWS);
  });

  it("keeps the lookalike chain inside Ads Optimization green", () => {
    const evaluation = evaluate(world, { at: new Date(NOW) });
    for (const [from, to] of [
      ["pixel", "purchase_events_logger"],
      ["purchase_events_logger", "purchase_events"],
      ["purchase_events", "lookalike"],
    ]) {
      expect(evaluation.edgeVerdict(from, to)).toBe("permitted");
    }
  });

  it("lets consented, aggregated examples into AI Training through an approved path", () => {
    const evaluation = evaluate(world, { at: new Date(NOW) });
    expect(evaluation.edgeVerdict("assistant_training_prep", "assistant_training_examples")).toBe("sanctioned");
    expect(evaluation.edgeVerdict("assistant_llm_checkpoint", "llm_inference")).toBe("sanctioned");
    const labels = evaluation.labelsOf("assistant_finetune").map((l) => l.label);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatchObject({ qualifier: "aggregated", consented: true });
  });

  it("before the assistant → reporting path expired, its crossing was green", () => {
    const subjects = summary(world, "2026-09-01T00:00:00Z").map((v) => v.subject);
    expect(subjects).not.toContain("assistant_interactions → assistant_quality_daily_job");
    expect(subjects).toHaveLength(DEMO_RED_FLOWS.length - 1);
  });

  it("after the recs → reporting path expires, the engagement rollup turns red", () => {
    expect(summary(world, "2027-02-01T00:00:00Z")).toContainEqual({
      kind: "unsanctioned_crossing",
      subject: "feed_engagement → content_engagement_daily_job",
      zone: "recs",
      categories: ["user.behavior.media_consumption"],
    });
  });

  it("admits the fine-tune job on the prepared examples and denies it the raw logs", () => {
    const at = new Date(NOW);
    const request = { job: "assistant_finetune", purpose: "train_ai_system.fine_tune", at };
    expect(admit(world, { ...request, inputs: ["assistant_training_examples"] })).toEqual({ allowed: true, reasons: [] });
    const denied = admit(world, { ...request, inputs: ["assistant_interactions"] });
    expect(denied.allowed).toBe(false);
    expect(denied.reasons.map((r) => [r.kind, r.zone, r.enforced])).toEqual([
      ["category_not_permitted", "ai_training", true],
      ["unsanctioned_crossing", "assistant", true],
    ]);
  });

  it("records but does not deny a purpose violation in a logging-mode zone", () => {
    const answer = admit(world, {
      job: "high_value_segments",
      purpose: "marketing.advertising.profiling",
      inputs: ["ad_performance_daily"],
      at: new Date(NOW),
    });
    expect(answer.allowed).toBe(true);
    expect(answer.reasons.map((r) => [r.kind, r.zone, r.enforced])).toEqual([["purpose_not_permitted", "reporting", false]]);
  });
});

describe("small.world.json", () => {
  const world = loadExample("small.world.json");

  it("is small: 2 zones, 6 assets", () => {
    expect(world.zones).toHaveLength(2);
    expect(world.assets).toHaveLength(6);
  });

  it("is red twice for the raw buyer list and green for the aggregated revenue job", () => {
    expect(summary(world, NOW)).toEqual([
      {
        kind: "category_not_permitted",
        subject: "buyer_list",
        zone: "reporting",
        categories: ["user.behavior.purchase_history", "user.device.cookie_id"],
      },
      { kind: "unsanctioned_crossing", subject: "purchase_events → buyer_list", zone: "ads", categories: ["user.device.cookie_id"] },
    ]);
    expect(evaluate(world, { at: new Date(NOW) }).edgeVerdict("purchase_events", "daily_revenue_job")).toBe("sanctioned");
  });
});
