import { describe, expect, it } from "vitest";
import { evaluate } from "../engine/evaluate.ts";
import { parseWorld } from "../world/index.ts";
import type { World } from "../world/schema.ts";
import { AuditLogDigest, pathsExpiredIn, PICTURE_MIN_FONT, pictureFontSize, worldSections, zoneListLimits, zonePicture, zonesNamedBy, type DigestEntry } from "./audit-report.ts";

// Ads' purchases flow to a Recs job (red: no path), Ads' impressions to a Reporting job (green: a path), and
// a Recs table to an unzoned export (red: leaving every zone).
function tinyWorld(): World {
  const parsed = parseWorld({
    zones: [
      { id: "ads", name: "Ads", color: "#2563eb", allow: [{ category: "user" }], purposes: ["marketing.advertising"] },
      { id: "recs", name: "Recs", color: "#16a34a", allow: [{ category: "user" }], purposes: ["personalize.content"] },
      { id: "reporting", name: "Reporting", color: "#9333ea", mode: "logging", allow: [{ category: "user", minQualifier: "identified" }], purposes: ["analytics.reporting"] },
    ],
    assets: [
      { id: "purchases", namespace: "w", name: "purchases", kind: "table", zone: "ads", labels: [{ category: "user.behavior.purchase_history", qualifier: "identified" }] },
      { id: "impressions", namespace: "w", name: "impressions", kind: "table", zone: "ads", labels: [{ category: "user.behavior.browsing_history", qualifier: "identified" }] },
      { id: "affinity", namespace: "j", name: "affinity", kind: "batch_job", zone: "recs", purpose: "personalize.content" },
      { id: "daily", namespace: "j", name: "daily", kind: "batch_job", zone: "reporting", purpose: "analytics.reporting" },
      { id: "export", namespace: "x", name: "export", kind: "table", zone: null },
    ],
    edges: [
      { from: "purchases", to: "affinity" },
      { from: "impressions", to: "daily" },
      { from: "affinity", to: "export" },
      { from: "purchases", to: "impressions" },
    ],
    sanctionedPaths: [
      { id: "ads-to-reporting", from: "ads", to: "reporting", categories: ["user.behavior"], status: "approved", expiresAt: "2026-10-15T00:00:00Z" },
      { id: "old", from: "recs", to: null, categories: ["user"], status: "approved", expiresAt: "2026-01-01T00:00:00Z" },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.world;
}

const at = new Date("2026-09-01T00:00:00Z");
let sequence = 0;
const entry = (action: string, subject: string, payload: unknown): DigestEntry => ({ sequence: ++sequence, at, actor: "rosa@example.com", action, subject, payload });
const path = (id: string, from: string, to: string | null) => ({ id, from, to, categories: ["user.behavior"], purpose: null, justification: "Needed for the weekly report.", expiresAt: null });

describe("the audit log, folded", () => {
  const zoneOf = (id: string) => ({ purchases: "ads", affinity: "recs", daily: "reporting" })[id] ?? null;
  const log = () => [
    entry("path.request", "path:p1", { path: path("p1", "ads", "recs"), from: null, to: "pending" }),
    entry("path.approve", "path:p1", { path: path("p1", "ads", "recs"), from: "pending", to: "approved", note: null }),
    entry("path.reject", "path:p2", { path: path("p2", "reporting", null), from: "pending", to: "rejected", note: "Too broad." }),
    entry("path.revoke", "path:p3", { path: path("p3", "ads", "reporting"), from: "approved", to: "revoked", note: "Contract ended." }),
    entry("admission.check", "job:affinity", { request: { job: "affinity", zone: null }, answer: { allowed: false, reasons: [{ zone: "recs" }] }, wouldDeny: [] }),
    entry("admission.check", "job:daily", { request: { job: "daily", zone: null }, answer: { allowed: true, reasons: [{ zone: "reporting", enforced: false }] }, wouldDeny: [{ zone: "reporting" }] }),
    entry("admission.check", "job:new", { request: { job: "new", zone: "ads" }, answer: { allowed: true, reasons: [] }, wouldDeny: [] }),
    entry("edge.review", "edges:1", { edges: [{ from: "purchases", to: "affinity" }], skipped: [] }),
    entry("zone.update", "zone:recs", { before: { id: "recs", mode: "logging" }, after: { id: "recs", mode: "enforcing" }, dryRun: { added: 2, resolved: 0 } }),
    entry("evaluation.run", "run:4", { violationCount: 3 }),
  ];

  it("counts path transitions and admission answers, and lists decisions with who, what and why", () => {
    const digest = new AuditLogDigest({ zones: null, zoneOfAsset: zoneOf });
    for (const e of log()) digest.add(e);
    const result = digest.digest();
    expect(result.entries).toBe(10);
    expect(result.paths).toEqual({ requested: 1, approved: 1, rejected: 1, revoked: 1, withdrawn: 0 });
    expect(result.admission).toEqual({ allowed: 2, denied: 1, wouldDeny: 1 });
    expect(result.decisions.rows.map((row) => row.kind)).toEqual(["Path request", "Approval", "Rejection", "Revocation", "Edge review", "Zone change"]);
    expect(result.decisions.rows[0]).toMatchObject({ actor: "rosa@example.com", what: "Sanctioned path p1: ads → recs, user.behavior", why: "Needed for the weekly report." });
    expect(result.decisions.rows[2]).toMatchObject({ what: "Sanctioned path p2: reporting → (outside every zone), user.behavior", why: "Too broad." });
    expect(result.decisions.rows[5]).toMatchObject({ what: "Changed zone recs (mode)", why: "dry run: 2 violations added, 0 resolved" });
  });

  it("with zones named, keeps only the entries that concern them", () => {
    const digest = new AuditLogDigest({ zones: new Set(["reporting"]), zoneOfAsset: zoneOf });
    for (const e of log()) digest.add(e);
    const result = digest.digest();
    expect(result.entries).toBe(10);
    expect(result.entriesInScope).toBe(3);
    expect(result.paths).toEqual({ requested: 0, approved: 0, rejected: 1, revoked: 1, withdrawn: 0 });
    expect(result.admission).toEqual({ allowed: 1, denied: 0, wouldDeny: 1 });
  });

  it("keeps at most maxDecisions rows and counts the rest", () => {
    const digest = new AuditLogDigest({ zones: null, zoneOfAsset: zoneOf, maxDecisions: 2 });
    for (const e of log()) digest.add(e);
    expect(digest.digest().decisions).toMatchObject({ total: 6, rows: [{ kind: "Path request" }, { kind: "Approval" }] });
  });

  it("an admission check concerns the zone it was asked about, the job's zone and its reasons' zones", () => {
    expect(zonesNamedBy(entry("admission.check", "job:affinity", { request: { job: "affinity", zone: null }, answer: { reasons: [{ zone: "ads" }] } }), zoneOf).sort()).toEqual(["ads", "recs"]);
    expect(zonesNamedBy(entry("edge.review", "edges:1", { edges: [{ from: "purchases", to: "daily" }] }), zoneOf).sort()).toEqual(["ads", "reporting"]);
  });
});

describe("the world, per zone", () => {
  const world = tinyWorld();
  const evaluation = evaluate(world, { at });
  const box = { width: 500, height: 400 };

  it("counts assets, edges and crossings with their verdicts, and names what covers each crossing", () => {
    const result = worldSections(world, evaluation, { zones: null, pictureBox: box });
    expect(result).toMatchObject({ assets: 5, edges: 4, crossings: 3, crossingsSanctioned: 1, crossingsViolating: 2 });
    const ads = result.zones.find((zone) => zone.id === "ads")!;
    expect(ads.outbound).toMatchObject({ total: 2, violations: 1 });
    // violations first
    expect(ads.outbound.rows.map((row) => [row.to, row.verdict])).toEqual([
      ["affinity", "violation"],
      ["daily", "sanctioned"],
    ]);
    expect(ads.outbound.rows[0].coveredBy).toBe("Unsanctioned crossing of user.behavior.purchase_history: no applicable approved sanctioned path allows it");
    expect(ads.outbound.rows[1].coveredBy).toBe("Sanctioned path ads-to-reporting");
    const recs = result.zones.find((zone) => zone.id === "recs")!;
    expect(recs.inbound).toMatchObject({ total: 1, violations: 1 });
    expect(recs.outbound.rows).toMatchObject([{ to: "export", toZone: null, verdict: "violation" }]);
    expect(result.zones.find((zone) => zone.id === "reporting")).toMatchObject({ mode: "logging", rules: [{ category: "user", minQualifier: "identified", requireConsent: false }], purposes: ["analytics.reporting"] });
  });

  it("with zones named, counts only what touches them", () => {
    const result = worldSections(world, evaluation, { zones: ["recs"], pictureBox: box });
    expect(result.zones.map((zone) => zone.id)).toEqual(["recs"]);
    expect(result).toMatchObject({ assets: 1, edges: 2, crossings: 2, crossingsViolating: 2 });
  });

  it("draws zones as boxes and flows between zones as arrows with counts, coloured by the worst verdict", () => {
    const { picture } = worldSections(world, evaluation, { zones: null, pictureBox: box });
    expect(picture.nodes.map((node) => node.id).sort()).toEqual(["(outside)", "ads", "recs", "reporting"]);
    expect(picture.edges.map((edge) => [edge.from, edge.to, edge.status, edge.count]).sort()).toEqual([
      ["ads", "recs", "violation", 1],
      ["ads", "reporting", "sanctioned", 1],
      ["recs", "(outside)", "violation", 1],
    ]);
    expect(picture.width).toBeLessThanOrEqual(box.width);
    expect(picture.height).toBeLessThanOrEqual(box.height);
    for (const node of picture.nodes) expect(node.x + node.w).toBeLessThanOrEqual(picture.width + 0.01);
  });

  it("a picture with many zones draws the busiest and keeps names at 7 pt or more", () => {
    const zones = Array.from({ length: 60 }, (_, i) => ({ id: `z${String(i).padStart(2, "0")}`, name: `Zone ${i}`, color: "#2563eb", assets: 10 }));
    const flows = zones.slice(1).map((zone, i) => ({ from: zones[i].id, to: zone.id, status: "violation" as const, count: i + 1 }));
    const picture = zonePicture(zones, flows, { width: 500, height: 400 });
    expect(picture.omittedZones).toBeGreaterThan(0);
    expect(picture.nodes.length + picture.omittedZones).toBe(60);
    expect(pictureFontSize(picture)).toBeGreaterThanOrEqual(PICTURE_MIN_FONT);
    // the busiest chain end is kept
    expect(picture.nodes.map((node) => node.id)).toContain("z58");
  });

  it("zone lists shrink with many zones so the whole report stays printable", () => {
    expect(zoneListLimits(3)).toEqual({ assets: 60, crossings: 40 });
    const many = zoneListLimits(50);
    expect(many.assets + 2 * many.crossings).toBeLessThanOrEqual(30);
  });

  it("counts approved paths that expired inside the period", () => {
    expect(pathsExpiredIn(world.sanctionedPaths, new Date("2026-09-01"), new Date("2026-11-30"), null)).toBe(1);
    expect(pathsExpiredIn(world.sanctionedPaths, new Date("2026-09-01"), new Date("2026-11-30"), ["recs"])).toBe(0);
    expect(pathsExpiredIn(world.sanctionedPaths, new Date("2025-09-01"), new Date("2026-11-30"), ["recs"])).toBe(1);
  });
});
