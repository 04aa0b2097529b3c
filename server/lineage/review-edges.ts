// Edge review (DESIGN.md 7: edges never seen before are `unreviewed` until a
// reviewer marks them). One call is one decision: one audit entry listing the
// edges, written in the transaction that marks them, with the world version
// described so every app process replays the new review state.
import { z } from "zod";
import type { WorldChange } from "@/lib/engine/incremental";
import { prisma } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { authorize, type Actor } from "../auth/actor";
import { AppError } from "../errors";
import { edgeOfRow, type EdgeRow } from "../world/load-world";
import { describeWorldChanges } from "../world/world-version";

/** More than this in one decision is refused: a reviewer should look at what they approve, a page at a time. */
export const MAX_EDGES_PER_REVIEW = 500;

const EdgeRef = z.object({ from: z.string().min(1, "must not be empty"), to: z.string().min(1, "must not be empty") });
export const ReviewEdgesInput = z.object({
  edges: z.array(EdgeRef).min(1, "select at least one edge").max(MAX_EDGES_PER_REVIEW, `at most ${MAX_EDGES_PER_REVIEW} edges at once`),
});
export type EdgeRef = z.infer<typeof EdgeRef>;

export interface ReviewEdgesResult {
  reviewed: EdgeRef[];
  /** already reviewed (by someone else, or earlier): left as they were */
  skipped: (EdgeRef & { reviewedBy: string | null; reviewedAt: Date | null })[];
  reviewedAt: Date;
}

const edgeKey = (from: string, to: string) => `${from}\u0000${to}`;

export async function reviewEdges(actor: Actor, input: unknown): Promise<ReviewEdgesResult> {
  authorize(actor, "edge.review");
  const parsed = ReviewEdgesInput.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`.replace(/\.(\d+)(?=[.:])/g, "[$1]"));
    throw new AppError("INVALID_REQUEST", details[0], details);
  }
  const wanted = dedupe(parsed.data.edges);
  const froms = wanted.map((e) => e.from);
  const tos = wanted.map((e) => e.to);
  const reviewedAt = new Date();

  return prisma().$transaction(async (tx) => {
    const existing = await tx.$queryRaw<{ fromId: string; toId: string; reviewState: string; reviewedBy: string | null; reviewedAt: Date | null }[]>`
      SELECT e."fromId", e."toId", e."reviewState"::text AS "reviewState", e."reviewedBy", e."reviewedAt"
      FROM "LineageEdge" e JOIN unnest(${froms}::text[], ${tos}::text[]) AS w("fromId", "toId") ON e."fromId" = w."fromId" AND e."toId" = w."toId"`;
    const found = new Map(existing.map((row) => [edgeKey(row.fromId, row.toId), row]));
    const unknown = parsed.data.edges.flatMap((e, i) => (found.has(edgeKey(e.from, e.to)) ? [] : [`edges[${i}]: unknown edge "${e.from}" → "${e.to}"`]));
    if (unknown.length) throw new AppError("NOT_FOUND", unknown[0], unknown);

    // Conditional on the state, so two reviewers marking one edge at once record one decision, not two.
    const updated = await tx.$queryRaw<EdgeRow[]>`
      UPDATE "LineageEdge" e SET "reviewState" = 'reviewed', "reviewedBy" = ${actor.email}, "reviewedAt" = ${reviewedAt}
      FROM unnest(${froms}::text[], ${tos}::text[]) AS w("fromId", "toId")
      WHERE e."fromId" = w."fromId" AND e."toId" = w."toId" AND e."reviewState" = 'unreviewed'
      RETURNING e."fromId", e."toId", e."transforms", e."signals"::text[] AS "signals", e."firstSeen", e."lastSeen",
                e."reviewState"::text AS "reviewState", e."reviewedBy", e."reviewedAt"`;
    const done = new Set(updated.map((row) => edgeKey(row.fromId, row.toId)));
    const reviewed = wanted.filter((e) => done.has(edgeKey(e.from, e.to)));
    const notDone = wanted.filter((e) => !done.has(edgeKey(e.from, e.to)));
    // Read who reviewed them after the UPDATE: when another reviewer won the race, the rows read before it
    // (at read committed) still show them unreviewed; a new statement sees the winner's commit.
    const current = notDone.length
      ? new Map(
          (
            await tx.$queryRaw<{ fromId: string; toId: string; reviewedBy: string | null; reviewedAt: Date | null }[]>`
              SELECT e."fromId", e."toId", e."reviewedBy", e."reviewedAt" FROM "LineageEdge" e
              JOIN unnest(${notDone.map((e) => e.from)}::text[], ${notDone.map((e) => e.to)}::text[]) AS w("fromId", "toId") ON e."fromId" = w."fromId" AND e."toId" = w."toId"`
          ).map((row) => [edgeKey(row.fromId, row.toId), row]),
        )
      : found;
    const skipped = notDone.map((e) => {
      const row = current.get(edgeKey(e.from, e.to)) ?? found.get(edgeKey(e.from, e.to))!;
      return { ...e, reviewedBy: row.reviewedBy, reviewedAt: row.reviewedAt };
    });
    if (updated.length === 0) return { reviewed, skipped, reviewedAt };

    const changes: WorldChange[] = updated.map((row) => ({ kind: "putEdge", edge: edgeOfRow(row) }));
    await describeWorldChanges(tx, changes);
    const subject = reviewed.length === 1 ? `edge:${reviewed[0].from}->${reviewed[0].to}` : `edges:${reviewed.length}`;
    await recordAuditEntry(tx, {
      actor: actor.email,
      action: "edge.review",
      subject,
      at: reviewedAt,
      payload: {
        edges: reviewed.map((e) => ({ from: e.from, to: e.to })),
        skipped: skipped.map((e) => ({ from: e.from, to: e.to, reviewedBy: e.reviewedBy })),
      },
    });
    return { reviewed, skipped, reviewedAt };
  });
}

function dedupe(edges: EdgeRef[]): EdgeRef[] {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const key = edgeKey(e.from, e.to);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
