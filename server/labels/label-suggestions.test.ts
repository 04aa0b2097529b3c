import { beforeAll, describe, expect, it } from "vitest";
import type { DatasetColumns } from "@/lib/labels/dataset-columns";
import { parseWorld } from "@/lib/world";
import type { Actor } from "@/server/auth/actor";
import { useTestDatabase } from "@/test/use-database";
import { listOpenViolations } from "../evaluations/list-violations";
import { runEvaluation } from "../evaluations/run-evaluation";
import { importWorld } from "../world/import-world";
import { currentWorldState, resetWorldState } from "../world/world-state";
import { describeWorldChanges, lockWorldForWrite } from "../world/world-version";
import { acceptLabelSuggestions, dismissLabelSuggestions, MAX_SUGGESTIONS_PER_DECISION } from "./decide-label-suggestions";
import { listAssetLabelSuggestions, listLabelSuggestions } from "./list-label-suggestions";
import { recordLabelSuggestions } from "./record-label-suggestions";

const db = useTestDatabase("labels");
const rosa: Actor = { id: "u1", email: "rosa@test.zoneline", name: "Rosa", roles: ["privacy_reviewer"] };
const omar: Actor = { id: "u2", email: "omar@test.zoneline", name: "Omar", roles: ["privacy_reviewer"] };
const engineer: Actor = { id: "u3", email: "eng@test.zoneline", name: "Eng", roles: ["engineer"] };
const admin: Actor = { id: "u4", email: "admin@test.zoneline", name: "Admin", roles: ["admin", "legal"] };

