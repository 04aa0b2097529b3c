import Link from "next/link";
import { LabelChip } from "@/components/ui/chips";
import { Card } from "@/components/ui/page-header";
import type { AssetExplanation } from "@/lib/asset-explanation";
import { ViolationCard } from "@/components/violations/violation-card";

function PathTrail({ path }: { path: string[] }) {
  return (
    <ol className="flex flex-wrap items-center gap-1 text-xs">
      {path.map((id, i) => (
        <li key={`${id}-${i}`} className="flex items-center gap-1">
          {i > 0 ? <span className="text-slate-400" aria-hidden>→</span> : null}
          <Link href={`/assets/${encodeURIComponent(id)}`} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700 hover:bg-brand-50 hover:text-brand-700">
            {id}
          </Link>
        </li>
      ))}
    </ol>
  );
}

/** Effective labels (declared ∪ flowed in, after transforms) with where each came from. */
export function EffectiveLabels({ explanation }: { explanation: AssetExplanation | null }) {
  if (!explanation) return null;
  return (
    <div className="mt-4 grid gap-4 lg:grid-cols-2">
      <Card title={`Effective labels (${explanation.labels.length})`}>
        {explanation.labels.length ? (
          <ul className="divide-y divide-slate-100" data-testid="effective-labels">
            {explanation.labels.map(({ label, origin, path }) => (
              <li key={`${label.category}|${label.qualifier}|${label.consented}`} className="py-2 first:pt-0 last:pb-0">
                <LabelChip category={label.category} qualifier={label.qualifier} consented={label.consented} />
                <div className="mt-1 text-xs text-slate-500">
                  {path.length === 1 ? (
                    "declared here"
                  ) : (
                    <>
                      from <span className="font-mono">{origin.asset}</span> ({origin.label.category}, {origin.label.qualifier}) via
                      <div className="mt-1"><PathTrail path={path} /></div>
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">No labelled data reaches this asset.</p>
        )}
      </Card>
      <Card title={`Violations (${explanation.violations.length})`}>
        {explanation.violations.length ? (
          <ul className="space-y-3">
            {explanation.violations.map((v) => (
              <li key={`${v.kind}:${v.asset ?? `${v.edge?.from}->${v.edge?.to}`}`}>
                <ViolationCard violation={{ kind: v.kind, assetId: v.asset, edgeFromId: v.edge?.from ?? null, edgeToId: v.edge?.to ?? null, zoneId: v.zone, categories: v.categories, explanation: v.explanation, path: v.path }} compact />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-emerald-700">No violations involve this asset.</p>
        )}
      </Card>
    </div>
  );
}

export { PathTrail };
