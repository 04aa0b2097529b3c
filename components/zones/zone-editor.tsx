"use client";
// The zone form: details, rules (add, remove, reorder), purposes and mode, with
// the engine's dry run of the form as it stands, refreshed as the reviewer
// types, so what a save would add and resolve is on screen before saving.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { ArrowDown, ArrowUp, Plus, Save, Trash2 } from "lucide-react";
import { QUALIFIERS, ZONE_MODES } from "@/lib/world/schema";
import { zoneIdFromName, type ZoneDraftInput } from "@/lib/zones/zone-draft";
import type { ZoneDryRun } from "@/lib/zones/zone-dry-run";
import { DryRunPanel } from "./dry-run-panel";

type Rule = { category: string; minQualifier: (typeof QUALIFIERS)[number]; requireConsent: boolean };
export type ZoneEditorDraft = {
  id: string | null;
  name: string;
  description: string;
  color: string;
  owner: string;
  mode: (typeof ZONE_MODES)[number];
  rules: Rule[];
  purposes: string[];
  dataSubjects: string[];
  retention: string;
};
type Vocabulary = { categories: { key: string; name: string }[]; purposes: { key: string; name: string }[]; dataSubjects: { key: string; name: string; description: string | null }[] };
type Actions = {
  preview: (input: ZoneDraftInput) => Promise<{ ok: true; dryRun: ZoneDryRun } | { ok: false; errors: string[] }>;
  save: (input: ZoneDraftInput) => Promise<{ ok: true; id: string; message: string } | { ok: false; errors: string[] }>;
};

const control = "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100";
const input = `block w-full ${control}`;
const iconButton = "rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 disabled:opacity-30 disabled:hover:bg-transparent";
const MODE_TEXT = {
  enforcing: "Violations are found and admission denies jobs whose inputs are not permitted.",
  logging: "Violations are found and shown the same; admission records what it would deny instead of denying it.",
} as const;

function FieldErrors({ errors }: { errors: string[] }) {
  if (!errors.length) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-rose-700" data-testid="field-error">
      {errors.map((e) => <li key={e}>{e}</li>)}
    </ul>
  );
}

