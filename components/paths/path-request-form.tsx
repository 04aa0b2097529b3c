"use client";
// The request form: zones, categories (pre-filled from a graph edge), purpose,
// justification and expiry. "Check impact" runs the engine's dry run on the
// server before anything is sent; the server validates again on send.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ArrowRight, Plus, X } from "lucide-react";
import { errorsByField, type PathRequestFields } from "@/lib/paths/request";
import type { DryRun } from "@/lib/engine/dry-run";
import { DryRunView } from "./dry-run-view";

type Preview = { ok: true; warnings: string[]; dryRun: DryRun } | { ok: false; errors: string[] };
type Sent = { ok: true; id: string; warnings: string[] } | { ok: false; errors: string[] } | null;

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

function FieldErrors({ messages, id }: { messages?: string[]; id: string }) {
  if (!messages?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs font-medium text-rose-700" role="alert">
      {messages.map((m) => <li key={m}>{m}</li>)}
    </ul>
  );
}

export function PathRequestForm({
  zones,
  categories,
  purposes,
  initial,
  edgeLabel,
  actions,
}: {
  zones: { id: string; name: string; color: string }[];
  categories: string[];
  purposes: string[];
  initial: PathRequestFields;
  edgeLabel: string | null;
  actions: { preview: (fields: PathRequestFields) => Promise<Preview>; request: (fields: PathRequestFields) => Promise<Sent> };
}) {
  const router = useRouter();
  const [fields, setFields] = useState(initial);
  const [draft, setDraft] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [sent, setSent] = useState<Sent>(null);
  const [checking, startCheck] = useTransition();
  const [sending, startSend] = useTransition();
  const errors = errorsByField([...(preview && !preview.ok ? preview.errors : []), ...(sent && !sent.ok ? sent.errors : [])]);
  const warnings = errorsByField(preview?.ok ? preview.warnings : []);

  const update = (change: Partial<PathRequestFields>) => {
    setFields((f) => ({ ...f, ...change }));
    setPreview(null); // a dry run answers for the request as it was
    setSent(null);
  };
  const addCategory = () => {
    const key = draft.trim();
    if (key && !fields.categories.includes(key)) update({ categories: [...fields.categories, key] });
    setDraft("");
  };
  const check = () => startCheck(async () => setPreview(await actions.preview(fields)));
  const send = () =>
    startSend(async () => {
      const result = await actions.request(fields);
      setSent(result);
      if (result?.ok) router.push(`/paths?requested=${encodeURIComponent(result.id)}`);
    });

  return (
    <form
      aria-label="Request a sanctioned path"
      className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <div className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        {edgeLabel ? (
          <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
            From the graph: <span className="font-mono">{edgeLabel}</span>. Zones and the categories flowing along it are filled in.
          </p>
        ) : null}
        <div className="grid grid-cols-[1fr_auto_1fr] items-start gap-3">
          <label className="text-sm font-medium text-slate-700">
            From zone
            <select name="from" value={fields.from} onChange={(e) => update({ from: e.target.value })} className={input} aria-invalid={!!errors.from} aria-describedby="from-errors">
              <option value="">Choose a zone…</option>
              {zones.map((z) => <option key={z.id} value={z.id}>{z.name}</option>)}
            </select>
            <FieldErrors messages={errors.from} id="from-errors" />
          </label>
          <ArrowRight className="mt-8 size-4 text-slate-400" aria-hidden />
          <label className="text-sm font-medium text-slate-700">
            To zone
            <select name="to" value={fields.to} onChange={(e) => update({ to: e.target.value })} className={input} aria-invalid={!!errors.to} aria-describedby="to-errors">
              <option value="">Out of all zones</option>
              {zones.map((z) => <option key={z.id} value={z.id}>{z.name}</option>)}
            </select>
            <FieldErrors messages={errors.to} id="to-errors" />
          </label>
        </div>

        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Categories the path allows</legend>
          <div className="mt-1 flex flex-wrap gap-1.5" data-testid="chosen-categories">
            {fields.categories.map((c) => (
              <span key={c} className="inline-flex items-center gap-1 rounded-full border border-slate-200 bg-slate-50 py-0.5 pl-2 pr-1 font-mono text-xs text-slate-800">
                {c}
                <button type="button" onClick={() => update({ categories: fields.categories.filter((x) => x !== c) })} className="rounded-full p-0.5 text-slate-400 hover:bg-slate-200 hover:text-slate-700" aria-label={`Remove ${c}`}>
                  <X className="size-3" />
                </button>
              </span>
            ))}
            {fields.categories.length === 0 ? <span className="text-xs text-slate-400">none yet</span> : null}
          </div>
          <div className="mt-2 flex gap-2">
            <input
              list="category-keys"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  addCategory();
                }
              }}
              placeholder="user.behavior.purchase_history"
              aria-label="Add a category"
              className={`${input} mt-0 font-mono`}
            />
            <button type="button" onClick={addCategory} className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50">
              <Plus className="size-4" aria-hidden /> Add
            </button>
          </div>
          <datalist id="category-keys">{categories.map((c) => <option key={c} value={c} />)}</datalist>
          <FieldErrors messages={errors.categories} id="categories-errors" />
          {warnings.categories ? <p className="mt-1 text-xs font-medium text-amber-700" data-testid="category-warning">{warnings.categories.join(" ")}</p> : null}
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <label className="text-sm font-medium text-slate-700">
            Purpose <span className="font-normal text-slate-400">(optional)</span>
            <select name="purpose" value={fields.purpose} onChange={(e) => update({ purpose: e.target.value })} className={input}>
              <option value="">Any purpose</option>
              {purposes.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
            <FieldErrors messages={errors.purpose} id="purpose-errors" />
          </label>
          <label className="text-sm font-medium text-slate-700">
            Expires <span className="font-normal text-slate-400">(optional, end of that day UTC)</span>
            <input type="date" name="expiresAt" value={fields.expiresAt} onChange={(e) => update({ expiresAt: e.target.value })} className={input} aria-invalid={!!errors.expiresAt} />
            <FieldErrors messages={errors.expiresAt} id="expires-errors" />
          </label>
        </div>

        <label className="block text-sm font-medium text-slate-700">
          Justification
          <textarea name="justification" rows={4} value={fields.justification} onChange={(e) => update({ justification: e.target.value })} placeholder="Why this data must cross, what is done to it first, who reads it." className={input} aria-invalid={!!errors.justification} />
          <FieldErrors messages={errors.justification} id="justification-errors" />
        </label>
        <FieldErrors messages={[...(errors.form ?? []), ...(errors.input ?? [])]} id="form-errors" />

        <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
          <button type="button" onClick={check} disabled={checking} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50 disabled:opacity-60">
            {checking ? "Checking…" : "Check impact"}
          </button>
          <button type="submit" disabled={sending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60">
            {sending ? "Sending…" : "Send request"}
          </button>
          <span className="text-xs text-slate-500">A privacy reviewer decides; you can withdraw it while it is pending.</span>
        </div>
      </div>

      <aside className="space-y-3" aria-label="Impact if approved">
        <h3 className="text-sm font-semibold text-slate-900">If a reviewer approves it</h3>
        {preview?.ok ? (
          <DryRunView dryRun={preview.dryRun} />
        ) : (
          <p className="rounded-md border border-dashed border-slate-300 bg-white px-3 py-6 text-center text-sm text-slate-500">
            {checking ? "Evaluating on the current world…" : "Check impact to see which violations this path would resolve, and which it would not and why."}
          </p>
        )}
      </aside>
    </form>
  );
}
