// Approve, reject, revoke or withdraw a sanctioned path (lib/paths/lifecycle.ts
// is the table). The update is conditional on the status the table starts from,
// so of two concurrent decisions exactly one changes the row; the other finds
// nothing to update and is told the request was already decided. The change,
// its world-version entry and its audit entry commit together; then the
// evaluation runs so the violation history follows.
import type { PathStatus, SanctionedPath as PathRow } from "@/generated/prisma/client";
import { alreadyDecided, PATH_TRANSITIONS, refuseTransition, type PathTransition } from "@/lib/paths/lifecycle";
import { DecisionNote } from "@/lib/paths/request";
import { prisma } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { authorize, type Actor } from "../auth/actor";
import { AppError } from "../errors";
import { runEvaluation } from "../evaluations/run-evaluation";
import { runInBackground } from "../run-in-background";
import { currentWorldState } from "../world/world-state";
import { describeWorldChanges } from "../world/world-version";
import { auditDryRun } from "./dry-run-summary";
import { worldPathOf } from "./path-rows";

export type PathDecision = { id: string; transition: PathTransition; note?: string | null };

/**
 * `evaluate`: after the commit, store the evaluation run ("wait", the default),
 * start it and answer at once ("background": the dashboard, where a run over a
 * large world takes seconds while the verdicts are already current through the
 * world version), or leave it to the next run ("skip").
 */
export async function decidePath(actor: Actor | null, decision: PathDecision, { evaluate = "wait" }: { evaluate?: "wait" | "background" | "skip" } = {}) {
  const rule = PATH_TRANSITIONS[decision.transition];
  if (!rule) throw new AppError("INVALID_REQUEST", `transition: unknown transition "${decision.transition}"`);
  const who = authorize(actor, rule.permission);
  const parsedNote = DecisionNote.safeParse(decision.note ?? "");
  if (!parsedNote.success) throw new AppError("INVALID_REQUEST", parsedNote.error.issues[0].message, parsedNote.error.issues.map((i) => i.message));
  const note = parsedNote.data;

  const current = await prisma().sanctionedPath.findUnique({ where: { id: decision.id } });
  if (!current) throw new AppError("NOT_FOUND", `path: no sanctioned path "${decision.id}"`);
  const refusal = refuseTransition(decision.transition, who, current, note);
  if (refusal) throw new AppError(refusal.code, refusal.message, [refusal.message]);
  const at = new Date();
  if (decision.transition === "approve" && current.expiresAt !== null && current.expiresAt <= at) {
    throw new AppError("INVALID_REQUEST", `expiresAt: the request expired on ${current.expiresAt.toISOString()}; reject it and ask for a new one`);
  }

  const reviewer = decision.transition === "withdraw" ? current.reviewer : who.email;
  const decided = worldPathOf({ ...current, status: rule.to as PathStatus, reviewer, reviewedAt: at, reviewNote: note || null });
  const dry = (await currentWorldState()).dryRun({ kind: "putSanctionedPath", path: decided });

  const row = await prisma().$transaction(async (tx) => {
    const updated = await tx.$queryRaw<PathRow[]>`
      UPDATE "SanctionedPath" SET "status" = ${rule.to}::"PathStatus", "reviewer" = ${reviewer}, "reviewedAt" = ${at}, "reviewNote" = ${note || null}
      WHERE "id" = ${current.id} AND "status" = ${rule.from}::"PathStatus"
      RETURNING *`;
    if (updated.length === 0) {
      const now = await tx.sanctionedPath.findUnique({ where: { id: current.id }, select: { status: true } });
      throw new AppError("CONFLICT", alreadyDecided(now?.status ?? "gone"));
    }
    const path = worldPathOf(updated[0]);
    await describeWorldChanges(tx, [{ kind: "putSanctionedPath", path }]);
    await recordAuditEntry(tx, {
      actor: who.email,
      action: `path.${decision.transition}`,
      subject: `path:${path.id}`,
      payload: { path, from: rule.from, to: rule.to, note: note || null, dryRun: auditDryRun(dry) },
      at,
    });
    return updated[0];
  });

  // the decision stands whatever happens here; a failed run is caught up by the next one
  const rerun = () => runEvaluation({ trigger: `path.${decision.transition}`, actor: who.email });
  if (evaluate === "wait") await rerun().catch((error) => console.error("[zoneline] evaluation after a path decision failed", error));
  else if (evaluate === "background") void runInBackground("evaluation after a path decision", rerun);
  return { path: worldPathOf(row), dryRun: dry };
}
