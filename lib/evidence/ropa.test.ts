import { describe, expect, it } from "vitest";
import { evaluate } from "../engine/evaluate.ts";
import { parseWorld, type World } from "../world/index.ts";
import { buildRopa, ropaEngineOf, ropaTable, ropaTransferTable } from "./ropa.ts";

const AT = new Date("2026-06-01T00:00:00Z");
const controller = { organisationName: "Example GmbH", controllerName: "Example GmbH, Berlin", controllerContact: "privacy@example.com", dpoContact: "dpo@example.com" };

function tinyWorld(): World {
  const parsed = parseWorld({
    zones: [
      { id: "ads", name: "Ads", color: "#2563eb", owner: "ads-team", allow: [{ category: "user" }], purposes: ["marketing.advertising"], dataSubjects: ["customer", "prospect"], retention: "13 months after the last purchase" },
      { id: "reporting", name: "Reporting", color: "#16a34a", allow: [{ category: "user", minQualifier: "aggregated" }], purposes: ["analytics.reporting"] },
    ],
    assets: [
      // outside every zone, upstream: its label reaches the zone only through lineage
      { id: "signup", namespace: "web", name: "signup", kind: "web_endpoint", labels: [{ category: "user.device.device_id", qualifier: "identified" }] },
      {
        id: "purchases",
        namespace: "warehouse",
        name: "purchase_events",
        kind: "table",
        zone: "ads",
        labels: [
          { category: "user.behavior.purchase_history", qualifier: "identified" },
          { category: "user.contact.email", qualifier: "identified", consented: true },
        ],
      },
      { id: "lookalike", namespace: "jobs", name: "lookalike", kind: "batch_job", zone: "ads", purpose: "marketing.advertising" },
      { id: "daily", namespace: "warehouse", name: "daily", kind: "table", zone: "reporting" },
      { id: "partner_export", namespace: "partners", name: "measurement_export", kind: "batch_job", owner: "partnerships" },
      { id: "vendor_api", namespace: "partners", name: "=vendor_api", kind: "rpc_service" },
      { id: "dim_country", namespace: "warehouse", name: "dim_country", kind: "table" },
    ],
    edges: [
      { from: "signup", to: "purchases" },
      { from: "purchases", to: "lookalike" },
      { from: "purchases", to: "daily", transforms: ["aggregate"] },
      { from: "purchases", to: "partner_export", transforms: ["drop:user.contact"] },
      { from: "purchases", to: "vendor_api" },
      { from: "purchases", to: "dim_country", transforms: ["drop:user"] },
    ],
    sanctionedPaths: [
      { id: "p_reporting", from: "ads", to: "reporting", categories: ["user.behavior"], purpose: "analytics.reporting", status: "approved" },
      { id: "p_outside", from: "ads", to: null, categories: ["user.behavior", "user.device"], status: "approved", expiresAt: "2027-01-01T00:00:00Z" },
      { id: "p_revoked", from: "ads", to: "reporting", categories: ["user"], status: "revoked" },
      { id: "p_expired", from: "ads", to: "reporting", categories: ["user"], status: "approved", expiresAt: "2026-01-01T00:00:00Z" },
      { id: "p_pending", from: "reporting", to: null, categories: ["user"], status: "pending" },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.world;
}

const ropaOf = (zones: string[] = []) => {
  const world = tinyWorld();
  return buildRopa({ world, engine: ropaEngineOf(evaluate(world, { at: AT })), controller, zones, at: AT });
};

describe("record of processing", () => {
  it("one activity per zone, by name, with the controller from the settings", () => {
    const record = ropaOf();
    expect(record.controller).toEqual(controller);
    expect(record.generatedAt).toBe("2026-06-01T00:00:00.000Z");
    expect(record.activities.map((a) => a.zone.id)).toEqual(["ads", "reporting"]);
    expect(record.activities[0]).toMatchObject({ zone: { name: "Ads", owner: "ads-team", mode: "enforcing" }, assetCount: 2 });
  });

  it("purposes: the zone's allowed purposes, with the jobs that run for them", () => {
    expect(ropaOf().activities[0].purposes).toEqual([{ key: "marketing.advertising", name: "Advertising, Marketing or Promotion", allowed: true, jobs: ["lookalike"] }]);
  });

  it("a job's purpose is allowed when a zone purpose covers it, and flagged when none does", () => {
    const world = tinyWorld();
    world.assets.push(
      { id: "profiler", namespace: "jobs", name: "profiler", kind: "batch_job", zone: "ads", labels: [], purpose: "marketing.advertising.profiling", owner: null, description: null },
      { id: "recommender", namespace: "jobs", name: "recommender", kind: "batch_job", zone: "ads", labels: [], purpose: "personalize.content", owner: null, description: null },
    );
    const record = buildRopa({ world, engine: ropaEngineOf(evaluate(world, { at: AT })), controller, zones: ["ads"], at: AT });
    expect(record.activities[0].purposes.map((p) => [p.key, p.allowed, p.jobs.join(",")])).toEqual([
      ["marketing.advertising", true, "lookalike"],
      ["marketing.advertising.profiling", true, "profiler"],
      ["personalize.content", false, "recommender"],
    ]);
  });

  it("categories of personal data come from the effective labels, so data arriving by lineage counts", () => {
    const [ads, reporting] = ropaOf().activities;
    expect(ads.dataCategories.map((c) => [c.key, c.qualifiers.join("/"), c.consentedOnly, c.assets])).toEqual([
      ["user.behavior.purchase_history", "identified", false, 2],
      ["user.contact.email", "identified", true, 2],
      ["user.device.device_id", "identified", false, 2], // declared upstream, outside every zone
    ]);
    expect(reporting.dataCategories.map((c) => [c.key, c.qualifiers.join("/")])).toEqual([
      ["user.behavior.purchase_history", "aggregated"],
      ["user.contact.email", "aggregated"],
      ["user.device.device_id", "aggregated"],
    ]);
  });

  it("data subjects and retention come from the zone", () => {
    const [ads, reporting] = ropaOf().activities;
    expect(ads.dataSubjects).toEqual([{ key: "customer", name: "Customer" }, { key: "prospect", name: "Prospect" }]);
    expect(ads.retention).toBe("13 months after the last purchase");
    expect(reporting).toMatchObject({ dataSubjects: [], retention: null });
  });

  it("recipients: approved, unexpired paths only, zones first, then out of all zones with the destinations reached", () => {
    const [ads, reporting] = ropaOf().activities;
    expect(ads.recipients).toEqual([
      { zone: { id: "reporting", name: "Reporting" }, pathId: "p_reporting", categories: ["user.behavior"], purpose: "analytics.reporting", expiresAt: null, destinations: [] },
      {
        zone: null,
        pathId: "p_outside",
        categories: ["user.behavior", "user.device"],
        purpose: null,
        expiresAt: "2027-01-01T00:00:00.000Z",
        destinations: [{ id: "partner_export", name: "measurement_export" }, { id: "vendor_api", name: "=vendor_api" }],
      },
    ]);
    expect(reporting.recipients).toEqual([]); // its path out is still pending
  });

  it("transfers out of all zones: every edge to an unzoned asset that carries personal data, sanctioned or not, by the engine's verdict", () => {
    const [ads] = ropaOf().activities;
    expect(ads.transfers).toEqual([
      {
        from: { id: "purchases", name: "purchase_events" },
        to: { id: "partner_export", name: "measurement_export", namespace: "partners", kind: "batch_job", owner: "partnerships" },
        categories: ["user.behavior.purchase_history", "user.device.device_id"],
        pathIds: ["p_outside"],
        sanctioned: true,
      },
      {
        from: { id: "purchases", name: "purchase_events" },
        to: { id: "vendor_api", name: "=vendor_api", namespace: "partners", kind: "rpc_service", owner: null },
        categories: ["user.behavior.purchase_history", "user.contact.email", "user.device.device_id"],
        pathIds: ["p_outside"],
        sanctioned: false, // the e-mail address is allowed by no path
      },
    ]); // dim_country receives nothing personal (drop:user): not a transfer
  });

  it("keeps only the zones asked for", () => {
    const record = ropaOf(["reporting"]);
    expect(record.activities.map((a) => a.zone.id)).toEqual(["reporting"]);
  });

  it("flattens to one row per activity for CSV and XLSX, and one row per transfer", () => {
    const record = ropaOf();
    const { header, rows } = ropaTable(record);
    const ads = Object.fromEntries(header.map((column, i) => [column, rows[0][i]]));
    expect(ads).toMatchObject({
      "Processing activity": "Ads",
      Controller: "Example GmbH, Berlin",
      "Controller contact": "privacy@example.com",
      "DPO contact": "dpo@example.com",
      "Purposes of the processing": "marketing.advertising (Advertising, Marketing or Promotion) used by lookalike",
      "Categories of data subjects": "Customer; Prospect",
      "Categories of personal data": "user.behavior.purchase_history (identified); user.contact.email (identified, consented); user.device.device_id (identified)",
      Recipients: "Reporting (reporting): user.behavior for analytics.reporting [path p_reporting]; outside all zones: measurement_export, =vendor_api: user.behavior, user.device [path p_outside, until 2027-01-01]",
      Retention: "13 months after the last purchase",
      Assets: "2",
    });
    expect(ads["Transfers out of all zones"]).toContain("purchase_events → partners/=vendor_api: user.behavior.purchase_history, user.contact.email, user.device.device_id [NOT SANCTIONED]");
    expect(ropaTransferTable(record).rows.map((row) => [row[3], row[8]])).toEqual([["partner_export", "yes"], ["vendor_api", "no"]]);
  });

  it("names the organisation as controller when no separate controller is set", () => {
    const world = tinyWorld();
    const record = buildRopa({ world, engine: ropaEngineOf(evaluate(world, { at: AT })), controller: { ...controller, controllerName: "" }, zones: [], at: AT });
    expect(ropaTable(record).rows[0][4]).toBe("Example GmbH");
  });
});
