// The signed-in caller, for pages and server actions (route handlers pass
// their request's headers to requireActor themselves).
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { can, type Permission } from "@/lib/auth/permissions";
import { actorFromHeaders, authorize, type Actor } from "@/server/auth/actor";

/**
 * For a page: the actor, or a redirect to sign-in (signed out, or signed in
 * with no role yet: the sign-in page says so). A page that needs more than
 * reading checks `can` itself.
 */
export async function pageActor(): Promise<Actor> {
  const actor = await actorFromHeaders(await headers());
  if (!actor || !can(actor.roles, "read")) redirect("/sign-in");
  return actor;
}

/** For a server action: the actor if they may, else a typed error (never trust the hidden button). */
export async function actionActor(permission: Permission): Promise<Actor> {
  return authorize(await actorFromHeaders(await headers()), permission);
}
