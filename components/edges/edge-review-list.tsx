"use client";
import Link from "next/link";
import { useActionState, useEffect, useMemo, useState } from "react";
import { ArrowRight, CheckCheck } from "lucide-react";
import { Badge, ZoneChip } from "@/components/ui/chips";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import type { FormState } from "@/lib/form-state";
import { EMPTY_VIEW, serializeViewState } from "@/lib/graph/view-state";

export type ReviewListEdge = {
  from: { id: string; name: string; namespace: string; zone: { id: string; name: string; color: string } | null };
  to: { id: string; name: string; namespace: string; zone: { id: string; name: string; color: string } | null };
  signals: string[];
  firstSeen: string | null;
};

type Action = (state: FormState, form: FormData) => Promise<FormState>;

const keyOf = (edge: ReviewListEdge) => JSON.stringify([edge.from.id, edge.to.id]);

/** Unreviewed edges with checkboxes; "Mark selected reviewed" sends them as one decision. */
export function EdgeReviewList({ edges, action, canReview, empty }: { edges: ReviewListEdge[]; action: Action; canReview: boolean; empty: React.ReactNode }) {
  const [state, submit, pending] = useActionState(action, null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const keys = useMemo(() => edges.map(keyOf), [edges]);
  // rows reviewed (here or by someone else) leave the list: forget them
  useEffect(() => setSelected((old) => new Set(keys.filter((k) => old.has(k)))), [keys]);
  const allChecked = keys.length > 0 && keys.every((k) => selected.has(k));
  const toggle = (key: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  // the outcome stays on screen when the last rows leave the list
  const outcome = state ? (
    state.ok ? (
      <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{state.message}</p>
    ) : (
      <ul role="alert" className="mb-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
        {state.errors.map((e) => <li key={e}>{e}</li>)}
      </ul>
    )
  ) : null;
  if (edges.length === 0) {
    return (
      <>
        {outcome}
        {empty}
      </>
    );
  }
  return (
    <form action={submit} aria-label="Unreviewed edges">
      {canReview ? (
        <div className="mb-3 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm">
          <span className="text-sm text-slate-600" data-testid="selection-count">
            {selected.size ? `${selected.size} selected` : "Select edges you have checked, then mark them reviewed."}
          </span>
          <button
            type="submit"
            disabled={pending || selected.size === 0}
            className="ml-auto inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50"
          >
            <CheckCheck className="size-4" aria-hidden />
            {pending ? "Marking…" : "Mark selected reviewed"}
          </button>
        </div>
      ) : null}
      {outcome}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className={tableClass}>
          <thead className="bg-slate-50">
            <tr>
              {canReview ? (
                <th className={`${thClass} w-8`}>
                  <input
                    type="checkbox"
                    aria-label="Select every edge on this page"
                    checked={allChecked}
                    onChange={() => setSelected(allChecked ? new Set() : new Set(keys))}
                    className="size-4 rounded border-slate-400"
                  />
                </th>
              ) : null}
              <th className={thClass}>From</th>
              <th className={thClass} aria-label="flows to" />
              <th className={thClass}>To</th>
              <th className={thClass}>Signals</th>
              <th className={thClass}>First seen (UTC)</th>
              <th className={thClass} aria-label="Graph" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {edges.map((edge) => {
              const key = keyOf(edge);
              return (
                <tr key={key} className={selected.has(key) ? "bg-brand-50/50" : "hover:bg-slate-50/60"} data-testid="unreviewed-edge">
                  {canReview ? (
                    <td className={tdClass}>
                      <input
                        type="checkbox"
                        name="edge"
                        value={key}
                        checked={selected.has(key)}
                        onChange={() => toggle(key)}
                        aria-label={`Select ${edge.from.name} → ${edge.to.name}`}
                        className="size-4 rounded border-slate-400"
                      />
                    </td>
                  ) : null}
                  <td className={tdClass}>
                    <Link className="font-medium text-ink hover:text-brand-600" href={`/assets/${encodeURIComponent(edge.from.id)}`}>{edge.from.name}</Link>
                    <div className="mt-0.5 flex items-center gap-1.5 text-xs text-slate-500">
                      <span className="font-mono">{edge.from.namespace}</span>
                      {edge.from.zone ? <ZoneChip zone={edge.from.zone} link={false} /> : null}
                    </div>
                  </td>
                  <td className={`${tdClass} text-slate-400`}><ArrowRight className="mt-0.5 size-4" aria-hidden /></td>
                  <td className={tdClass}>
                    <Link className="font-medium text-ink hover:text-brand-600" href={`/assets/${encodeURIComponent(edge.to.id)}`}>{edge.to.name}</Link>
                    <div className="mt-0.5 flex items-center gap-1.5 text-xs text-slate-500">
                      <span className="font-mono">{edge.to.namespace}</span>
                      {edge.to.zone ? <ZoneChip zone={edge.to.zone} link={false} /> : null}
                    </div>
                  </td>
                  <td className={tdClass}>
                    <div className="flex flex-wrap gap-1">
                      {edge.signals.length ? edge.signals.map((s) => <Badge key={s}>{s.replaceAll("_", " ")}</Badge>) : <span className="text-xs text-slate-400">none</span>}
                    </div>
                  </td>
                  <td className={`${tdClass} whitespace-nowrap tabular-nums text-xs text-slate-600`}>{edge.firstSeen ? edge.firstSeen.replace("T", " ").slice(0, 16) : "—"}</td>
                  <td className={`${tdClass} text-right`}>
                    <Link
                      className="whitespace-nowrap text-xs text-brand-600 hover:underline"
                      href={`/graph?${serializeViewState({ ...EMPTY_VIEW, selected: { kind: "edge", from: edge.from.id, to: edge.to.id }, focus: edge.to.id, depth: 1 })}`}
                    >
                      Show on graph
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </form>
  );
}
