import { evaluate } from "@/lib/engine/evaluate";
import { prisma } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { bulkUpsert } from "../world/bulk-upsert";
import { loadWorld } from "../world/load-world";

export interface EvaluationSummary {
  runId: number;
  at: Date;
  violationCount: number;
  newViolations: number;
  resolvedViolations: number;
  timings: { loadMs: number; evaluateMs: number; storeMs: number };
}

const subjectOf = (v: { asset: string | null; edge: { from: string; to: string } | null }) =>
  v.asset !== null ? `asset:${v.asset}` : `edge:${v.edge!.from}->${v.edge!.to}`;

/**
 * Loads the graph from Postgres, evaluates it at `at` and stores the run with
 * every violation it found, plus an audit entry that says what changed since
 * the previous run (DESIGN.md 7: new violations raise an alert).
 */
// Runs are serialised: each compares itself with the run before, so two at once would both claim the same news.
const EVALUATION_LOCK = 7_106_501;

export async function runEvaluation({ trigger, actor = "system", at = new Date() }: { trigger: string; actor?: string; at?: Date }): Promise<EvaluationSummary> {
  const timings = { loadMs: 0, evaluateMs: 0, storeMs: 0 };
  const result = await prisma().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${EVALUATION_LOCK})`;
      // one snapshot (repeatable read) for the world and the previous run
      const t0 = performance.now();
      const world = await loadWorld(tx);
      const t1 = performance.now();
      const evaluation = evaluate(world, { at });
      const violations = evaluation.violations.map((v) => ({
        kind: v.kind,
        subject: subjectOf(v),
        assetId: v.asset,
        edgeFromId: v.edge?.from ?? null,
        edgeToId: v.edge?.to ?? null,
        zoneId: v.zone,
        categories: v.categories,
        explanation: v.explanation,
        path: v.path,
      }));
      const t2 = performance.now();
      const previous = await tx.evaluationRun.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
      const before = previous
        ? new Set((await tx.violation.findMany({ where: { runId: previous.id }, select: { kind: true, subject: true } })).map((v) => `${v.kind} ${v.subject}`))
        : new Set<string>();
      const run = await tx.evaluationRun.create({
        data: { at, trigger, actor, assetCount: world.assets.length, edgeCount: world.edges.length, violationCount: violations.length, finishedAt: new Date() },
      });
      await bulkUpsert(
        tx,
        "Violation",
        [
          { name: "runId", type: "int" },
          { name: "kind", type: "text", cast: `r."kind"::"ViolationKind"` },
          { name: "subject", type: "text" },
          { name: "assetId", type: "text" },
          { name: "edgeFromId", type: "text" },
          { name: "edgeToId", type: "text" },
          { name: "zoneId", type: "text" },
          { name: "categories", type: "text[]" },
          { name: "explanation", type: "text" },
          { name: "path", type: "text[]" },
        ],
        violations.map((v) => ({ runId: run.id, ...v })),
        { conflict: ["runId", "kind", "subject"], update: "nothing" },
      );
      const now = new Set(violations.map((v) => `${v.kind} ${v.subject}`));
      const added = [...now].filter((key) => !before.has(key));
      const resolved = [...before].filter((key) => !now.has(key));
      await recordAuditEntry(tx, {
        actor,
        action: "evaluation.run",
        subject: `evaluation:${run.id}`,
        payload: {
          trigger,
          at: at.toISOString(),
          violations: violations.length,
          new: added.slice(0, 100),
          newCount: added.length,
          resolved: resolved.slice(0, 100),
          resolvedCount: resolved.length,
        },
      });
      timings.loadMs = t1 - t0;
      timings.evaluateMs = t2 - t1;
      timings.storeMs = performance.now() - t2;
      return { run, added: added.length, resolved: resolved.length, violationCount: violations.length };
    },
    { timeout: 10 * 60_000, maxWait: 60_000, isolationLevel: "RepeatableRead" },
  );
  return {
    runId: result.run.id,
    at,
    violationCount: result.violationCount,
    newViolations: result.added,
    resolvedViolations: result.resolved,
    timings,
  };
}
