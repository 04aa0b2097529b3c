import { beforeAll, describe, expect, it } from "vitest";
import { parseWorld } from "@/lib/world";
import type { Actor } from "@/server/auth/actor";
import { useTestDatabase } from "@/test/use-database";
import { runEvaluation } from "../evaluations/run-evaluation";
import { importWorld } from "../world/import-world";
import { currentWorldState } from "../world/world-state";
import { previewZoneChange } from "./preview-zone-change";
import { saveZone } from "./save-zone";

const db = useTestDatabase("zones");
const rosa: Actor = { id: "u1", email: "rosa@test.zoneline", name: "Rosa", roles: ["privacy_reviewer"] };
const others: Actor[] = [
  { id: "u2", email: "eng@test.zoneline", name: "Eng", roles: ["engineer"] },
  { id: "u3", email: "legal@test.zoneline", name: "Legal", roles: ["legal"] },
  { id: "u4", email: "admin@test.zoneline", name: "Admin", roles: ["admin"] },
];

beforeAll(async () => {
  const parsed = parseWorld({
    taxonomy: { categories: [{ key: "user.sensor.camera", name: "Camera frames" }] },
    zones: [
      { id: "ads", name: "Ads", color: "#2563eb", allow: [{ category: "user.behavior" }], purposes: ["marketing.advertising"] },
      { id: "training", name: "AI Training", color: "#7c3aed", mode: "logging", allow: [{ category: "user", minQualifier: "aggregated", requireConsent: true }], purposes: ["train_ai_system"] },
    ],
    assets: [
      { id: "purchases", namespace: "w", name: "purchase_events", kind: "table", zone: "ads", labels: [{ category: "user.behavior.purchase_history", qualifier: "identified" }, { category: "user.contact.email", qualifier: "identified" }] },
      { id: "frames", namespace: "w", name: "camera_frames", kind: "table", zone: "training", labels: [{ category: "user.sensor.camera", qualifier: "identified", consented: true }] },
      { id: "finetune", namespace: "j", name: "finetune", kind: "training_job", zone: "training", purpose: "train_ai_system" },
    ],
    edges: [{ from: "frames", to: "finetune" }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await importWorld({ world: parsed.world });
  await runEvaluation({ trigger: "test" });
});

const adsDraft = (changes: Record<string, unknown> = {}) => ({
  id: "ads",
  name: "Ads",
  color: "#2563eb",
  mode: "enforcing",
  rules: [{ category: "user.behavior", minQualifier: "identified", requireConsent: false }],
  purposes: ["marketing.advertising"],
  ...changes,
});

const snapshot = async () => ({
  zones: await db.prisma().zone.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, color: true, mode: true, owner: true, description: true } }),
  rules: await db.prisma().zoneCategoryRule.findMany({ orderBy: [{ zoneId: "asc" }, { position: "asc" }] }),
  purposes: await db.prisma().zonePurpose.findMany({ orderBy: [{ zoneId: "asc" }, { position: "asc" }] }),
  audit: await db.prisma().auditEntry.count(),
  versions: await db.prisma().worldChange.count(),
  runs: await db.prisma().evaluationRun.count(),
});

const openViolations = async () =>
  (await db.prisma().violation.findMany({ where: { resolvedRunId: null }, orderBy: { subject: "asc" } })).map((v) => `${v.kind} ${v.subject} [${v.categories.join(",")}]`);

