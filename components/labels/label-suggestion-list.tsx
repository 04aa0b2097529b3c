"use client";
import Link from "next/link";
import { useActionState, useEffect, useMemo, useState } from "react";
import { Check, GitMerge, X } from "lucide-react";
import { Badge, LabelChip } from "@/components/ui/chips";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import type { FormState } from "@/lib/form-state";
import type { LabelSuggestionView } from "@/lib/labels/suggestion-view";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

const STATUS_TONE = { pending: "amber", accepted: "green", dismissed: "slate" } as const;

/** Why it was suggested: the dictionary pattern the column's name matched, or the column it is derived from. */
export function SuggestionEvidence({ evidence }: { evidence: LabelSuggestionView["evidence"] }) {
  if (evidence.kind === "pattern") {
    return (
      <span className="text-xs text-slate-600">
        {"name matches "}
        <code className="rounded bg-slate-100 px-1 py-0.5 text-slate-800">{evidence.pattern}</code>
      </span>
    );
  }
  // spaces spelled out: the sentence must read the same as text (screen readers, copy and paste)
  return (
    <span className="text-xs text-slate-600">
      <GitMerge className="mr-1 inline size-3.5 align-[-3px] text-slate-400" aria-hidden />
      {"derived from "}
      {evidence.sourceAssetId ? (
        <Link className="font-mono text-brand-600 hover:underline" href={`/assets/${encodeURIComponent(evidence.sourceAssetId)}`}>
          {evidence.sourceAssetId}.{evidence.sourceColumn}
        </Link>
      ) : (
        <span className="font-mono">{evidence.sourceColumn}</span>
      )}
      {" (pattern "}
      <code className="rounded bg-slate-100 px-1 py-0.5 text-slate-800">{evidence.pattern}</code>)
    </span>
  );
}

/**
 * Suggestions with their evidence. A reviewer checks several and accepts or dismisses them as one decision, or
 * decides one row with its own buttons; everyone else reads. `showAsset` adds the asset column (the reviewer's list).
 */
export function LabelSuggestionList({
  suggestions,
  action,
  canReview,
  showAsset,
  empty,
}: {
  suggestions: LabelSuggestionView[];
  action: Action;
  canReview: boolean;
  showAsset: boolean;
  empty: React.ReactNode;
}) {
  const [state, submit, pending] = useActionState(action, null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const pendingIds = useMemo(() => suggestions.filter((s) => s.status === "pending").map((s) => s.id), [suggestions]);
  // decided rows (here or by someone else) cannot be selected any more: forget them
  useEffect(() => setSelected((old) => new Set(pendingIds.filter((id) => old.has(id)))), [pendingIds]);
  const allChecked = pendingIds.length > 0 && pendingIds.every((id) => selected.has(id));
  const toggle = (id: number) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const reviewing = canReview && pendingIds.length > 0;

  const outcome = state ? (
    state.ok ? (
      <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{state.message}</p>
    ) : (
      <ul role="alert" className="mb-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
        {state.errors.map((e) => <li key={e}>{e}</li>)}
      </ul>
    )
  ) : null;
  if (suggestions.length === 0) {
    return (
      <>
        {outcome}
        {empty}
      </>
    );
  }
  const button = "inline-flex items-center gap-1 rounded-md px-2.5 py-1 text-xs font-semibold shadow-sm disabled:cursor-not-allowed disabled:opacity-50";
  return (
    <form action={submit} aria-label="Label suggestions">
      {reviewing ? (
        <div className="mb-3 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm">
          <span className="text-sm text-slate-600" data-testid="selection-count">
            {selected.size ? `${selected.size} selected` : "Check the suggestions you agree with, or decide each row."}
          </span>
          <div className="ml-auto flex gap-2">
            <button type="submit" name="decision" value="dismiss" disabled={pending || selected.size === 0} className={`${button} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50`}>
              <X className="size-3.5" aria-hidden />
              Dismiss selected
            </button>
            <button type="submit" name="decision" value="accept" disabled={pending || selected.size === 0} className={`${button} bg-brand-600 text-white hover:bg-brand-700`}>
              <Check className="size-3.5" aria-hidden />
              {pending ? "Saving…" : "Accept selected"}
            </button>
          </div>
        </div>
      ) : null}
      {outcome}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className={tableClass}>
          <thead className="bg-slate-50">
            <tr>
              {reviewing ? (
                <th className={`${thClass} w-8`}>
                  <input
                    type="checkbox"
                    aria-label="Select every pending suggestion shown"
                    checked={allChecked}
                    onChange={() => setSelected(allChecked ? new Set() : new Set(pendingIds))}
                    className="size-4 rounded border-slate-400"
                  />
                </th>
              ) : null}
              {showAsset ? <th className={thClass}>Asset</th> : null}
              <th className={thClass}>Column</th>
              <th className={thClass}>Category</th>
              <th className={thClass}>Evidence</th>
              <th className={thClass}>Status</th>
              {reviewing ? <th className={thClass} aria-label="Decide" /> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {suggestions.map((s) => (
              <tr key={s.id} className={selected.has(s.id) ? "bg-brand-50/50" : "hover:bg-slate-50/60"} data-testid="label-suggestion" data-status={s.status}>
                {reviewing ? (
                  <td className={tdClass}>
                    {s.status === "pending" ? (
                      <input
                        type="checkbox"
                        name="id"
                        value={s.id}
                        checked={selected.has(s.id)}
                        onChange={() => toggle(s.id)}
                        aria-label={`Select ${s.asset.name}.${s.column} as ${s.category}`}
                        className="size-4 rounded border-slate-400"
                      />
                    ) : null}
                  </td>
                ) : null}
                {showAsset ? (
                  <td className={tdClass}>
                    <Link className="font-medium text-ink hover:text-brand-600" href={`/assets/${encodeURIComponent(s.asset.id)}`}>{s.asset.name}</Link>
                    <div className="mt-0.5 font-mono text-xs text-slate-500">{s.asset.namespace}</div>
                  </td>
                ) : null}
                <td className={`${tdClass} font-mono text-xs text-slate-800`}>{s.column}</td>
                <td className={tdClass}>
                  <LabelChip category={s.category} qualifier={s.qualifier} />
                  {s.categoryName ? <div className="mt-0.5 text-xs text-slate-500">{s.categoryName}</div> : null}
                </td>
                <td className={tdClass}><SuggestionEvidence evidence={s.evidence} /></td>
                <td className={tdClass}>
                  <Badge tone={STATUS_TONE[s.status]}>{s.status}</Badge>
                  {s.decidedBy ? <div className="mt-0.5 text-xs text-slate-500">by {s.decidedBy}</div> : null}
                </td>
                {reviewing ? (
                  <td className={`${tdClass} whitespace-nowrap text-right`}>
                    {s.status === "pending" ? (
                      <span className="inline-flex gap-1.5">
                        <button type="submit" name="decision" value={`accept:${s.id}`} disabled={pending} aria-label={`Accept ${s.category} for ${s.column}`} className={`${button} bg-emerald-700 text-white hover:bg-emerald-800`}>
                          <Check className="size-3.5" aria-hidden />
                          Accept
                        </button>
                        <button type="submit" name="decision" value={`dismiss:${s.id}`} disabled={pending} aria-label={`Dismiss ${s.category} for ${s.column}`} className={`${button} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50`}>
                          <X className="size-3.5" aria-hidden />
                          Dismiss
                        </button>
                      </span>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </form>
  );
}
