"use client";
// A zone-level flow, opened by clicking its arrow on the zone map: counts by
// verdict, the categories it carries, the sanctioned paths that allow it, and
// the list of its edges on the Edges page (filtered by the two groups).
import Link from "next/link";
import { X } from "lucide-react";
import type { ViewFlow } from "@/lib/graph/view";

const n = (v: number) => v.toLocaleString("en");

export function flowEdgesHref(flow: Pick<ViewFlow, "from" | "to">): string {
  return `/edges?${new URLSearchParams({ fromZone: flow.from, toZone: flow.to }).toString()}`;
}

export function FlowCard({ flow, onClose }: { flow: ViewFlow; onClose: () => void }) {
  return (
    <section
      className="absolute left-3 top-12 z-20 w-80 max-w-[calc(100%-1.5rem)] rounded-lg bg-white p-3 text-sm text-slate-800 shadow-lg ring-1 ring-slate-200"
      aria-label={`Flow from ${flow.fromName} to ${flow.toName}`}
      data-testid="flow-card"
    >
      <div className="flex items-start gap-2">
        <h2 className="min-w-0 flex-1 font-semibold text-slate-900">
          {flow.fromName} → {flow.toName}
        </h2>
        <button type="button" onClick={onClose} className="rounded p-0.5 text-slate-600 hover:bg-slate-100" aria-label="Close the flow">
          <X className="size-4" aria-hidden />
        </button>
      </div>
      <p className="mt-1 text-slate-700">
        {n(flow.edges)} {flow.edges === 1 ? "edge" : "edges"}:{" "}
        <span className="font-semibold text-rose-700">{n(flow.violation)} {flow.violation === 1 ? "violation" : "violations"}</span>,{" "}
        <span className="font-semibold text-green-800">{n(flow.sanctioned)} sanctioned</span>, {n(flow.permitted)} permitted
        {flow.unreviewed ? `, ${n(flow.unreviewed)} unreviewed` : ""}
      </p>
      {flow.categories.length ? (
        <>
          <h3 className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-600">Categories carried</h3>
          <ul className="mt-1 space-y-0.5" data-testid="flow-categories">
            {flow.categories.map((c) => (
              <li key={c.category} className="flex justify-between gap-2">
                <span className="truncate font-mono text-xs">{c.category}</span>
                <span className="text-xs text-slate-700">{n(c.edges)}</span>
              </li>
            ))}
            {flow.moreCategories ? <li className="text-xs text-slate-600">and {flow.moreCategories} more</li> : null}
          </ul>
        </>
      ) : null}
      <h3 className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-600">Sanctioned by</h3>
      {flow.paths.length ? (
        <ul className="mt-1 space-y-0.5" data-testid="flow-paths">
          {flow.paths.map((p) => (
            <li key={p} className="truncate text-xs">{p}</li>
          ))}
          {flow.morePaths ? <li className="text-xs text-slate-600">and {flow.morePaths} more</li> : null}
        </ul>
      ) : (
        <p className="mt-1 text-xs text-slate-700">no sanctioned path covers its edges</p>
      )}
      <Link href={flowEdgesHref(flow)} className="mt-3 inline-block font-medium text-brand-700 underline hover:text-brand-800" data-testid="flow-edges-link">
        Open the list of its {n(flow.edges)} {flow.edges === 1 ? "edge" : "edges"}
      </Link>
    </section>
  );
}