export function ZoneEditor({ initial, vocabulary, actions, cancelHref }: { initial: ZoneEditorDraft; vocabulary: Vocabulary; actions: Actions; cancelHref: string }) {
  const router = useRouter();
  const [draft, setDraft] = useState(initial);
  const [preview, setPreview] = useState<{ key: string; dryRun: ZoneDryRun | null; errors: string[] } | null>(null);
  const [saveErrors, setSaveErrors] = useState<string[]>([]);
  const [saving, startSaving] = useTransition();
  const isNew = initial.id === null;
  const key = useMemo(() => JSON.stringify(draft), [draft]);
  const changed = key !== JSON.stringify(initial);

  // The dry run follows the form; a late answer for an older draft is dropped.
  const latest = useRef(key);
  useEffect(() => {
    latest.current = key;
    const timer = setTimeout(() => {
      actions.preview(draft).then(
        (result) => {
          if (latest.current !== key) return;
          setPreview(result.ok ? { key, dryRun: result.dryRun, errors: [] } : { key, dryRun: null, errors: result.errors });
        },
        () => latest.current === key && setPreview({ key, dryRun: null, errors: ["the dry run failed; try again"] }),
      );
    }, 400);
    return () => clearTimeout(timer);
  }, [key, draft, actions]);

  const errors = preview?.key === key ? [...preview.errors, ...saveErrors] : saveErrors;
  const errorsFor = (field: string) => errors.filter((e) => e.startsWith(`${field}:`)).map((e) => e.slice(field.length + 1).trim());
  const otherErrors = errors.filter((e) => !/^(name|description|color|owner|mode|rules(\[\d+\](\.\w+)?)?|purposes(\[\d+\])?|dataSubjects(\[\d+\])?|retention|id):/.test(e));
  const ready = preview?.key === key && preview.dryRun !== null && (changed || isNew);

  const set = <K extends keyof ZoneEditorDraft>(field: K, value: ZoneEditorDraft[K]) => {
    setSaveErrors([]);
    setDraft((d) => ({ ...d, [field]: value }));
  };
  const setRule = (i: number, rule: Partial<Rule>) => set("rules", draft.rules.map((r, j) => (j === i ? { ...r, ...rule } : r)));
  const moveRule = (i: number, by: -1 | 1) => {
    const rules = [...draft.rules];
    [rules[i], rules[i + by]] = [rules[i + by], rules[i]];
    set("rules", rules);
  };
  const save = () =>
    startSaving(async () => {
      const result = await actions.save(draft);
      if (!result.ok) return setSaveErrors(result.errors);
      router.push(`/zones/${encodeURIComponent(result.id)}?saved=${isNew ? "created" : "updated"}`);
      router.refresh();
    });

  const newId = isNew ? zoneIdFromName(draft.name) : null;
  const categoryNames = useMemo(() => new Map(vocabulary.categories.map((c) => [c.key, c.name])), [vocabulary]);
  const purposeNames = useMemo(() => new Map(vocabulary.purposes.map((p) => [p.key, p.name])), [vocabulary]);

  return (
    <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_400px]">
      <form
        aria-label={isNew ? "New zone" : `Edit zone ${initial.name}`}
        className="space-y-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) save();
        }}
      >
        <datalist id="zone-categories">{vocabulary.categories.map((c) => <option key={c.key} value={c.key}>{c.name}</option>)}</datalist>
        <datalist id="zone-purposes">{vocabulary.purposes.map((p) => <option key={p.key} value={p.key}>{p.name}</option>)}</datalist>

        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="mb-3 text-sm font-semibold text-slate-900">Details</h2>
          <div className="grid gap-4 sm:grid-cols-2">
            <label className="text-sm font-medium text-slate-700">
              Name
              <input className={`${input} mt-1`} value={draft.name} onChange={(e) => set("name", e.target.value)} maxLength={80} required />
              {isNew ? (
                <span className="mt-1 block text-xs font-normal text-slate-500">
                  Id: <code data-testid="zone-id-preview">{newId || "—"}</code> (from the name; it cannot change later)
                </span>
              ) : (
                <span className="mt-1 block text-xs font-normal text-slate-500">Id: <code>{initial.id}</code></span>
              )}
              <FieldErrors errors={[...errorsFor("name"), ...errorsFor("id")]} />
            </label>
            <label className="text-sm font-medium text-slate-700">
              Owner
              <input className={`${input} mt-1`} value={draft.owner} onChange={(e) => set("owner", e.target.value)} placeholder="team or person accountable" />
              <FieldErrors errors={errorsFor("owner")} />
            </label>
            <label className="text-sm font-medium text-slate-700 sm:col-span-2">
              Description
              <textarea className={`${input} mt-1`} rows={2} value={draft.description} onChange={(e) => set("description", e.target.value)} />
              <FieldErrors errors={errorsFor("description")} />
            </label>
            <div className="text-sm font-medium text-slate-700">
              Colour
              <div className="mt-1 flex items-center gap-2">
                <input type="color" aria-label="Colour picker" value={/^#[0-9a-fA-F]{6}$/.test(draft.color) ? draft.color : "#000000"} onChange={(e) => set("color", e.target.value)} className="h-8 w-10 cursor-pointer rounded border border-slate-300" />
                <input aria-label="Colour" className={`${control} w-28 font-mono`} value={draft.color} onChange={(e) => set("color", e.target.value)} />
              </div>
              <FieldErrors errors={errorsFor("color")} />
            </div>
          </div>
          <fieldset className="mt-4">
            <legend className="text-sm font-medium text-slate-700">Mode</legend>
            <div className="mt-1 grid gap-2 sm:grid-cols-2">
              {ZONE_MODES.map((mode) => (
                <label key={mode} className={`flex cursor-pointer gap-2 rounded-md border p-2.5 text-sm ${draft.mode === mode ? "border-brand-500 bg-brand-50/60 ring-1 ring-brand-500" : "border-slate-200 hover:bg-slate-50"}`}>
                  <input type="radio" name="mode" value={mode} checked={draft.mode === mode} onChange={() => set("mode", mode)} className="mt-0.5" />
                  <span>
                    <span className="font-medium capitalize text-slate-900">{mode}</span>
                    <span className="block text-xs text-slate-500">{MODE_TEXT[mode]}</span>
                  </span>
                </label>
              ))}
            </div>
            <FieldErrors errors={errorsFor("mode")} />
          </fieldset>
        </section>

        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="mb-1 flex items-center justify-between">
            <h2 className="text-sm font-semibold text-slate-900">Allowed data categories</h2>
            <button type="button" onClick={() => set("rules", [...draft.rules, { category: "", minQualifier: "identified", requireConsent: false }])} className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50">
              <Plus className="size-3.5" aria-hidden /> Add rule
            </button>
          </div>
          <p className="mb-3 text-xs text-slate-500">A label is permitted when a rule&apos;s category covers it, it is at least as protected as the rule asks, and consented where the rule says so.</p>
          <FieldErrors errors={errorsFor("rules")} />
          {draft.rules.length === 0 ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">No category is allowed: any labelled data in this zone is a violation.</p> : null}
          <ol className="space-y-2">
            {draft.rules.map((rule, i) => (
              <li key={i} className="rounded-md border border-slate-200 bg-slate-50/50 p-2" data-testid="zone-rule">
                <div className="grid grid-cols-[1.25rem_minmax(9rem,1fr)_13rem_auto_auto] items-center gap-2">
                  <span className="text-right text-xs tabular-nums text-slate-400">{i + 1}</span>
                  <input
                    aria-label={`Rule ${i + 1} category`}
                    list="zone-categories"
                    className={`${control} min-w-0 font-mono`}
                    value={rule.category}
                    onChange={(e) => setRule(i, { category: e.target.value })}
                    placeholder="user.behavior"
                  />
                  <select aria-label={`Rule ${i + 1} minimum qualifier`} className={control} value={rule.minQualifier} onChange={(e) => setRule(i, { minQualifier: e.target.value as Rule["minQualifier"] })}>
                    {QUALIFIERS.map((q) => <option key={q} value={q}>at least {q}</option>)}
                  </select>
                  <label className="inline-flex items-center gap-1.5 whitespace-nowrap text-xs text-slate-700">
                    <input type="checkbox" checked={rule.requireConsent} onChange={(e) => setRule(i, { requireConsent: e.target.checked })} className="size-4 rounded border-slate-400" />
                    consent required
                  </label>
                  <span className="flex">
                    <button type="button" className={iconButton} disabled={i === 0} onClick={() => moveRule(i, -1)} aria-label={`Move rule ${i + 1} up`}><ArrowUp className="size-4" /></button>
                    <button type="button" className={iconButton} disabled={i === draft.rules.length - 1} onClick={() => moveRule(i, 1)} aria-label={`Move rule ${i + 1} down`}><ArrowDown className="size-4" /></button>
                    <button type="button" className={iconButton} onClick={() => set("rules", draft.rules.filter((_, j) => j !== i))} aria-label={`Remove rule ${i + 1}`}><Trash2 className="size-4" /></button>
                  </span>
                </div>
                {categoryNames.get(rule.category) ? <div className="ml-7 mt-1 text-xs text-slate-500">{categoryNames.get(rule.category)}</div> : null}
                <div className="ml-7">
                  <FieldErrors errors={[...errorsFor(`rules[${i}].category`), ...errorsFor(`rules[${i}].minQualifier`), ...errorsFor(`rules[${i}]`)]} />
                </div>
              </li>
            ))}
          </ol>
        </section>

        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="mb-3 flex items-center justify-between">
            <h2 className="text-sm font-semibold text-slate-900">Allowed purposes</h2>
            <button type="button" onClick={() => set("purposes", [...draft.purposes, ""])} className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50">
              <Plus className="size-3.5" aria-hidden /> Add purpose
            </button>
          </div>
          <FieldErrors errors={errorsFor("purposes")} />
          {draft.purposes.length === 0 ? <p className="text-sm text-slate-500">No purpose is allowed: every job in this zone is a violation.</p> : null}
          <ul className="space-y-2">
            {draft.purposes.map((purpose, i) => (
              <li key={i}>
                <div className="flex items-center gap-2">
                  <input aria-label={`Purpose ${i + 1}`} list="zone-purposes" className={`${input} flex-1 font-mono`} value={purpose} onChange={(e) => set("purposes", draft.purposes.map((p, j) => (j === i ? e.target.value : p)))} placeholder="marketing.advertising" />
                  <span className="hidden w-48 truncate text-xs text-slate-500 sm:block">{purposeNames.get(purpose) ?? ""}</span>
                  <button type="button" className={iconButton} onClick={() => set("purposes", draft.purposes.filter((_, j) => j !== i))} aria-label={`Remove purpose ${i + 1}`}><Trash2 className="size-4" /></button>
                </div>
                <FieldErrors errors={errorsFor(`purposes[${i}]`)} />
              </li>
            ))}
          </ul>
        </section>

        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="text-sm font-semibold text-slate-900">Record of processing</h2>
          <p className="mb-3 text-xs text-slate-500">Whose data this zone processes and how long it keeps it, as the record of processing activities (GDPR Art. 30) states them. The policy engine does not use these.</p>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Categories of data subjects</legend>
            <div className="mt-1 grid gap-1 sm:grid-cols-3">
              {vocabulary.dataSubjects.map((subject) => (
                <label key={subject.key} className="inline-flex items-center gap-1.5 text-sm text-slate-700" title={subject.description ?? undefined}>
                  <input
                    type="checkbox"
                    className="size-4 rounded border-slate-400"
                    checked={draft.dataSubjects.includes(subject.key)}
                    onChange={(e) => set("dataSubjects", e.target.checked ? [...draft.dataSubjects, subject.key] : draft.dataSubjects.filter((key) => key !== subject.key))}
                  />
                  {subject.name}
                </label>
              ))}
            </div>
            <FieldErrors errors={[...errorsFor("dataSubjects"), ...draft.dataSubjects.flatMap((_, i) => errorsFor(`dataSubjects[${i}]`))]} />
          </fieldset>
          <label className="mt-4 block text-sm font-medium text-slate-700">
            Retention
            <input className={`${input} mt-1`} value={draft.retention} onChange={(e) => set("retention", e.target.value)} maxLength={1000} placeholder="e.g. 13 months after account closure" />
            <FieldErrors errors={errorsFor("retention")} />
          </label>
        </section>
      </form>

      <aside className="space-y-3 lg:sticky lg:top-4">
        <DryRunPanel dryRun={preview?.key === key ? preview.dryRun : null} pending={preview?.key !== key} changed={changed || isNew} errorCount={errors.length} modeChange={!isNew && initial.mode !== draft.mode ? { from: initial.mode, to: draft.mode } : null} />
        {otherErrors.length ? (
          <ul role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {otherErrors.map((e) => <li key={e}>{e}</li>)}
          </ul>
        ) : null}
        {errors.length && !otherErrors.length ? (
          <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">Fix the {errors.length === 1 ? "field" : `${errors.length} fields`} marked in red to see the impact and save.</p>
        ) : null}
        <div className="flex items-center gap-2">
          <button type="button" onClick={save} disabled={!ready || saving} className="inline-flex flex-1 items-center justify-center gap-1.5 rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50">
            <Save className="size-4" aria-hidden />
            {saving ? "Saving…" : isNew ? "Create zone" : "Save zone"}
          </button>
          <Link href={cancelHref} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50">Cancel</Link>
        </div>
      </aside>
    </div>
  );
}