describe("zones edited by reviewers", () => {
  it("refuses every role but the privacy reviewer, previews included, writing nothing", async () => {
    const before = await snapshot();
    for (const actor of others) {
      await expect(previewZoneChange(actor, adsDraft())).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(saveZone(actor, adsDraft({ name: "Ads (renamed)" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses bad input with field-level messages, writing nothing", async () => {
    const before = await snapshot();
    await expect(
      saveZone(rosa, adsDraft({ rules: [{ category: "user.behavior" }, { category: "user" }, { category: "user.foo" }], purposes: ["nope"], color: "red" })),
    ).rejects.toMatchObject({ code: "INVALID_REQUEST", details: ['color: a colour "#rrggbb"'] });
    await expect(saveZone(rosa, adsDraft({ rules: [{ category: "user.behavior" }, { category: "user" }, { category: "user.foo" }], purposes: ["nope"] }))).rejects.toMatchObject({
      code: "INVALID_REQUEST",
      details: ['rules[2].category: unknown category "user.foo"', 'purposes[0]: unknown purpose "nope"'],
    });
    await expect(saveZone(rosa, adsDraft({ id: "ghost" }))).rejects.toMatchObject({ code: "NOT_FOUND", message: 'id: unknown zone "ghost"' });
    await expect(saveZone(rosa, { ...adsDraft({ name: "Training!" }), id: null })).rejects.toMatchObject({
      code: "CONFLICT",
      details: ['name: the id "training" is already taken by the zone "AI Training"; choose another name'],
    });
    expect(await snapshot()).toEqual(before);
  });

  it("accepts the world's own category keys", async () => {
    const dryRun = await previewZoneChange(rosa, adsDraft({ rules: [{ category: "user.sensor.camera" }] }));
    expect(dryRun.zoneId).toBe("ads");
  });

  it("previews the violations a rule change adds and resolves, writing nothing", async () => {
    const before = await snapshot();
    const widen = await previewZoneChange(rosa, adsDraft({ rules: [{ category: "user.behavior" }, { category: "user.contact", minQualifier: "identified" }] }));
    expect(widen.counts).toMatchObject({ added: 0, resolved: 1 });
    expect(widen.resolved).toMatchObject([{ kind: "category_not_permitted", asset: "purchases", categories: ["user.contact.email"] }]);
    expect(widen.names).toEqual({ purchases: "purchase_events" });
    const narrow = await previewZoneChange(rosa, adsDraft({ rules: [] }));
    expect(narrow.changed).toMatchObject([{ asset: "purchases", categoriesBefore: ["user.contact.email"], categories: ["user.behavior.purchase_history", "user.contact.email"] }]);
    expect(await snapshot()).toEqual(before);
  });

  it("saves an edit: rules in order, one audit entry with before, after and the dry run, described, re-evaluated", async () => {
    expect(await openViolations()).toContain("category_not_permitted asset:purchases [user.contact.email]");
    const before = await snapshot();
    const saved = await saveZone(rosa, adsDraft({ owner: "ads-privacy@example.com", rules: [{ category: "user.behavior" }, { category: "user.contact", minQualifier: "pseudonymized" }, { category: "user.contact.email" }] }));
    expect(saved).toMatchObject({ created: false, dryRun: { counts: { resolved: 1, added: 0 } }, evaluation: { resolvedViolations: 1 } });
    const after = await snapshot();
    expect(after.audit).toBe(before.audit + 2); // the zone change, then the evaluation run's own entry
    expect(after.rules.filter((r) => r.zoneId === "ads").map((r) => [r.position, r.categoryKey, r.minQualifier])).toEqual([
      [0, "user.behavior", "identified"],
      [1, "user.contact", "pseudonymized"],
      [2, "user.contact.email", "identified"],
    ]);
    expect(after.zones.find((z) => z.id === "ads")).toMatchObject({ owner: "ads-privacy@example.com" });
    const entry = await db.prisma().auditEntry.findFirstOrThrow({ where: { action: "zone.update" } });
    expect(entry).toMatchObject({
      actor: rosa.email,
      subject: "zone:ads",
      payload: {
        before: { id: "ads", owner: null, allow: [{ category: "user.behavior" }] },
        after: { id: "ads", owner: "ads-privacy@example.com" },
        dryRun: { counts: { resolved: 1, added: 0 }, resolved: ["category_not_permitted purchases"] },
      },
    });
    const change = await db.prisma().worldChange.findFirstOrThrow({ orderBy: { version: "desc" } });
    expect(change).toMatchObject({ described: true, changes: [{ kind: "putZone", zone: { id: "ads" } }] });
    const state = await currentWorldState();
    expect(state.world().zones.find((z) => z.id === "ads")?.allow).toHaveLength(3);
    expect(await openViolations()).not.toContain("category_not_permitted asset:purchases [user.contact.email]");
  });

  it("switching a logging zone to enforcing shows the jobs admission would now deny", async () => {
    const draft = { id: "training", name: "AI Training", color: "#7c3aed", mode: "enforcing", rules: [{ category: "user", minQualifier: "aggregated", requireConsent: true }], purposes: ["train_ai_system"] };
    const logging = await previewZoneChange(rosa, { ...draft, mode: "logging" });
    expect(logging.recordedOnly.map((a) => a.job)).toEqual(["finetune"]);
    const dryRun = await previewZoneChange(rosa, draft);
    expect(dryRun.admission).toMatchObject([{ job: "finetune", inputs: ["frames"], allowedBefore: true, allowedAfter: false, reasons: [{ kind: "category_not_permitted", input: "frames", enforced: true, categories: ["user.sensor.camera"] }] }]);
    expect(dryRun.names).toMatchObject({ finetune: "finetune", frames: "camera_frames" });
  });

  it("two saves of one zone at once both land, in order: the second's audit entry starts from the first's result", async () => {
    const owners = ["first@example.com", "second@example.com"];
    await Promise.all(owners.map((owner) => saveZone(rosa, adsDraft({ owner, rules: [{ category: "user.behavior" }, { category: "user.contact" }] }))));
    const entries = await db.prisma().auditEntry.findMany({ where: { action: "zone.update" }, orderBy: { sequence: "desc" }, take: 2 });
    const [later, earlier] = entries.map((e) => e.payload as { before: { owner: string }; after: { owner: string } });
    expect(later.before.owner).toBe(earlier.after.owner);
    expect((await db.prisma().zone.findUniqueOrThrow({ where: { id: "ads" } })).owner).toBe(later.after.owner);
  });

  it("round-trips data subjects and retention: table, audit entry, described change, cached world, world file; the verdicts do not move", async () => {
    const violationsBefore = await openViolations();
    await saveZone(rosa, adsDraft({ rules: [{ category: "user.behavior" }, { category: "user.contact" }], dataSubjects: ["customer", "prospect"], retention: " 13 months after the last purchase " }));
    expect(await db.prisma().zone.findUniqueOrThrow({ where: { id: "ads" }, select: { dataSubjects: true, retention: true } })).toEqual({ dataSubjects: ["customer", "prospect"], retention: "13 months after the last purchase" });
    const entry = await db.prisma().auditEntry.findFirstOrThrow({ where: { action: "zone.update" }, orderBy: { sequence: "desc" } });
    expect(entry.payload).toMatchObject({ before: { dataSubjects: [], retention: null }, after: { dataSubjects: ["customer", "prospect"], retention: "13 months after the last purchase" } });
    const change = await db.prisma().worldChange.findFirstOrThrow({ where: { described: true, changes: { array_contains: [{ kind: "putZone" }] } }, orderBy: { version: "desc" } });
    expect(change.changes).toMatchObject([{ kind: "putZone", zone: { id: "ads", dataSubjects: ["customer", "prospect"], retention: "13 months after the last purchase" } }]);
    const state = await currentWorldState();
    expect(state.world().zones.find((z) => z.id === "ads")).toMatchObject({ dataSubjects: ["customer", "prospect"], retention: "13 months after the last purchase" });
    const { loadWorld } = await import("../world/load-world");
    const { serializeWorld, parseWorldJson } = await import("@/lib/world");
    const exported = serializeWorld(await loadWorld());
    const reparsed = parseWorldJson(exported);
    expect(reparsed.ok && reparsed.world.zones.find((z) => z.id === "ads")).toMatchObject({ dataSubjects: ["customer", "prospect"], retention: "13 months after the last purchase" });
    expect(await openViolations()).toEqual(violationsBefore); // RoPA metadata, not policy

    await expect(saveZone(rosa, adsDraft({ dataSubjects: ["customer", "martian"] }))).rejects.toMatchObject({ code: "INVALID_REQUEST", details: ['dataSubjects[1]: unknown data subject "martian"'] });
    // clearing both
    await saveZone(rosa, adsDraft({ rules: [{ category: "user.behavior" }, { category: "user.contact" }], dataSubjects: [], retention: "" }));
    expect(await db.prisma().zone.findUniqueOrThrow({ where: { id: "ads" }, select: { dataSubjects: true, retention: true } })).toEqual({ dataSubjects: [], retention: null });
  });

  it("creates a zone with an id made from its name", async () => {
    const saved = await saveZone(rosa, { name: "Fraud Detection", color: "#DC2626", description: "  Risk models  ", rules: [{ category: "user.financial", minQualifier: "pseudonymized" }], purposes: ["essential.fraud_detection"] });
    expect(saved).toMatchObject({ created: true, zone: { id: "fraud_detection", color: "#dc2626", description: "Risk models", mode: "enforcing" } });
    expect(await db.prisma().zone.findUnique({ where: { id: "fraud_detection" }, include: { rules: true, purposes: true } })).toMatchObject({
      name: "Fraud Detection",
      rules: [{ categoryKey: "user.financial", minQualifier: "pseudonymized" }],
      purposes: [{ purposeKey: "essential.fraud_detection" }],
    });
    expect(await db.prisma().auditEntry.findFirstOrThrow({ where: { action: "zone.create" } })).toMatchObject({ actor: rosa.email, subject: "zone:fraud_detection", payload: { before: null } });
  });
});
