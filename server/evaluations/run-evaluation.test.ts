import { describe, expect, it } from "vitest";
import { verifyChain, type AuditEntry } from "@/lib/audit";
import { evaluate } from "@/lib/engine/evaluate";
import type { World } from "@/lib/world/schema";
import { demoWorld } from "@/test/demo-world";
import { useTestDatabase } from "@/test/use-database";
import { importWorld } from "../world/import-world";
import { runEvaluation } from "./run-evaluation";
import { listOpenViolations } from "./list-violations";
import { violationChangesBetween, violationCategoriesAt, violationsOpenAt } from "./violation-history";

const db = useTestDatabase("eval");

const key = (v: { kind: string; assetId?: string | null; edgeFromId?: string | null; edgeToId?: string | null }) =>
  `${v.kind} ${v.assetId ?? ""} ${v.edgeFromId ?? ""} ${v.edgeToId ?? ""}`;

describe("evaluation runs stored once per violation", () => {
  const t1 = new Date("2026-11-24T12:00:00Z");
  const t2 = new Date("2026-11-24T13:00:00Z");
  const t3 = new Date("2026-11-24T14:00:00Z");

  it("stores exactly the engine's violations as open ones, with their explanation and path", async () => {
    const world = demoWorld();
    await importWorld({ world });
    const expected = evaluate(world, { at: t1 }).violations;
    expect(expected.length).toBeGreaterThan(0);

    const first = await runEvaluation({ trigger: "test", at: t1 });
    expect(first).toMatchObject({ violationCount: expected.length, newViolations: expected.length, resolvedViolations: 0 });
    const stored = await db.prisma().violation.findMany({ where: { resolvedRunId: null } });
    expect(stored.map(key).sort()).toEqual(expected.map((v) => key({ kind: v.kind, assetId: v.asset, edgeFromId: v.edge?.from, edgeToId: v.edge?.to })).sort());
    for (const v of expected) {
      const row = stored.find((s) => key(s) === key({ kind: v.kind, assetId: v.asset, edgeFromId: v.edge?.from, edgeToId: v.edge?.to }))!;
      expect(row).toMatchObject({ zoneId: v.zone, categories: v.categories, explanation: v.explanation, path: v.path, openedRunId: first.runId, openedAt: t1 });
    }
  });

  it("a re-run of an unchanged world writes no violation rows", async () => {
    const before = await db.prisma().violation.count();
    const again = await runEvaluation({ trigger: "test", at: t1 });
    expect(again).toMatchObject({ newViolations: 0, resolvedViolations: 0, changedViolations: 0 });
    expect(await db.prisma().violation.count()).toBe(before);
  });

  it("a run resolves what is gone, and the past stays queryable by instant", async () => {
    const open = await db.prisma().violation.findMany({ where: { resolvedRunId: null } });
    const crossing = open.find((v) => v.kind === "unsanctioned_crossing")!;
    await db.prisma().lineageEdge.delete({ where: { fromId_toId: { fromId: crossing.edgeFromId!, toId: crossing.edgeToId! } } });
    const second = await runEvaluation({ trigger: "test", at: t2 });
    expect(second.resolvedViolations).toBeGreaterThanOrEqual(1);
    const resolved = await db.prisma().violation.findUniqueOrThrow({ where: { id: crossing.id } });
    expect(resolved).toMatchObject({ resolvedRunId: second.runId, resolvedAt: t2 });

    const openAtT1 = await violationsOpenAt(new Date(t1.getTime() + 1000));
    const openAtT2 = await violationsOpenAt(t2);
    expect(openAtT1.map((v) => v.id)).toContain(crossing.id);
    expect(openAtT2.map((v) => v.id)).not.toContain(crossing.id);
    expect(openAtT2).toHaveLength(second.violationCount);

    const changes = await violationChangesBetween(t1, t3);
    expect(changes.opened.length).toBe(open.length); // all opened at t1
    expect(changes.resolved.map((v) => v.id)).toContain(crossing.id);
    expect((await violationChangesBetween(t2, t3)).opened).toEqual([]);
  });

  it("a violation whose categories change is revised in place, with its earlier categories kept", async () => {
    const world = demoWorld();
    const open = await db.prisma().violation.findMany({ where: { resolvedRunId: null, kind: "unsanctioned_crossing" }, orderBy: { subject: "asc" } });
    const target = open.find((v) => v.categories.length > 1)!;
    expect(target).toBeDefined();
    // drop one offending category along the crossing edge: the violation stays, with fewer categories
    const dropped = target.categories[0];
    const inbound = world.edges
      .filter((e) => e.from === target.edgeFromId && e.to === target.edgeToId)
      .map((e) => ({ ...e, transforms: [...e.transforms, `drop:${dropped}`] }));
    await importWorld({ world: { ...world, zones: [], assets: [], sanctionedPaths: [], taxonomy: { categories: [], purposes: [] }, edges: inbound } });
    const third = await runEvaluation({ trigger: "test", at: t3 });
    expect(third.changedViolations).toBeGreaterThanOrEqual(1);
    const revised = await db.prisma().violation.findUniqueOrThrow({ where: { id: target.id } });
    expect(revised.resolvedRunId).toBeNull();
    expect(revised.categories).not.toContain(dropped);
    expect(await violationCategoriesAt(target.id, t2)).toEqual(target.categories);
    expect(await violationCategoriesAt(target.id, t3)).toEqual(revised.categories);
  });

  it("lists open violations a page at a time, filtered in SQL; a category covers its descendants", async () => {
    const all = await db.prisma().violation.findMany({ where: { resolvedRunId: null } });
    const listed = await listOpenViolations({});
    expect(listed.page.total).toBe(all.length);
    const crossings = await listOpenViolations({ kind: "unsanctioned_crossing" });
    expect(crossings.page.rows.every((v) => v.kind === "unsanctioned_crossing")).toBe(true);
    expect(crossings.page.total).toBe(all.filter((v) => v.kind === "unsanctioned_crossing").length);
    const top = all.flatMap((v) => v.categories)[0].split(".")[0];
    const byCategory = await listOpenViolations({ category: top });
    expect(byCategory.page.total).toBe(all.filter((v) => v.categories.some((c) => c === top || c.startsWith(`${top}.`))).length);
    expect((await listOpenViolations({ kind: "not_a_kind" })).page.total).toBe(0);
  });

  it("every run is an audit entry on an intact chain", async () => {
    const entries = await db.prisma().auditEntry.findMany({ orderBy: { sequence: "asc" } });
    expect(entries.filter((e) => e.action === "evaluation.run").length).toBe(4);
    expect(verifyChain(entries as unknown as AuditEntry[])).toMatchObject({ ok: true });
  });
});
