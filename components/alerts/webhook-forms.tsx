"use client";
import { useActionState } from "react";
import { WEBHOOK_SECRET_MIN } from "@/lib/alerts/webhook-input";
import type { FormState } from "@/lib/form-state";
import { Outcome } from "../users/user-forms";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";

export function AddWebhookForm({ zoneId, action }: { zoneId: string; action: Action }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} aria-label="Add a webhook" className="grid gap-3 md:grid-cols-[2fr_1fr_1fr_auto] md:items-end">
      <input type="hidden" name="zoneId" value={zoneId} />
      <label className="block text-sm font-medium text-slate-700">
        URL
        <input name="url" type="url" required placeholder="https://alerts.example.com/zoneline" className={inputClass} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Description <span className="font-normal text-slate-400">(optional)</span>
        <input name="description" maxLength={200} placeholder="#privacy-alerts" className={inputClass} />
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Signing secret <span className="font-normal text-slate-400">(empty: generated)</span>
        <input name="secret" type="password" autoComplete="off" minLength={WEBHOOK_SECRET_MIN} className={inputClass} />
      </label>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Adding…" : "Add webhook"}
      </button>
      <div className="md:col-span-4">
        <Outcome state={state} />
      </div>
    </form>
  );
}

export function RemoveWebhookButton({ webhookId, url, action }: { webhookId: string; url: string; action: Action }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} aria-label={`Remove webhook ${url}`}>
      <input type="hidden" name="webhookId" value={webhookId} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-rose-700 shadow-sm hover:bg-rose-50 disabled:opacity-60">
        Remove
      </button>
      <Outcome state={state} />
    </form>
  );
}

export function TestDeliveryButton({ webhookId, url, action }: { webhookId: string; url: string; action: Action }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit} aria-label={`Send a test delivery to ${url}`}>
      <input type="hidden" name="webhookId" value={webhookId} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60">
        {pending ? "Sending…" : "Send test delivery"}
      </button>
      <Outcome state={state} />
    </form>
  );
}
