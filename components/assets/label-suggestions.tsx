import Link from "next/link";
import { LabelSuggestionList } from "@/components/labels/label-suggestion-list";
import type { FormState } from "@/lib/form-state";
import type { LabelSuggestionView } from "@/lib/labels/suggestion-view";

/**
 * The asset page's "Suggested labels": categories proposed for its columns at ingestion (a column name that
 * matches the dictionary, or column lineage from a suggested column). Reviewers accept (the category becomes a
 * declared label) or dismiss; other roles read.
 */
export function LabelSuggestions({
  suggestions,
  canReview,
  action,
}: {
  suggestions: LabelSuggestionView[];
  canReview: boolean;
  action: (state: FormState, form: FormData) => Promise<FormState>;
}) {
  const pending = suggestions.filter((s) => s.status === "pending").length;
  return (
    <section className="mt-8" aria-labelledby="suggested-labels">
      <div className="mb-2 flex items-baseline gap-3">
        <h2 id="suggested-labels" className="text-sm font-semibold text-slate-900">
          Suggested labels ({pending} pending)
        </h2>
        <Link href="/labels" className="text-xs text-brand-600 hover:underline">All suggestions</Link>
      </div>
      <LabelSuggestionList
        suggestions={suggestions}
        action={action}
        canReview={canReview}
        showAsset={false}
        empty={<p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-500">No suggestions: no column of this asset matched the dictionary or came from a suggested column.</p>}
      />
    </section>
  );
}
