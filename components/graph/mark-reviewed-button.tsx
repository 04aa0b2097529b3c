"use client";
import { useState, useTransition } from "react";
import { CheckCheck } from "lucide-react";
import type { FormState } from "@/lib/form-state";

export type ReviewEdge = (edge: { from: string; to: string }) => Promise<FormState>;

/**
 * The side panel's "Mark reviewed". `review` is given only to callers who may
 * review edges (the server checks again); others see the review state alone.
 */
export function MarkReviewedButton({
  edge,
  reviewState,
  reviewedBy,
  reviewedAt,
  review,
}: {
  edge: { from: string; to: string };
  reviewState: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  review?: ReviewEdge;
}) {
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<string[]>([]);
  if (reviewState === "reviewed") {
    return (
      <p className="flex-1 text-xs text-slate-500" data-testid="reviewed-by">
        Reviewed{reviewedBy ? ` by ${reviewedBy}` : ""}
        {reviewedAt ? ` on ${reviewedAt.slice(0, 10)}` : ""}
      </p>
    );
  }
  if (!review) {
    return (
      <button type="button" disabled title="Only privacy reviewers mark edges reviewed" className="flex-1 cursor-not-allowed rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400">
        Mark reviewed
      </button>
    );
  }
  const mark = () =>
    startTransition(async () => {
      const outcome = await review(edge);
      if (outcome?.ok) {
        // the canvas's views and the panel are fetched per view state (kept in the URL): reload them as they now are
        window.location.reload();
      } else setErrors(outcome && !outcome.ok ? outcome.errors : ["could not mark the edge reviewed"]);
    });
  return (
    <div className="flex-1">
      <button
        type="button"
        onClick={mark}
        disabled={pending}
        className="flex w-full items-center justify-center gap-1.5 rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm font-medium text-amber-900 hover:bg-amber-100 disabled:opacity-60"
      >
        <CheckCheck className="size-4" aria-hidden /> {pending ? "Marking…" : "Mark reviewed"}
      </button>
      {errors.length ? (
        <ul role="alert" className="mt-1 text-xs text-rose-700">
          {errors.map((e) => <li key={e}>{e}</li>)}
        </ul>
      ) : null}
    </div>
  );
}
