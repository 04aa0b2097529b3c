"use client";
// A reviewer's decision (approve, reject, revoke) or a requester's withdrawal,
// with the note the lifecycle asks for. The buttons shown are the ones the
// lifecycle table allows this caller; the server checks again.
import { useActionState, useState } from "react";
import { PATH_TRANSITIONS, type PathTransition } from "@/lib/paths/lifecycle";

type State = { ok: true; message: string } | { ok: false; errors: string[] } | null;
type Action = (state: State, form: FormData) => Promise<State>;

const LABEL: Record<PathTransition, string> = { approve: "Approve", reject: "Reject", revoke: "Revoke", withdraw: "Withdraw request" };
const STYLE: Record<PathTransition, string> = {
  approve: "bg-emerald-700 text-white hover:bg-emerald-800",
  reject: "border border-rose-300 bg-white text-rose-700 hover:bg-rose-50",
  revoke: "border border-rose-300 bg-white text-rose-700 hover:bg-rose-50",
  withdraw: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
};

export function DecisionForm({ pathId, transitions, decide, withdraw }: { pathId: string; transitions: PathTransition[]; decide: Action; withdraw: Action }) {
  const [decided, submitDecision, deciding] = useActionState(decide, null);
  const [withdrawn, submitWithdrawal, withdrawing] = useActionState(withdraw, null);
  const [note, setNote] = useState("");
  if (transitions.length === 0) return null;
  const state = decided ?? withdrawn;
  const pending = deciding || withdrawing;
  const needsNote = transitions.some((t) => PATH_TRANSITIONS[t].noteRequired);
  return (
    <div className="space-y-2" data-testid={`decide-${pathId}`}>
      {needsNote ? (
        <label className="block text-xs font-medium text-slate-600">
          Note <span className="font-normal text-slate-400">(required to {transitions.filter((t) => PATH_TRANSITIONS[t].noteRequired).join(" or ")})</span>
          <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm" aria-label="Decision note" />
        </label>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {transitions.map((t) => (
          <form key={t} action={t === "withdraw" ? submitWithdrawal : submitDecision}>
            <input type="hidden" name="id" value={pathId} />
            <input type="hidden" name="transition" value={t} />
            <input type="hidden" name="note" value={note} />
            <button type="submit" disabled={pending} className={`rounded-md px-3 py-1.5 text-sm font-semibold shadow-sm disabled:opacity-60 ${STYLE[t]}`}>
              {LABEL[t]}
            </button>
          </form>
        ))}
      </div>
      {state && !state.ok ? (
        <ul role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {state.errors.map((e) => <li key={e}>{e}</li>)}
        </ul>
      ) : null}
      {state?.ok ? <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{state.message}</p> : null}
    </div>
  );
}
