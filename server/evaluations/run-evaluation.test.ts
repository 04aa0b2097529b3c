import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyChain, type AuditEntry } from "@/lib/audit";
import { evaluate } from "@/lib/engine/evaluate";
import { parseWorld } from "@/lib/world";
import { useTestDatabase } from "@/test/use-database";
import { importWorld } from "../world/import-world";
import { runEvaluation } from "./run-evaluation";
import { listLatestViolations } from "./list-violations";

const db = useTestDatabase("eval");
const demoFile = path.resolve(import.meta.dirname, "../../examples/demo.world.json");

describe("evaluation runs stored in Postgres", () => {
  it("stores exactly the engine's violations, and the next run reports what changed", async () => {
    const parsed = parseWorld(JSON.parse(fs.readFileSync(demoFile, "utf8")));
    if (!parsed.ok) throw new Error("demo world invalid");
    await importWorld({ world: parsed.world });
    const at = new Date("2026-11-24T12:00:00Z");
    const expected = evaluate(parsed.world, { at }).violations;
    expect(expected.length).toBeGreaterThan(0);

    const first = await runEvaluation({ trigger: "test", at });
    expect(first.violationCount).toBe(expected.length);
    expect(first.newViolations).toBe(expected.length);
    const stored = await db.prisma().violation.findMany({ where: { runId: first.runId } });
    const key = (v: { kind: string; assetId?: string | null; edgeFromId?: string | null; edgeToId?: string | null }) => `${v.kind} ${v.assetId ?? ""} ${v.edgeFromId ?? ""} ${v.edgeToId ?? ""}`;
    expect(stored.map(key).sort()).toEqual(expected.map((v) => key({ kind: v.kind, assetId: v.asset, edgeFromId: v.edge?.from, edgeToId: v.edge?.to })).sort());
    for (const v of expected) {
      const row = stored.find((s) => key(s) === key({ kind: v.kind, assetId: v.asset, edgeFromId: v.edge?.from, edgeToId: v.edge?.to }))!;
      expect(row).toMatchObject({ zoneId: v.zone, categories: v.categories, explanation: v.explanation, path: v.path });
    }

    // remove the edge behind one crossing: the next run resolves it
    const crossing = expected.find((v) => v.kind === "unsanctioned_crossing")!;
    await db.prisma().lineageEdge.delete({ where: { fromId_toId: { fromId: crossing.edge!.from, toId: crossing.edge!.to } } });
    const second = await runEvaluation({ trigger: "test", at });
    expect(second.resolvedViolations).toBeGreaterThanOrEqual(1);
    expect(second.violationCount).toBeLessThan(first.violationCount);

    const latest = await listLatestViolations({ kind: "unsanctioned_crossing" });
    expect(latest.run?.id).toBe(second.runId);
    expect(latest.violations.every((v) => v.kind === "unsanctioned_crossing")).toBe(true);

    const entries = await db.prisma().auditEntry.findMany({ orderBy: { sequence: "asc" } });
    expect(entries.filter((e) => e.action === "evaluation.run")).toHaveLength(2);
    expect(verifyChain(entries as unknown as AuditEntry[])).toMatchObject({ ok: true });
  });
});
