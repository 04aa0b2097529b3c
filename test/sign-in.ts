// Signed-in requests for tests: a real user, signed in through better-auth
// against the test's database, and the session cookie it set (no mocks).
import { getAuth } from "@/server/auth/auth";
import { createUser } from "@/server/users/manage-users";
import type { Role } from "@/lib/auth/permissions";

const cookies = new Map<string, string>();

/** A Cookie header for a user holding exactly `roles` (created on first use per set of roles). */
export async function sessionCookie(roles: Role[]): Promise<string> {
  const key = [...roles].sort().join("+") || "none";
  const known = cookies.get(key);
  if (known) return known;
  const email = `${key.replaceAll("+", ".")}.${Date.now().toString(36)}@test.zoneline`;
  const password = "a-long-test-password";
  await createUser({ system: "cli" }, { email, name: `Test ${key}`, roles }, { password });
  const { headers } = await getAuth().api.signInEmail({ body: { email, password }, returnHeaders: true });
  const cookie = headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  if (!cookie) throw new Error("sign-in set no cookie");
  cookies.set(key, cookie);
  return cookie;
}

/** Headers of a request from a signed-in user with these roles. */
export async function signedIn(roles: Role[], extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return { cookie: await sessionCookie(roles), ...extra };
}

/** Forget cookies (a new test database). */
export function forgetSessions(): void {
  cookies.clear();
}
