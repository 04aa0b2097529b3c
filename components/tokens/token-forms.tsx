"use client";
import { useActionState } from "react";
import { TOKEN_SCOPE_DESCRIPTIONS, TOKEN_SCOPES } from "@/lib/auth/token-scopes";
import type { FormState } from "@/lib/form-state";
import { Outcome } from "../users/user-forms";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

export function CreateTokenForm({ action }: { action: Action }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} aria-label="Create a token" className="space-y-3">
      <label className="block text-sm font-medium text-slate-700">
        Name
        <input name="name" required maxLength={80} placeholder="airflow-prod" className="mt-1 block w-72 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm" />
      </label>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Scopes</legend>
        {TOKEN_SCOPES.map((scope) => (
          <label key={scope} htmlFor={`scope-${scope}`} className="flex items-center gap-1.5 text-sm text-slate-700">
            <input id={`scope-${scope}`} type="checkbox" name="scopes" value={scope} className="size-4 rounded border-slate-400" />
            <code className="font-mono">{scope}</code>
            <span className="text-slate-500">{TOKEN_SCOPE_DESCRIPTIONS[scope]}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Creating…" : "Create token"}
      </button>
      <Outcome state={state} />
    </form>
  );
}

export function RevokeTokenButton({ tokenId, name, action }: { tokenId: string; name: string; action: Action }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} aria-label={`Revoke ${name}`}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-rose-700 shadow-sm hover:bg-rose-50 disabled:opacity-60">
        Revoke
      </button>
      <Outcome state={state} />
    </form>
  );
}
