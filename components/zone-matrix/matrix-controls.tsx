"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { MATRIX_SORTS, MATRIX_SORT_LABEL, type MatrixSort } from "@/lib/graph/zone-matrix";
import { sharedViewQuery } from "./view-tabs";

export interface MatrixOptions {
  categories: string[];
  violationsOnly: boolean;
  sort: MatrixSort;
  /** null: chosen by the page (by namespace unless there are too many). */
  unzoned: "namespace" | "merged" | null;
}

export function matrixQuery(options: MatrixOptions): string {
  const out = new URLSearchParams(sharedViewQuery(options));
  if (options.sort !== "violations") out.set("sort", options.sort);
  if (options.unzoned) out.set("unzoned", options.unzoned);
  return out.toString();
}

const control = "rounded-md border border-slate-300 bg-white py-1 pl-2 pr-7 text-sm";

/** Filters (shared with the map through the URL), the order of rows and columns, and how unzoned assets are grouped. */
export function MatrixControls({ options, categoryOptions, unzonedMerged }: { options: MatrixOptions; categoryOptions: string[]; unzonedMerged: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = (next: Partial<MatrixOptions>) => {
    const qs = matrixQuery({ ...options, ...next });
    startTransition(() => router.push(`/graph/matrix${qs ? `?${qs}` : ""}`));
  };
  return (
    // Uncontrolled, remounted for each new URL: a control shows its new value at once, while the page reloads.
    <div key={matrixQuery(options)} className="flex flex-wrap items-center gap-2" aria-busy={pending}>
      <select aria-label="Data category" className={`w-44 ${control}`} defaultValue={options.categories[0] ?? ""} onChange={(event) => go({ categories: event.target.value ? [event.target.value] : [] })}>
        <option value="">All data categories</option>
        {categoryOptions.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <label className="flex cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
        <input type="checkbox" defaultChecked={options.violationsOnly} onChange={(event) => go({ violationsOnly: event.target.checked })} />
        Violations only
      </label>
      <label className="flex items-center gap-1.5 text-sm text-slate-700">
        Sort
        <select aria-label="Order zones by" className={control} defaultValue={options.sort} onChange={(event) => go({ sort: event.target.value as MatrixSort })} data-testid="matrix-sort">
          {MATRIX_SORTS.map((s) => (
            <option key={s} value={s}>
              {MATRIX_SORT_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center text-sm text-slate-700">
        <select aria-label="Group unzoned assets" className={control} defaultValue={unzonedMerged ? "merged" : "namespace"} onChange={(event) => go({ unzoned: event.target.value as "namespace" | "merged" })}>
          <option value="namespace">Unzoned by namespace</option>
          <option value="merged">Unzoned as one group</option>
        </select>
      </label>
      {pending ? <span className="text-xs text-slate-600" role="status">Updating…</span> : null}
    </div>
  );
}
