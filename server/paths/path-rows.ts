// A stored sanctioned path in the world file's shape (DESIGN.md "World file"),
// as the engine, the world-version log and the audit entries carry it.
import type { SanctionedPath as PathRow } from "@/generated/prisma/client";
import type { SanctionedPath } from "@/lib/world/schema";

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function worldPathOf(row: PathRow): SanctionedPath {
  return {
    id: row.id,
    from: row.fromZoneId,
    to: row.toZoneId,
    categories: row.categories,
    purpose: row.purposeKey,
    justification: row.justification,
    requester: row.requester,
    reviewer: row.reviewer,
    status: row.status,
    expiresAt: iso(row.expiresAt),
    requestedAt: iso(row.requestedAt),
    reviewedAt: iso(row.reviewedAt),
    reviewNote: row.reviewNote,
  };
}