beforeAll(async () => {
  // "reporting" allows only aggregated behaviour: an email label declared on `daily` is a violation there
  const parsed = parseWorld({
    zones: [{ id: "reporting", name: "Reporting", color: "#16a34a", allow: [{ category: "user.behavior", minQualifier: "aggregated" }], purposes: [] }],
    assets: [
      { id: "users", namespace: "warehouse", name: "users", kind: "table" },
      { id: "contacts", namespace: "warehouse", name: "contacts", kind: "table", labels: [{ category: "user.contact.phone_number", qualifier: "identified", consented: true }] },
      { id: "daily", namespace: "bi", name: "daily", kind: "table", zone: "reporting" },
      { id: "segments", namespace: "bi", name: "segments", kind: "table" },
    ],
    edges: [{ from: "users", to: "contacts" }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await importWorld({ world: parsed.world });
  await runEvaluation({ trigger: "test" });
});

const record = (datasets: DatasetColumns[]) => db.prisma().$transaction((tx) => recordLabelSuggestions(tx, datasets));
const dataset = (assetId: string, columns: string[], columnLineage: DatasetColumns["columnLineage"] = []): DatasetColumns => ({
  assetId,
  columns: columns.map((name) => ({ name, type: "string" })),
  columnLineage,
});
const rows = () =>
  db.prisma().labelSuggestion.findMany({
    orderBy: [{ assetId: "asc" }, { column: "asc" }, { categoryKey: "asc" }],
    select: { id: true, assetId: true, column: true, categoryKey: true, qualifier: true, evidence: true, pattern: true, sourceAssetId: true, sourceColumn: true, status: true, decidedBy: true },
  });
const idOf = async (assetId: string, column: string, categoryKey: string) =>
  (await db.prisma().labelSuggestion.findUniqueOrThrow({ where: { assetId_column_categoryKey: { assetId, column, categoryKey } } })).id;
const snapshot = async () => ({
  suggestions: await rows(),
  labels: await db.prisma().assetLabel.findMany({ orderBy: [{ assetId: "asc" }, { position: "asc" }] }),
  audit: await db.prisma().auditEntry.count(),
  versions: await db.prisma().worldChange.count(),
});

describe("recording suggestions at ingestion", () => {
  it("a schema becomes pending suggestions per matching column, with the pattern as evidence", async () => {
    expect(await record([dataset("users", ["id", "email", "signup_ip", "country", "plan"])])).toEqual({ suggested: 3 });
    expect(await rows()).toMatchObject([
      { assetId: "users", column: "country", categoryKey: "user.contact.address.country", qualifier: "identified", evidence: "pattern", pattern: "country", sourceAssetId: null, status: "pending", decidedBy: null },
      { assetId: "users", column: "email", categoryKey: "user.contact.email", evidence: "pattern", pattern: "email", status: "pending" },
      { assetId: "users", column: "signup_ip", categoryKey: "user.device.ip_address", evidence: "pattern", pattern: "ip", status: "pending" },
    ]);
  });

  it("replaying the same schema changes nothing", async () => {
    const before = await snapshot();
    expect(await record([dataset("users", ["id", "email", "signup_ip", "country", "plan"])])).toEqual({ suggested: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("carries a suggestion through column lineage in a later call, naming the source column", async () => {
    expect(await record([dataset("contacts", ["contact"], [{ column: "contact", inputs: [{ assetId: "users", column: "email" }] }])])).toEqual({ suggested: 1 });
    expect((await rows()).filter((r) => r.assetId === "contacts")).toMatchObject([
      { column: "contact", categoryKey: "user.contact.email", evidence: "lineage", pattern: "email", sourceAssetId: "users", sourceColumn: "email", status: "pending" },
    ]);
  });

  it("an empty batch, or datasets without columns, reads and writes nothing", async () => {
    const before = await snapshot();
    expect(await record([])).toEqual({ suggested: 0 });
    expect(await record([dataset("segments", [])])).toEqual({ suggested: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("a batch of a thousand datasets is two statements' work: it records every matching column", async () => {
    const started = performance.now();
    const batch = Array.from({ length: 1000 }, (_, i) => dataset("segments", [`email_${i}`, `value_${i}`]));
    expect(await record(batch)).toEqual({ suggested: 1000 });
    expect(performance.now() - started).toBeLessThan(10_000);
    await db.prisma().labelSuggestion.deleteMany({ where: { assetId: "segments" } });
  });
});

describe("the reviewer's list", () => {
  it("lists pending suggestions with counts, filtered by namespace and by a category that covers them", async () => {
    const all = await listLabelSuggestions({});
    expect(all.counts).toEqual({ pending: 4, accepted: 0, dismissed: 0 });
    expect(all.rows.map((r) => `${r.asset.id}.${r.column}:${r.category}`).sort()).toEqual([
      "contacts.contact:user.contact.email",
      "users.country:user.contact.address.country",
      "users.email:user.contact.email",
      "users.signup_ip:user.device.ip_address",
    ]);
    expect(all.namespaces).toEqual(["warehouse"]);
    expect((await listLabelSuggestions({ category: "user.contact" })).total).toBe(3);
    expect((await listLabelSuggestions({ category: "user.contact.email" })).rows.map((r) => r.asset.id).sort()).toEqual(["contacts", "users"]);
    expect((await listLabelSuggestions({ category: "user.device" })).rows.map((r) => r.column)).toEqual(["signup_ip"]);
    expect((await listLabelSuggestions({ namespace: "bi" })).total).toBe(0);
    expect((await listLabelSuggestions({ status: "junk" as never, page: "x" as never })).filter).toMatchObject({ status: "pending", page: 1 });
    const row = all.rows.find((r) => r.asset.id === "contacts")!;
    expect(row).toMatchObject({ categoryName: "User Contact Email", evidence: { kind: "lineage", pattern: "email", sourceAssetId: "users", sourceColumn: "email" } });
  });
});

describe("deciding suggestions", () => {
  it("refuses every role but the privacy reviewer, and bad input, writing nothing", async () => {
    const before = await snapshot();
    const id = await idOf("users", "email", "user.contact.email");
    await expect(acceptLabelSuggestions(engineer, { ids: [id] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(acceptLabelSuggestions(admin, { ids: [id] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(dismissLabelSuggestions(engineer, { ids: [id] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(acceptLabelSuggestions(null as unknown as Actor, { ids: [id] })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(acceptLabelSuggestions(rosa, { ids: [] })).rejects.toMatchObject({ code: "INVALID_REQUEST", details: ["ids: select at least one suggestion"] });
    await expect(acceptLabelSuggestions(rosa, { ids: ["x"] })).rejects.toMatchObject({ code: "INVALID_REQUEST", details: [expect.stringMatching(/^ids\[0\]: /)] });
    const many = Array.from({ length: MAX_SUGGESTIONS_PER_DECISION + 1 }, (_, i) => i + 1);
    await expect(dismissLabelSuggestions(rosa, { ids: many })).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    await expect(acceptLabelSuggestions(rosa, { ids: [id, 999_999] })).rejects.toMatchObject({ code: "NOT_FOUND", details: ["ids[1]: unknown suggestion 999999"] });
    expect(await snapshot()).toEqual(before);
  });

  it("accepting declares the label (not consented), audited, with the world version described and replayed", async () => {
    await currentWorldState();
    const id = await idOf("users", "email", "user.contact.email");
    const result = await acceptLabelSuggestions(rosa, { ids: [id] }, { evaluate: "wait" });
    expect(result).toMatchObject({ decided: [{ id, assetId: "users", column: "email", category: "user.contact.email" }], skipped: [], labelsAdded: [{ assetId: "users", category: "user.contact.email", qualifier: "identified" }] });
    expect(await db.prisma().assetLabel.findMany({ where: { assetId: "users" } })).toMatchObject([{ position: 0, categoryKey: "user.contact.email", qualifier: "identified", consented: false }]);
    expect((await rows()).find((r) => r.id === id)).toMatchObject({ status: "accepted", decidedBy: rosa.email });
    const entry = await db.prisma().auditEntry.findFirstOrThrow({ where: { action: "label.accept" }, orderBy: { sequence: "desc" } });
    expect(entry).toMatchObject({
      actor: rosa.email,
      subject: "asset:users",
      payload: {
        suggestions: [{ id, asset: "users", column: "email", category: "user.contact.email", qualifier: "identified", evidence: { kind: "pattern", pattern: "email" } }],
        labelsAdded: [{ asset: "users", category: "user.contact.email", qualifier: "identified", consented: false }],
      },
    });
    const change = await db.prisma().worldChange.findFirstOrThrow({ orderBy: { version: "desc" } });
    expect(change.described).toBe(true);
    const state = await currentWorldState();
    expect(state.reachedBy).toBe("replay");
    expect(state.world().assets.find((a) => a.id === "users")!.labels).toEqual([{ category: "user.contact.email", qualifier: "identified", consented: false }]);
    resetWorldState();
    expect((await currentWorldState()).world().assets.find((a) => a.id === "users")!.labels).toEqual([{ category: "user.contact.email", qualifier: "identified", consented: false }]);
  });

  it("an accepted label flows and is evaluated: a column carried into a zone that forbids it opens a violation", async () => {
    await db.prisma().lineageEdge.create({ data: { fromId: "users", toId: "daily", signals: ["openlineage"], transforms: [] } });
    await runEvaluation({ trigger: "test" });
    const open = (await listOpenViolations({ zone: "reporting" })).page;
    expect(open.rows.map((v) => ({ kind: v.kind, asset: v.assetId, categories: v.categories }))).toEqual([{ kind: "category_not_permitted", asset: "daily", categories: ["user.contact.email"] }]);
  });

  it("accepting adds a label once per category and qualifier, and none for a label the asset already declares", async () => {
    await record([dataset("contacts", ["phone", "mail_address", "email"])]);
    const phone = await idOf("contacts", "phone", "user.contact.phone_number");
    const email = await idOf("contacts", "email", "user.contact.email");
    const carried = await idOf("contacts", "contact", "user.contact.email");
    const result = await acceptLabelSuggestions(omar, { ids: [phone, email, carried, email] }, { evaluate: "wait" });
    expect(result.decided.map((d) => d.id).sort()).toEqual([phone, email, carried].sort());
    expect(result.labelsAdded).toEqual([{ assetId: "contacts", category: "user.contact.email", qualifier: "identified" }]);
    expect(await db.prisma().assetLabel.findMany({ where: { assetId: "contacts" }, orderBy: { position: "asc" } })).toMatchObject([
      { position: 0, categoryKey: "user.contact.phone_number", consented: true },
      { position: 1, categoryKey: "user.contact.email", consented: false },
    ]);
    expect((await db.prisma().auditEntry.findFirstOrThrow({ where: { action: "label.accept" }, orderBy: { sequence: "desc" } })).subject).toBe("asset:contacts");
  });

  it("dismissing is audited, changes no label and no world version, and the suggestion is never made again", async () => {
    const before = await snapshot();
    const ip = await idOf("users", "signup_ip", "user.device.ip_address");
    const result = await dismissLabelSuggestions(rosa, { ids: [ip] });
    expect(result).toMatchObject({ decision: "dismiss", decided: [{ id: ip }], labelsAdded: [] });
    const after = await snapshot();
    expect({ labels: after.labels, versions: after.versions, audit: after.audit }).toEqual({ labels: before.labels, versions: before.versions, audit: before.audit + 1 });
    expect(await db.prisma().auditEntry.findFirstOrThrow({ orderBy: { sequence: "desc" } })).toMatchObject({
      action: "label.dismiss",
      actor: rosa.email,
      subject: "asset:users",
      payload: { suggestions: [{ id: ip, column: "signup_ip", category: "user.device.ip_address" }] },
    });
    expect(await record([dataset("users", ["signup_ip"])])).toEqual({ suggested: 0 });
    expect((await rows()).find((r) => r.id === ip)).toMatchObject({ status: "dismissed", decidedBy: rosa.email });
  });

  it("a dismissed suggestion is not carried through lineage; a pending one is", async () => {
    expect(
      await record([
        dataset("segments", [], [
          { column: "derived_a", inputs: [{ assetId: "users", column: "signup_ip" }] },
          { column: "derived_b", inputs: [{ assetId: "users", column: "country" }] },
        ]),
      ]),
    ).toEqual({ suggested: 1 });
    expect((await rows()).filter((r) => r.assetId === "segments")).toMatchObject([{ column: "derived_b", categoryKey: "user.contact.address.country", evidence: "lineage", sourceColumn: "country" }]);
  });

  it("a decision on suggestions already decided is skipped and writes nothing", async () => {
    const before = await snapshot();
    const ip = await idOf("users", "signup_ip", "user.device.ip_address");
    const email = await idOf("users", "email", "user.contact.email");
    expect(await acceptLabelSuggestions(omar, { ids: [ip, email] })).toMatchObject({ decided: [], skipped: [{ id: email, status: "accepted", decidedBy: rosa.email }, { id: ip, status: "dismissed", decidedBy: rosa.email }] });
    expect(await dismissLabelSuggestions(omar, { ids: [email] })).toMatchObject({ decided: [], skipped: [{ id: email, status: "accepted" }] });
    expect(await snapshot()).toEqual(before);
  });

  it("two reviewers deciding one suggestion at once: one decision is recorded", async () => {
    const country = await idOf("users", "country", "user.contact.address.country");
    // decisions only: an accept that wins is followed by an evaluation, which has its own entry
    const decisions = () => db.prisma().auditEntry.count({ where: { action: { in: ["label.accept", "label.dismiss"] } } });
    const audits = await decisions();
    const results = await Promise.all([acceptLabelSuggestions(rosa, { ids: [country] }, { evaluate: "wait" }), dismissLabelSuggestions(omar, { ids: [country] })]);
    expect(results.map((r) => r.decided.length).sort()).toEqual([0, 1]);
    expect(await decisions()).toBe(audits + 1);
    const row = (await rows()).find((r) => r.id === country)!;
    const winner = results.find((r) => r.decided.length === 1)!;
    expect(row.status).toBe(winner.decision === "accept" ? "accepted" : "dismissed");
    const declared = (await db.prisma().assetLabel.findMany({ where: { assetId: "users" } })).map((l) => l.categoryKey);
    expect(declared.includes("user.contact.address.country")).toBe(winner.decision === "accept");
  });

  it("a dismissal waits for a world writer in progress (ingestion's lock order, so no deadlock), then goes through", async () => {
    await record([dataset("segments", ["gender"])]);
    const id = await idOf("segments", "gender", "user.demographic.gender");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const writer = db.prisma().$transaction(
      async (tx) => {
        await lockWorldForWrite(tx);
        await describeWorldChanges(tx, []);
        locked();
        await held;
      },
      { timeout: 30_000 },
    );
    await isLocked;
    let done = false;
    const dismissal = dismissLabelSuggestions(rosa, { ids: [id] }).then((result) => ((done = true), result));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(done).toBe(false);
    release();
    await writer;
    expect((await dismissal).decided).toMatchObject([{ id }]);
  });

  it("an asset's suggestions list pending first, then the decided ones", async () => {
    const list = await listAssetLabelSuggestions("users");
    expect(list.map((s) => [s.column, s.status])).toEqual([
      ...list.filter((s) => s.status === "pending").map((s) => [s.column, s.status]),
      ...list.filter((s) => s.status === "accepted").map((s) => [s.column, s.status]),
      ...list.filter((s) => s.status === "dismissed").map((s) => [s.column, s.status]),
    ]);
    expect(list.find((s) => s.column === "email")).toMatchObject({ status: "accepted", decidedBy: rosa.email, categoryName: "User Contact Email" });
  });
});
