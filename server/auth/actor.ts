// Who is calling: the signed-in user behind a request's session cookie, with
// the roles the database holds for them now (a role removed takes effect on
// the next request, not at the next sign-in). Every page, server action and
// route handler asks through here, then `authorize` checks the permission.
import { can, type Permission, type Role } from "@/lib/auth/permissions";
import { prisma } from "../db";
import { AppError } from "../errors";
import { getAuth } from "./auth";

export interface Actor {
  id: string;
  email: string;
  name: string;
  roles: Role[];
}

export async function actorFromHeaders(headers: Headers): Promise<Actor | null> {
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  const user = await prisma().user.findUnique({ where: { id: session.user.id }, select: { id: true, email: true, name: true, roles: true, disabledAt: true } });
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, roles: user.roles as Role[] };
}

/** The actor if they may; a typed error (401 signed out, 403 not allowed) otherwise. */
export function authorize(actor: Actor | null, permission: Permission): Actor {
  if (!actor) throw new AppError("UNAUTHORIZED", "sign in first");
  if (!can(actor.roles, permission)) throw new AppError("FORBIDDEN", `your roles (${actor.roles.join(", ") || "none"}) do not allow ${permission}`);
  return actor;
}

export async function requireActor(headers: Headers, permission: Permission): Promise<Actor> {
  return authorize(await actorFromHeaders(headers), permission);
}
