// How long an evaluation stays true. The only rule that depends on the instant
// is a sanctioned path's expiry (DESIGN.md 5: expired when expiresAt ≤ at), so
// verdicts computed at `at` hold until the first approved path expires after it.
import type { SanctionedPath } from "../world/schema.ts";

export function verdictsValidUntil(paths: Iterable<Pick<SanctionedPath, "status" | "expiresAt">>, at: Date): Date | null {
  let next = Infinity;
  for (const path of paths) {
    if (path.status !== "approved" || path.expiresAt === null) continue;
    const expiry = Date.parse(path.expiresAt);
    if (expiry > at.getTime() && expiry < next) next = expiry;
  }
  return Number.isFinite(next) ? new Date(next) : null;
}
