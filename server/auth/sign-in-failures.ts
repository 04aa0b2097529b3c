import { prisma } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";

/** Failed attempts per account within the window before it is locked for the rest of the window. */
export const LOCKOUT = { failures: 5, windowMs: 15 * 60_000 };

/** Milliseconds until the account may try again, or 0. */
export async function signInLockout(email: string, now = new Date()): Promise<number> {
  if (!email) return 0;
  const since = new Date(now.getTime() - LOCKOUT.windowMs);
  const recent = await prisma().signInFailure.findMany({
    where: { email, at: { gt: since } },
    orderBy: { at: "desc" },
    take: LOCKOUT.failures,
    select: { at: true },
  });
  if (recent.length < LOCKOUT.failures) return 0;
  return Math.max(0, recent[LOCKOUT.failures - 1].at.getTime() + LOCKOUT.windowMs - now.getTime());
}

/**
 * A failed sign-in is an audit entry (DESIGN.md "Audit log": sign-in failures).
 * Only wrong credentials count towards the lockout; refusals of a locked or
 * disabled account are audited but do not extend it.
 */
export async function recordSignInFailure({ email, ip, reason }: { email: string; ip: string | null; reason: "credentials" | "locked" | "disabled" }): Promise<void> {
  await prisma().$transaction(async (tx) => {
    if (reason === "credentials") await tx.signInFailure.create({ data: { email, ip } });
    await recordAuditEntry(tx, { actor: email || "(no email)", action: "auth.sign_in_failed", subject: `user:${email}`, payload: { email, ip, reason } });
  });
}
