"use client";
import { useActionState } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";

import type { FormState as UserFormState } from "@/lib/form-state";
type Action = (state: UserFormState, form: FormData) => Promise<UserFormState>;

export function Outcome({ state }: { state: UserFormState }) {
  if (!state) return null;
  if (!state.ok)
    return (
      <ul role="alert" className="mt-2 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
        {state.errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    );
  return (
    <p role="status" className="mt-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      {state.message} {state.secret ? <code data-testid="one-time-password" className="ml-1 select-all rounded bg-white px-1.5 py-0.5 font-mono text-sm text-ink">{state.secret}</code> : null}
    </p>
  );
}

function RoleBoxes({ selected, idPrefix }: { selected: Role[]; idPrefix: string }) {
  return (
    <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
      <legend className="sr-only">Roles</legend>
      {ROLES.map((role) => (
        <label key={role} htmlFor={`${idPrefix}-${role}`} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
          <input id={`${idPrefix}-${role}`} type="checkbox" name="roles" value={role} defaultChecked={selected.includes(role)} className="size-4 rounded border-slate-400" />
          {ROLE_LABELS[role]}
        </label>
      ))}
    </fieldset>
  );
}

const button = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 disabled:opacity-60";

export function AddUserForm({ action }: { action: Action }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} aria-label="Add a user" className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <label className="text-sm font-medium text-slate-700">
          Email
          <input name="email" type="email" required className="mt-1 block w-72 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm" />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Name
          <input name="name" required className="mt-1 block w-56 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm" />
        </label>
      </div>
      <RoleBoxes selected={["engineer"]} idPrefix="new" />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Adding…" : "Add user"}
      </button>
      <Outcome state={state} />
    </form>
  );
}

export function UserRow({ user, actions }: { user: { id: string; email: string; roles: Role[]; disabled: boolean }; actions: { saveRoles: Action; setActive: Action; resetPassword: Action } }) {
  const [rolesState, saveRoles, savingRoles] = useActionState(actions.saveRoles, null);
  const [activeState, setActive, settingActive] = useActionState(actions.setActive, null);
  const [passwordState, resetPassword, resetting] = useActionState(actions.resetPassword, null);
  return (
    <div className="space-y-2">
      <form action={saveRoles} aria-label={`Roles of ${user.email}`} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="userId" value={user.id} />
        <RoleBoxes selected={user.roles} idPrefix={user.id} />
        <button type="submit" disabled={savingRoles} className={button}>
          Save roles
        </button>
      </form>
      <div className="flex flex-wrap gap-2">
        <form action={setActive}>
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="disable" value={user.disabled ? "0" : "1"} />
          <button type="submit" disabled={settingActive} className={button}>
            {user.disabled ? "Enable" : "Disable"}
          </button>
        </form>
        <form action={resetPassword}>
          <input type="hidden" name="userId" value={user.id} />
          <button type="submit" disabled={resetting} className={button}>
            Reset password
          </button>
        </form>
      </div>
      <Outcome state={rolesState ?? activeState ?? passwordState} />
    </div>
  );
}
