// An engineer (or reviewer) requests a sanctioned path (DESIGN.md lifecycle:
// it starts pending). The request, its world-version entry and its audit entry
// are one transaction; the audit entry carries the dry run the requester saw.
import crypto from "node:crypto";
import type { DryRun } from "@/lib/engine/dry-run";
import { prisma } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { authorize, type Actor } from "../auth/actor";
import { currentWorldState } from "../world/world-state";
import { describeWorldChanges } from "../world/world-version";
import { checkPathRequest, triedPath, type RequestEdge } from "./check-path-request";
import { auditDryRun } from "./dry-run-summary";
import { worldPathOf } from "./path-rows";

/** The id the dry run tries a request under (never stored: a stored path gets its own id). */
const PREVIEW_ID = "zoneline:preview";

export type PathPreview = { warnings: string[]; dryRun: DryRun };

/** What the request would do if approved, without writing anything. */
export async function previewPathRequest(actor: Actor | null, input: unknown, edge: RequestEdge = null): Promise<PathPreview> {
  const requester = authorize(actor, "path.request");
  const state = await currentWorldState();
  const { request, warnings } = checkPathRequest(state, input, edge);
  return { warnings, dryRun: state.dryRun({ kind: "putSanctionedPath", path: triedPath(PREVIEW_ID, request, requester.email) }) };
}

function newPathId(from: string, to: string | null): string {
  const slug = `${from}-to-${to ?? "outside"}`.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").slice(0, 80);
  return `${slug}-${crypto.randomBytes(3).toString("hex")}`;
}

export async function requestPath(actor: Actor | null, input: unknown, edge: RequestEdge = null) {
  const requester = authorize(actor, "path.request");
  const state = await currentWorldState();
  const { request, warnings } = checkPathRequest(state, input, edge);
  const id = newPathId(request.from, request.to);
  const dry = state.dryRun({ kind: "putSanctionedPath", path: triedPath(id, request, requester.email) });
  const row = await prisma().$transaction(async (tx) => {
    const created = await tx.sanctionedPath.create({
      data: {
        id,
        fromZoneId: request.from,
        toZoneId: request.to,
        categories: request.categories,
        purposeKey: request.purpose,
        justification: request.justification,
        requester: requester.email,
        status: "pending",
        expiresAt: request.expiresAt,
        requestedAt: new Date(),
      },
    });
    const path = worldPathOf(created);
    await describeWorldChanges(tx, [{ kind: "putSanctionedPath", path }]);
    await recordAuditEntry(tx, {
      actor: requester.email,
      action: "path.request",
      subject: `path:${id}`,
      payload: { path, from: null, to: "pending", note: null, warnings, dryRun: auditDryRun(dry) },
    });
    return created;
  });
  return { path: worldPathOf(row), warnings, dryRun: dry };
}
