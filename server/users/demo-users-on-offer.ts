import { prisma } from "../db";
import { currentDatabaseUrl } from "../db";
import { DEMO_USERS } from "./demo-users";

/**
 * The demo users the sign-in page may offer for one-click sign-in: only on the
 * embedded demo database, and only those that exist there. On a real database
 * (DATABASE_URL) never, even if someone created users with these addresses.
 */
export async function demoUsersOnOffer(): Promise<typeof DEMO_USERS> {
  let embedded = false;
  try {
    embedded = currentDatabaseUrl().embedded;
  } catch {
    return [];
  }
  if (!embedded) return [];
  const present = new Set(
    (await prisma().user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) }, disabledAt: null }, select: { email: true } }).catch(() => [])).map((u) => u.email),
  );
  return DEMO_USERS.filter((user) => present.has(user.email));
}
