"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { createAuthClient } from "better-auth/react";
import { LogIn } from "lucide-react";

const authClient = createAuthClient();

export interface DemoUser {
  email: string;
  name: string;
  roleLabel: string;
  blurb: string;
  password: string;
}

export function SignInForm({ next, oidc, demoUsers }: { next: string; oidc: { name: string } | null; demoUsers: DemoUser[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function signIn(email: string, password: string, who: string) {
    setBusy(who);
    setError(null);
    const { error: failure } = await authClient.signIn.email({ email, password });
    if (failure) {
      setError(failure.status === 429 ? failure.message || "Too many attempts. Wait a minute and try again." : failure.message || "Sign-in failed.");
      setBusy(null);
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form
        className="space-y-4"
        aria-label="Sign in with email and password"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          void signIn(String(form.get("email") ?? ""), String(form.get("password") ?? ""), "form");
        }}
      >
        <label className="block text-sm font-medium text-slate-700">
          Email
          <input name="email" type="email" autoComplete="username" required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30" />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Password
          <input name="password" type="password" autoComplete="current-password" required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30" />
        </label>
        {error ? (
          <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy !== null} className="inline-flex w-full items-center justify-center gap-2 rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60">
          <LogIn className="size-4" aria-hidden /> {busy === "form" ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidc ? (
        <button
          type="button"
          onClick={() => void authClient.signIn.social({ provider: "oidc", callbackURL: next })}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50"
        >
          Sign in with {oidc.name}
        </button>
      ) : null}
      {demoUsers.length ? (
        <section aria-labelledby="demo-users" className="border-t border-slate-200 pt-5">
          <h2 id="demo-users" className="text-sm font-semibold text-slate-800">
            Try a role (demo database only)
          </h2>
          <ul className="mt-3 grid gap-2">
            {demoUsers.map((user) => (
              <li key={user.email}>
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void signIn(user.email, user.password, user.email)}
                  className="flex w-full items-center justify-between rounded-md border border-slate-200 bg-white px-3 py-2 text-left text-sm shadow-sm hover:border-brand-600 hover:bg-brand-50 disabled:opacity-60"
                >
                  <span>
                    <span className="font-medium text-slate-900">Sign in as {user.roleLabel}</span>
                    <span className="block text-xs text-slate-600">
                      {user.name} · {user.blurb}
                    </span>
                  </span>
                  <span className="text-xs text-slate-600">{busy === user.email ? "…" : user.email}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
