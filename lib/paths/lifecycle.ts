// DESIGN.md "Sanctioned-path lifecycle" as one table: every transition a path
// can take, from which status, who may take it and whether it needs a note.
// The data layer reads it for the check and makes its UPDATE conditional on
// `from`, so two concurrent decisions cannot both win; the UI reads it to show
// only the buttons a caller may use.
import type { Permission, Role } from "../auth/permissions.ts";
import { can } from "../auth/permissions.ts";

export type PathStatusName = "pending" | "approved" | "rejected" | "revoked" | "withdrawn";

export const PATH_TRANSITIONS = {
  approve: { from: "pending", to: "approved", permission: "path.decide", actor: "not-requester", noteRequired: false, verb: "approved" },
  reject: { from: "pending", to: "rejected", permission: "path.decide", actor: "not-requester", noteRequired: true, verb: "rejected" },
  revoke: { from: "approved", to: "revoked", permission: "path.decide", actor: "not-requester", noteRequired: true, verb: "revoked" },
  withdraw: { from: "pending", to: "withdrawn", permission: "path.request", actor: "requester", noteRequired: false, verb: "withdrawn" },
} as const satisfies Record<string, { from: PathStatusName; to: PathStatusName; permission: Permission; actor: "requester" | "not-requester"; noteRequired: boolean; verb: string }>;

export type PathTransition = keyof typeof PATH_TRANSITIONS;
export const PATH_TRANSITION_NAMES = Object.keys(PATH_TRANSITIONS) as PathTransition[];

export function isPathTransition(value: string): value is PathTransition {
  return Object.hasOwn(PATH_TRANSITIONS, value);
}

export type TransitionRefusal = { code: "FORBIDDEN" | "CONFLICT" | "INVALID_REQUEST"; message: string };

/**
 * Why `who` may not take `transition` on a path in `status` requested by
 * `requester`, or null when they may. Nobody reviews their own request,
 * whatever roles they hold; only the requester withdraws.
 */
export function refuseTransition(
  transition: PathTransition,
  who: { email: string; roles: readonly Role[] },
  path: { status: string; requester: string | null },
  note: string,
): TransitionRefusal | null {
  const rule = PATH_TRANSITIONS[transition];
  if (!can(who.roles, rule.permission)) return { code: "FORBIDDEN", message: `your roles (${who.roles.join(", ") || "none"}) do not allow ${rule.permission}` };
  const own = path.requester !== null && path.requester.toLowerCase() === who.email.toLowerCase();
  if (rule.actor === "not-requester" && own) return { code: "FORBIDDEN", message: "nobody reviews their own request: another privacy reviewer must decide it" };
  if (rule.actor === "requester" && !own) return { code: "FORBIDDEN", message: "only the requester may withdraw a request" };
  if (path.status !== rule.from) return { code: "CONFLICT", message: alreadyDecided(path.status) };
  if (rule.noteRequired && note.trim() === "") return { code: "INVALID_REQUEST", message: `note: required to ${transition}` };
  return null;
}

export function alreadyDecided(status: string): string {
  return `this request was already decided (it is ${status})`;
}

/** The transitions `who` could take on a path now (what the UI offers). */
export function availableTransitions(who: { email: string; roles: readonly Role[] }, path: { status: string; requester: string | null }): PathTransition[] {
  return PATH_TRANSITION_NAMES.filter((t) => refuseTransition(t, who, path, "a note") === null);
}
