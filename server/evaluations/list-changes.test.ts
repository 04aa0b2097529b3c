import { beforeAll, describe, expect, it } from "vitest";
import { readQuery } from "@/lib/query-params";
import { changesRangeSchema, type ChangesRange } from "@/lib/changes/changes-range";
import { parseWorld } from "@/lib/world";
import { useTestDatabase } from "@/test/use-database";
import { importWorld } from "../world/import-world";
import { listChanges, openViolationsOverTime } from "./list-changes";
import { runEvaluation } from "./run-evaluation";

const db = useTestDatabase("changes");
const now = new Date("2026-11-30T12:00:00Z");
const range = (from: string, to: string): ChangesRange => {
  const read = readQuery(changesRangeSchema(now), { from, to });
  if (!read.ok) throw new Error(read.message);
  return read.value;
};

beforeAll(async () => {
  const parsed = parseWorld({
    zones: [{ id: "ads", name: "Ads", color: "#2563eb", allow: [{ category: "user" }], purposes: [] }],
    assets: [
      { id: "events", namespace: "w", name: "events", kind: "table", zone: "ads", labels: [{ category: "user.behavior", qualifier: "identified" }] },
      { id: "export_a", namespace: "bi", name: "export_a", kind: "report" },
      { id: "export_b", namespace: "bi", name: "export_b", kind: "report" },
    ],
    edges: [
      { from: "events", to: "export_a", signals: ["sql"], firstSeen: "2026-11-09T08:00:00Z" },
      { from: "events", to: "export_b", signals: ["sql"], firstSeen: "2026-10-01T08:00:00Z" },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await importWorld({ world: parsed.world });
  await db.prisma().asset.updateMany({ where: { id: "export_a" }, data: { createdAt: new Date("2026-11-09T08:00:00Z") } });
  await db.prisma().asset.updateMany({ where: { id: { not: "export_a" } }, data: { createdAt: new Date("2026-10-01T08:00:00Z") } });
  // two crossings open on the 10th; one is resolved on the 15th
  await runEvaluation({ trigger: "test", at: new Date("2026-11-10T12:00:00Z") });
  await db.prisma().lineageEdge.deleteMany({ where: { toId: "export_a" } });
  await runEvaluation({ trigger: "test", at: new Date("2026-11-15T12:00:00Z") });
});

describe("changes between two dates", () => {
  it("lists what appeared, opened and was resolved in the range, with counts", async () => {
    const changes = await listChanges(range("2026-11-05", "2026-11-12"), { now });
    expect(changes.assets).toMatchObject({ total: 1, rows: [{ id: "export_a" }] });
    expect(changes.edges.total).toBe(0); // the edge of the 9th was deleted since; the other one is older
    expect(changes.opened.total).toBe(2);
    expect(changes.resolved.total).toBe(0);
    expect(changes.runs.total).toBe(1);

    const later = await listChanges(range("2026-11-13", "2026-11-20"), { now });
    expect(later).toMatchObject({ assets: { total: 0 }, opened: { total: 0 }, resolved: { total: 1, rows: [{ edgeToId: "export_a" }] }, runs: { total: 1 } });
    const older = await listChanges(range("2026-09-25", "2026-10-05"), { now });
    expect(older).toMatchObject({ assets: { total: 2 }, edges: { total: 1, rows: [{ fromId: "events", toId: "export_b" }] }, opened: { total: 0 } });
  });

  it("caps the lists but not the counts", async () => {
    const changes = await listChanges(range("2026-11-05", "2026-11-12"), { now, take: 1 });
    expect(changes.opened).toMatchObject({ total: 2, rows: [expect.anything()] });
  });

  it("charts the open violations at each instant: none, two from the 10th, one from the 15th", async () => {
    const { series } = await listChanges(range("2026-11-08", "2026-11-17"), { now });
    expect(series.map((p) => [p.at.toISOString().slice(0, 10), p.open])).toEqual([
      ["2026-11-08", 0], ["2026-11-09", 0], ["2026-11-10", 0], ["2026-11-11", 2], ["2026-11-12", 2], ["2026-11-13", 2],
      ["2026-11-14", 2], ["2026-11-15", 2], ["2026-11-16", 1], ["2026-11-17", 1], ["2026-11-18", 1],
    ]);
    // an instant equal to a run's instant counts what that run opened and resolved (open at T: opened ≤ T < resolved)
    const exact = await openViolationsOverTime([new Date("2026-11-01T00:00:00Z"), new Date("2026-11-10T12:00:00Z"), new Date("2026-11-15T12:00:00Z")]);
    expect(exact.map((p) => p.open)).toEqual([0, 2, 1]);
    const fromInside = await openViolationsOverTime([new Date("2026-11-12T00:00:00Z"), new Date("2026-11-16T00:00:00Z")]);
    expect(fromInside.map((p) => p.open)).toEqual([2, 1]);
  });
});
