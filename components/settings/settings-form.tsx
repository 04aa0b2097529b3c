"use client";
import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import type { OrganisationSettingsInput } from "@/lib/settings/organisation-settings";
import { Outcome } from "../users/user-forms";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

const inputClass = "mt-1 block w-full max-w-xl rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";
const labelClass = "block text-sm font-medium text-slate-700";
const hintClass = "mt-0.5 block text-xs font-normal text-slate-600";

export function OrganisationSettingsForm({ action, settings, editable }: { action: Action; settings: OrganisationSettingsInput; editable: boolean }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} aria-label="Organisation settings" className="space-y-4">
      <fieldset disabled={!editable || pending} className="space-y-4">
        <label className={labelClass}>
          Organisation name
          <span className={hintClass}>Printed on the title page of every evidence report.</span>
          <input name="organisationName" defaultValue={settings.organisationName} maxLength={200} className={inputClass} />
        </label>
        <label className={labelClass}>
          Controller
          <span className={hintClass}>The legal entity that decides why and how personal data is processed (GDPR Art. 30(1)(a)).</span>
          <input name="controllerName" defaultValue={settings.controllerName} maxLength={200} className={inputClass} />
        </label>
        <label className={labelClass}>
          Controller contact
          <span className={hintClass}>Postal address, email or phone, as the record of processing should state them.</span>
          <textarea name="controllerContact" defaultValue={settings.controllerContact} maxLength={1000} rows={3} className={inputClass} />
        </label>
        <label className={labelClass}>
          Data protection officer contact
          <span className={hintClass}>Optional, where a DPO is designated.</span>
          <textarea name="dpoContact" defaultValue={settings.dpoContact} maxLength={1000} rows={2} className={inputClass} />
        </label>
        <label className={labelClass}>
          Report paper size
          <select name="paperSize" defaultValue={settings.paperSize} className="mt-1 block w-40 rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="A4">A4</option>
            <option value="LETTER">US Letter</option>
          </select>
        </label>
      </fieldset>
      {editable ? (
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : "Save settings"}
        </button>
      ) : null}
      <Outcome state={state} />
    </form>
  );
}
