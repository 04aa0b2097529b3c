"use client";
import Link from "next/link";
import { ArrowRight, Crosshair, Route, ShieldCheck, X } from "lucide-react";
import { AssetKindIcon } from "@/components/ui/asset-kind-icon";
import { Badge, LabelChip, ZoneChip } from "@/components/ui/chips";
import type { SelectionExplanation } from "@/lib/graph/responses";
import { escapeId } from "@/lib/graph/view-state";
import { violationKindLabel } from "@/lib/violation-labels";
import { MarkReviewedButton, type ReviewEdge } from "./mark-reviewed-button";
import { STATUS_STYLE } from "./styles";

export function SidePanel({
  explanation,
  loading,
  error,
  onClose,
  onFocus,
  names,
  reviewEdge,
  canRequestPath = false,
}: {
  explanation: SelectionExplanation | null;
  loading: boolean;
  error: string | null;
  onClose: () => void;
  onFocus: (asset: string) => void;
  names: (id: string) => string;
  /** present when the caller may mark edges reviewed */
  reviewEdge?: ReviewEdge;
  /** The caller may request sanctioned paths (the server checks again). */
  canRequestPath?: boolean;
}) {
  // a red crossing out of a zone is what a sanctioned path can fix; the form starts with its zones and flowing categories
  const requestable =
    explanation?.kind === "edge" && explanation.edge && explanation.edge.from.zone !== null && explanation.edge.from.zone !== explanation.edge.to.zone && explanation.violations.some((v) => v.kind === "unsanctioned_crossing")
      ? `/paths/new?${new URLSearchParams({ edge: `${escapeId(explanation.edge.from.id)}>${escapeId(explanation.edge.to.id)}` })}`
      : null;
  return (
    <aside className="flex h-full w-80 shrink-0 flex-col xl:w-[380px] border-l border-slate-200 bg-white" aria-label="Selection details" data-testid="side-panel">
      <div className="flex items-start gap-2 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0 flex-1">
          <div className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{explanation?.kind === "edge" ? "Lineage edge" : "Asset"}</div>
          <h2 className="truncate text-base font-semibold text-slate-900" title={explanation?.title} aria-live="polite">
            {explanation?.title ?? (loading ? "Loading…" : "")}
          </h2>
        </div>
        <button type="button" onClick={onClose} className="rounded p-1 text-slate-500 hover:bg-slate-100" aria-label="Close panel">
          <X className="size-4" />
        </button>
      </div>
      <div className="min-h-0 flex-1 space-y-5 overflow-y-auto px-4 py-4 text-sm">
        {error ? <p className="text-rose-700">{error}</p> : null}
        {explanation?.asset ? (
          <section className="space-y-2">
            <div className="flex items-center gap-2 text-slate-700">
              <AssetKindIcon kind={explanation.asset.kind} className="size-4 text-slate-500" />
              <span>{explanation.asset.kind.replaceAll("_", " ")}</span>
              <span className="text-slate-400">·</span>
              <span className="truncate font-mono text-xs text-slate-500">{explanation.asset.namespace}</span>
            </div>
            <ZoneChip zone={explanation.asset.zone} />
            {explanation.asset.purpose ? (
              <div className="text-xs text-slate-600">
                Purpose <span className="font-mono">{explanation.asset.purpose}</span>
              </div>
            ) : null}
          </section>
        ) : null}
        {explanation?.edge ? (
          <section className="space-y-2">
            <div className="flex flex-wrap items-center gap-1.5 text-slate-700">
              <span className="font-medium">{explanation.edge.from.name}</span>
              <ArrowRight className="size-3.5 text-slate-400" aria-hidden />
              <span className="font-medium">{explanation.edge.to.name}</span>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <span
                className="inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium text-white"
                style={{ backgroundColor: STATUS_STYLE[explanation.edge.status].pill }}
                data-testid="edge-status"
              >
                {STATUS_STYLE[explanation.edge.status].label}
              </span>
              <Badge tone={explanation.edge.reviewState === "reviewed" ? "slate" : "amber"}>{explanation.edge.reviewState}</Badge>
            </div>
            {explanation.edge.transforms.length ? (
              <div className="text-xs text-slate-600">
                Transforms: <span className="font-mono">{explanation.edge.transforms.join(" → ")}</span>
              </div>
            ) : null}
            {explanation.edge.sanctionedPaths.length ? (
              <div className="space-y-1">
                {explanation.edge.sanctionedPaths.map((p) => (
                  <div key={p.id} className="rounded border border-emerald-200 bg-emerald-50 px-2 py-1.5 text-xs text-emerald-900">
                    <div className="font-medium">Sanctioned by {p.id}</div>
                    {p.justification ? <div className="mt-0.5 text-emerald-800">{p.justification}</div> : null}
                  </div>
                ))}
              </div>
            ) : null}
          </section>
        ) : null}

        {explanation ? (
          <section>
            <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
              Violations <span className="text-slate-400">({explanation.violations.length})</span>
            </h3>
            {explanation.violations.length === 0 ? (
              <p className="flex items-center gap-1.5 text-emerald-700">
                <ShieldCheck className="size-4" aria-hidden /> None
              </p>
            ) : (
              <ul className="space-y-2" data-testid="violations">
                {explanation.violations.map((v, i) => (
                  <li key={i} className="rounded-md border border-rose-200 bg-rose-50 p-2.5">
                    <div className="text-xs font-semibold text-rose-800">{violationKindLabel(v.kind)}</div>
                    <p className="mt-1 text-[13px] leading-snug text-slate-800" data-testid="violation-explanation">
                      {v.explanation}
                    </p>
                    {v.path.length > 1 ? (
                      <div className="mt-1.5 flex flex-wrap items-center gap-1 text-[11px] text-rose-900">
                        <Route className="size-3" aria-hidden />
                        {v.path.map((id, j) => (
                          <span key={j} className="inline-flex items-center gap-1">
                            {j > 0 ? <ArrowRight className="size-3 opacity-60" aria-hidden /> : null}
                            {names(id)}
                          </span>
                        ))}
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}

        {explanation ? (
          <section>
            <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
              {explanation.kind === "edge" ? "Labels of the source" : "Effective labels"} <span className="text-slate-400">({explanation.labels.length})</span>
            </h3>
            {explanation.labels.length === 0 ? <p className="text-slate-500">No labels.</p> : null}
            <ul className="space-y-2" data-testid="labels">
              {explanation.labels.map((l, i) => (
                <li key={i}>
                  <LabelChip category={l.category} qualifier={l.qualifier} consented={l.consented} />
                  <div className="mt-0.5 text-[11px] leading-snug text-slate-500">
                    {l.path.length <= 1 ? "declared here" : `from ${names(l.origin)} via ${l.path.map(names).join(" → ")}`}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      <div className="space-y-2 border-t border-slate-200 px-4 py-3">
        {explanation?.kind === "asset" && explanation.asset ? (
          <button
            type="button"
            onClick={() => onFocus(explanation.asset!.id)}
            className="flex w-full items-center justify-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
          >
            <Crosshair className="size-4" aria-hidden /> Focus on its upstream and downstream
          </button>
        ) : null}
        <div className="flex gap-2">
          {requestable && canRequestPath ? (
            <Link href={requestable} className="flex-1 rounded-md border border-brand-600 bg-white px-3 py-1.5 text-center text-sm font-medium text-brand-700 hover:bg-brand-50">
              Request sanctioned path
            </Link>
          ) : (
            <button
              type="button"
              disabled
              title={canRequestPath ? "Select a red edge that leaves a zone" : "Engineers and privacy reviewers request paths"}
              className="flex-1 cursor-not-allowed rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400"
            >
              Request sanctioned path
            </button>
          )}
          {explanation?.edge ? (
            <MarkReviewedButton
              edge={{ from: explanation.edge.from.id, to: explanation.edge.to.id }}
              reviewState={explanation.edge.reviewState}
              reviewedBy={explanation.edge.reviewedBy}
              reviewedAt={explanation.edge.reviewedAt}
              review={reviewEdge}
            />
          ) : null}
        </div>
      </div>
    </aside>
  );
}
