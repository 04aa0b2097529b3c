import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/use-database";
import { auditQuery, auditQueryErrors, listAuditEntries, listAuditFacets } from "./list-audit-entries";
import { recordAuditEntry } from "./record-audit-entry";

const db = useTestDatabase("audit_list");

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  await db.prisma().$transaction(async (tx) => {
    const record = (actor: string, action: string, subject: string, when: string) => recordAuditEntry(tx, { actor, action, subject, payload: {}, at: at(when) });
    await record("ana@example.com", "path.requested", "p1", "2026-03-01T08:00:00Z");
    await record("rui@example.com", "path.approved", "p1", "2026-03-01T23:59:59.999Z");
    await record("ana@example.com", "path.requested", "p2_50%", "2026-03-02T00:00:00Z");
    await record("rui@example.com", "edge.reviewed", "a→b", "2026-03-03T12:00:00Z");
    await record("seed", "world.imported", "demo", "2026-03-04T00:00:00Z");
  });
});

const subjects = async (query: Record<string, string>) => {
  const parsed = auditQuery.parse(query);
  return (await listAuditEntries(parsed)).rows.map((row) => row.subject);
};

describe("the Audit page's filters", () => {
  it("filter by actor and by action, exactly", async () => {
    expect(await subjects({ actor: "ana@example.com" })).toEqual(["p2_50%", "p1"]);
    expect(await subjects({ actor: "ana" })).toEqual([]);
    expect(await subjects({ action: "path.requested" })).toEqual(["p2_50%", "p1"]);
    expect(await subjects({ actor: "rui@example.com", action: "path.approved" })).toEqual(["p1"]);
  });

  it("filter by a range of UTC days, both ends included", async () => {
    expect(await subjects({ from: "2026-03-01", to: "2026-03-01" })).toEqual(["p1", "p1"]);
    expect(await subjects({ from: "2026-03-02" })).toEqual(["demo", "a→b", "p2_50%"]);
    expect(await subjects({ to: "2026-03-02" })).toEqual(["p2_50%", "p1", "p1"]);
  });

  it("combine with the search, which matches % literally", async () => {
    expect(await subjects({ q: "50%", from: "2026-03-01", actor: "ana@example.com" })).toEqual(["p2_50%"]);
    expect(await subjects({ q: "p", action: "path.approved" })).toEqual(["p1"]);
  });

  it("offer the actors and actions present, sorted", async () => {
    expect(await listAuditFacets()).toEqual({
      actors: ["ana@example.com", "rui@example.com", "seed"],
      actions: ["edge.reviewed", "path.approved", "path.requested", "world.imported"],
    });
  });

  it("name the field that is wrong", () => {
    const errorsOf = (query: Record<string, string>) => {
      const result = auditQuery.safeParse(query);
      return result.success ? {} : auditQueryErrors(result.error);
    };
    expect(errorsOf({ from: "yesterday" })).toEqual({ from: "a date as YYYY-MM-DD" });
    expect(errorsOf({ to: "2026-02-30x" })).toEqual({ to: "a date as YYYY-MM-DD" });
    expect(errorsOf({ to: "2026-02-30" })).toEqual({ to: "not a calendar date" });
    expect(errorsOf({ from: "2026-03-02", to: "2026-03-01" })).toEqual({ to: "must not be before from" });
    expect(errorsOf({ from: "", to: "", actor: " ", page: "junk" })).toEqual({});
  });
});
