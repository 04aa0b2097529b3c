import { describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { useTestDatabase } from "@/test/use-database";

const db = useTestDatabase("models");

async function expectUniqueViolation(write: Promise<unknown>) {
  const error = await write.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
}

describe("every model round-trips through Postgres", () => {
  it("taxonomy: categories and purposes with parent keys", async () => {
    const p = db.prisma();
    await p.dataCategory.create({ data: { key: "user", name: "User Data" } });
    await p.dataCategory.create({
      data: { key: "user.sensor", name: "Sensor", description: "device sensors", parentKey: "user", custom: true },
    });
    const child = await p.dataCategory.findUniqueOrThrow({ where: { key: "user.sensor" }, include: { parent: true } });
    expect(child).toMatchObject({ key: "user.sensor", name: "Sensor", description: "device sensors", parentKey: "user", custom: true });
    expect(child.parent?.name).toBe("User Data");
    await expectUniqueViolation(p.dataCategory.create({ data: { key: "user", name: "again" } }));

    await p.purpose.create({ data: { key: "marketing", name: "Marketing" } });
    await p.purpose.create({ data: { key: "marketing.advertising", name: "Advertising", parentKey: "marketing" } });
    expect(await p.purpose.findUniqueOrThrow({ where: { key: "marketing.advertising" } })).toMatchObject({
      parentKey: "marketing",
      custom: false,
      description: null,
    });
    await expectUniqueViolation(p.purpose.create({ data: { key: "marketing", name: "again" } }));
  });

  it("zones with ordered category rules and purposes", async () => {
    const p = db.prisma();
    await p.zone.create({
      data: {
        id: "ads",
        name: "Ads Optimization",
        description: "ads ranking",
        color: "#2563eb",
        owner: "ads-privacy@example.com",
        mode: "logging",
        rules: {
          create: [
            { position: 0, categoryKey: "user", minQualifier: "pseudonymized", requireConsent: true },
            { position: 1, categoryKey: "user.sensor" },
          ],
        },
        purposes: { create: [{ position: 0, purposeKey: "marketing.advertising" }] },
      },
    });
    const zone = await p.zone.findUniqueOrThrow({
      where: { id: "ads" },
      include: { rules: { orderBy: { position: "asc" } }, purposes: true },
    });
    expect(zone).toMatchObject({ name: "Ads Optimization", description: "ads ranking", color: "#2563eb", owner: "ads-privacy@example.com", mode: "logging" });
    expect(zone.rules.map((r) => [r.categoryKey, r.minQualifier, r.requireConsent])).toEqual([
      ["user", "pseudonymized", true],
      ["user.sensor", "identified", false],
    ]);
    expect(zone.purposes.map((r) => r.purposeKey)).toEqual(["marketing.advertising"]);
    await expectUniqueViolation(p.zone.create({ data: { id: "ads", name: "dup", color: "#000000" } }));
    await expectUniqueViolation(p.zoneCategoryRule.create({ data: { zoneId: "ads", position: 1, categoryKey: "user" } }));
    await expectUniqueViolation(p.zonePurpose.create({ data: { zoneId: "ads", position: 0, purposeKey: "marketing" } }));
  });

  it("assets with labels, unique by namespace and name", async () => {
    const p = db.prisma();
    await p.asset.create({
      data: {
        id: "purchase_events",
        namespace: "warehouse",
        name: "purchase_events",
        kind: "table",
        zoneId: "ads",
        owner: "data@example.com",
        description: "raw purchases",
        labels: {
          create: [
            { position: 0, categoryKey: "user", qualifier: "identified", consented: false },
            { position: 1, categoryKey: "user", qualifier: "aggregated", consented: true },
          ],
        },
      },
    });
    await p.asset.create({ data: { id: "lookalike", namespace: "jobs", name: "lookalike", kind: "batch_job", zoneId: "ads", purposeKey: "marketing.advertising" } });
    const asset = await p.asset.findUniqueOrThrow({ where: { namespace_name: { namespace: "warehouse", name: "purchase_events" } }, include: { labels: { orderBy: { position: "asc" } } } });
    expect(asset).toMatchObject({ id: "purchase_events", kind: "table", zoneId: "ads", purposeKey: null, owner: "data@example.com", description: "raw purchases" });
    expect(asset.labels.map((l) => [l.categoryKey, l.qualifier, l.consented])).toEqual([
      ["user", "identified", false],
      ["user", "aggregated", true],
    ]);
    await expectUniqueViolation(p.asset.create({ data: { id: "other", namespace: "warehouse", name: "purchase_events", kind: "table" } }));
    await expectUniqueViolation(p.assetLabel.create({ data: { assetId: "purchase_events", position: 1, categoryKey: "user", qualifier: "identified", consented: false } }));
  });

  it("lineage edges keep signals, ordered transforms, times and review state; one per pair", async () => {
    const p = db.prisma();
    const firstSeen = new Date("2026-03-01T10:00:00.000Z");
    const lastSeen = new Date("2026-11-01T08:30:00.000Z");
    await p.lineageEdge.create({
      data: {
        fromId: "purchase_events",
        toId: "lookalike",
        signals: ["sql", "openlineage"],
        transforms: ["pseudonymize", "drop:user.sensor", "aggregate"],
        firstSeen,
        lastSeen,
        reviewState: "reviewed",
        reviewedBy: "reviewer@example.com",
        reviewedAt: lastSeen,
      },
    });
    const edge = await p.lineageEdge.findUniqueOrThrow({ where: { fromId_toId: { fromId: "purchase_events", toId: "lookalike" } } });
    expect(edge).toMatchObject({
      signals: ["sql", "openlineage"],
      transforms: ["pseudonymize", "drop:user.sensor", "aggregate"],
      firstSeen,
      lastSeen,
      reviewState: "reviewed",
      reviewedBy: "reviewer@example.com",
    });
    await expectUniqueViolation(p.lineageEdge.create({ data: { fromId: "purchase_events", toId: "lookalike" } }));
    expect((await p.lineageEdge.create({ data: { fromId: "lookalike", toId: "purchase_events" } })).reviewState).toBe("unreviewed");
  });

  it("sanctioned paths with every field, including a path out of all zones", async () => {
    const p = db.prisma();
    await p.zone.create({ data: { id: "reporting", name: "Reporting", color: "#16a34a" } });
    const expiresAt = new Date("2027-01-01T00:00:00.000Z");
    await p.sanctionedPath.create({
      data: {
        id: "p1",
        fromZoneId: "ads",
        toZoneId: "reporting",
        categories: ["user", "user.sensor"],
        purposeKey: "marketing.advertising",
        justification: "weekly revenue report",
        requester: "eng@example.com",
        reviewer: "privacy@example.com",
        status: "approved",
        expiresAt,
        requestedAt: new Date("2026-10-01T00:00:00.000Z"),
        reviewedAt: new Date("2026-10-02T00:00:00.000Z"),
        reviewNote: "aggregated only",
      },
    });
    await p.sanctionedPath.create({ data: { id: "p2", fromZoneId: "ads", toZoneId: null, categories: ["user"] } });
    const path = await p.sanctionedPath.findUniqueOrThrow({ where: { id: "p1" } });
    expect(path).toMatchObject({
      fromZoneId: "ads",
      toZoneId: "reporting",
      categories: ["user", "user.sensor"],
      purposeKey: "marketing.advertising",
      justification: "weekly revenue report",
      requester: "eng@example.com",
      reviewer: "privacy@example.com",
      status: "approved",
      expiresAt,
      reviewNote: "aggregated only",
    });
    expect(await p.sanctionedPath.findUniqueOrThrow({ where: { id: "p2" } })).toMatchObject({ toZoneId: null, status: "pending", justification: null });
    await expectUniqueViolation(p.sanctionedPath.create({ data: { id: "p1", fromZoneId: "ads", categories: ["user"] } }));
  });

  it("audit entries keep their chain fields; sequence and hash are unique", async () => {
    const p = db.prisma();
    const entry = {
      sequence: 1,
      at: new Date("2026-11-24T12:00:00.000Z"),
      actor: "privacy@example.com",
      action: "path.approve",
      subject: "sanctioned_path:p1",
      payload: { note: "ok", categories: ["user"] },
      prevHash: "0".repeat(64),
      hash: "a".repeat(64),
    };
    await p.auditEntry.create({ data: entry });
    expect(await p.auditEntry.findUniqueOrThrow({ where: { sequence: 1 } })).toEqual(entry);
    await expectUniqueViolation(p.auditEntry.create({ data: { ...entry, hash: "b".repeat(64) } }));
    await expectUniqueViolation(p.auditEntry.create({ data: { ...entry, sequence: 2 } }));
  });

  it("users with roles and hashed API tokens", async () => {
    const p = db.prisma();
    const user = await p.user.create({ data: { id: "u1", email: "rev@example.com", name: "Rita Reviewer", roles: ["privacy_reviewer", "legal"] } });
    const token = await p.apiToken.create({ data: { userId: user.id, name: "ci", tokenHash: "f".repeat(64), prefix: "zl_abcd" } });
    const read = await p.user.findUniqueOrThrow({ where: { email: "rev@example.com" }, include: { tokens: true } });
    expect(read).toMatchObject({ name: "Rita Reviewer", roles: ["privacy_reviewer", "legal"], disabledAt: null });
    expect(read.tokens).toEqual([token]);
    await expectUniqueViolation(p.user.create({ data: { id: "u2", email: "rev@example.com", name: "x" } }));
    await expectUniqueViolation(p.apiToken.create({ data: { userId: user.id, name: "other", tokenHash: "f".repeat(64), prefix: "zl_x" } }));
  });

  it("evaluation runs, the violations they opened and resolved, and their revisions", async () => {
    const p = db.prisma();
    const at = new Date("2026-11-24T00:00:00.000Z");
    const later = new Date("2026-11-25T00:00:00.000Z");
    const run = await p.evaluationRun.create({
      data: { at, trigger: "test", actor: "ci", worldVersion: 3, assetCount: 2, edgeCount: 2, violationCount: 1, openedCount: 1, finishedAt: at },
    });
    const violation = await p.violation.create({
      data: {
        kind: "unsanctioned_crossing",
        subject: "edge:purchase_events->lookalike",
        edgeFromId: "purchase_events",
        edgeToId: "lookalike",
        zoneId: "ads",
        categories: ["user"],
        explanation: "user reached lookalike",
        path: ["purchase_events", "lookalike"],
        openedRunId: run.id,
        openedAt: at,
        revisions: { create: [{ runId: run.id, categories: ["user"] }] },
      },
    });
    const read = await p.evaluationRun.findUniqueOrThrow({ where: { id: run.id }, include: { opened: { include: { revisions: true } } } });
    expect(read).toMatchObject({ at, trigger: "test", worldVersion: 3, assetCount: 2, edgeCount: 2, violationCount: 1, openedCount: 1, resolvedCount: 0 });
    expect(read.opened[0]).toMatchObject({ kind: "unsanctioned_crossing", assetId: null, categories: ["user"], path: ["purchase_events", "lookalike"], resolvedRunId: null });
    expect(read.opened[0].revisions).toEqual([{ violationId: violation.id, runId: run.id, categories: ["user"] }]);

    // one open violation per identity (kind, subject, zone): a second open copy is refused …
    const again = { kind: "unsanctioned_crossing" as const, subject: violation.subject, zoneId: "ads", categories: [], explanation: "", path: [], openedRunId: run.id, openedAt: at };
    await expectUniqueViolation(p.violation.create({ data: again }));
    // … but once resolved, the same identity may open again (a new episode)
    const next = await p.evaluationRun.create({ data: { at: later, trigger: "test", assetCount: 2, edgeCount: 2, violationCount: 0, resolvedCount: 1 } });
    await p.violation.update({ where: { id: violation.id }, data: { resolvedRunId: next.id, resolvedAt: later } });
    await p.violation.create({ data: { ...again, openedRunId: next.id, openedAt: later } });
    expect(await p.violation.count({ where: { subject: violation.subject } })).toBe(2);
  });

  it("layout cache entries", async () => {
    const p = db.prisma();
    await p.layoutCache.create({ data: { key: "zone:ads:abc", positions: { a: [1, 2] } } });
    expect((await p.layoutCache.findUniqueOrThrow({ where: { key: "zone:ads:abc" } })).positions).toEqual({ a: [1, 2] });
    await expectUniqueViolation(p.layoutCache.create({ data: { key: "zone:ads:abc", positions: {} } }));
  });
});
