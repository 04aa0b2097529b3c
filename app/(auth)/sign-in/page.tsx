import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { actorFromHeaders } from "@/server/auth/actor";
import { oidcSettings } from "@/server/auth/auth";
import { demoUsersOnOffer } from "@/server/users/demo-users-on-offer";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** Only a path on this site: an absolute or protocol-relative `next` would send the user elsewhere after sign-in. */
function safeNext(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value;
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/sign-in") ? next : "/graph";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next);
  const actor = await actorFromHeaders(await headers());
  if (actor && can(actor.roles, "read")) redirect(next);
  const oidc = oidcSettings();
  const demo = await demoUsersOnOffer();
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 px-4 py-10">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 flex items-center gap-2">
          <svg viewBox="0 0 32 32" className="size-8" aria-hidden>
            <rect width="32" height="32" rx="7" fill="#2552e0" />
            <rect x="6" y="6" width="12" height="12" rx="3" fill="#93c5fd" />
            <rect x="14" y="14" width="12" height="12" rx="3" fill="#fff" fillOpacity=".85" />
          </svg>
          <h1 className="text-xl font-semibold tracking-tight text-ink">Sign in to Zoneline</h1>
        </div>
        {actor ? (
          <p role="status" className="mb-5 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            You are signed in as {actor.email}, but your account has no role yet. Ask an admin to give you one, or sign in as someone else.
          </p>
        ) : null}
        <SignInForm
          next={next}
          oidc={oidc ? { name: oidc.name } : null}
          demoUsers={demo.map((user) => ({ email: user.email, name: user.name, roleLabel: user.roles.map((r) => ROLE_LABELS[r]).join(" + "), blurb: user.blurb, password: user.password }))}
        />
      </div>
    </main>
  );
}
