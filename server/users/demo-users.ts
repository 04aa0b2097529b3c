import type { Role } from "@/lib/auth/permissions";

/**
 * One user per role, created by the seed on the embedded demo database only
 * (never on a real one), and offered for one-click sign-in there. The README
 * lists them with their passwords.
 */
export const DEMO_USERS: { email: string; name: string; roles: Role[]; password: string; blurb: string }[] = [
  { email: "jin.park@example.com", name: "Jin Park", roles: ["engineer"], password: "demo-engineer", blurb: "requests sanctioned paths" },
  { email: "rosa.alvarez@example.com", name: "Rosa Alvarez", roles: ["privacy_reviewer"], password: "demo-reviewer", blurb: "reviews paths, edges and zones" },
  { email: "lena.fischer@example.com", name: "Lena Fischer", roles: ["legal"], password: "demo-legal1", blurb: "reads everything, exports evidence" },
  { email: "kai.morgan@example.com", name: "Kai Morgan", roles: ["admin"], password: "demo-admin1", blurb: "manages users and tokens" },
];
