import Link from "next/link";
import { Badge, ZoneChip } from "@/components/ui/chips";
import { violationKindLabel } from "@/lib/violation-labels";

export interface ViolationView {
  kind: string;
  assetId: string | null;
  edgeFromId: string | null;
  edgeToId: string | null;
  zoneId: string;
  categories: string[];
  explanation: string;
  path: string[];
}

export function ViolationCard({ violation: v, zone, compact = false }: { violation: ViolationView; zone?: { id: string; name: string; color: string } | null; compact?: boolean }) {
  const subjectHref = v.assetId
    ? `/assets/${encodeURIComponent(v.assetId)}`
    : `/graph?sel=${encodeURIComponent(`e:${v.edgeFromId}>${v.edgeToId}`)}`;
  return (
    <article className={`rounded-lg border border-rose-200 bg-white ${compact ? "p-3" : "p-4 shadow-sm"}`} data-testid="violation">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="red">{violationKindLabel(v.kind)}</Badge>
        <Link href={subjectHref} className="font-mono text-sm font-medium text-ink hover:text-brand-600">
          {v.assetId ?? `${v.edgeFromId} → ${v.edgeToId}`}
        </Link>
        {zone !== undefined ? <span className="ml-auto"><ZoneChip zone={zone} /></span> : null}
      </div>
      <p className="mt-2 text-sm leading-6 text-slate-700">{v.explanation}</p>
      {v.categories.length ? (
        <div className="mt-2 flex flex-wrap gap-1">
          {v.categories.map((c) => <code key={c} className="rounded bg-rose-50 px-1.5 py-0.5 text-[11px] text-rose-800">{c}</code>)}
        </div>
      ) : null}
      {v.path.length > 1 ? (
        <ol className="mt-2 flex flex-wrap items-center gap-1 text-xs" aria-label="path">
          {v.path.map((id, i) => (
            <li key={`${id}-${i}`} className="flex items-center gap-1">
              {i > 0 ? <span className="text-rose-300">→</span> : null}
              <Link href={`/assets/${encodeURIComponent(id)}`} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700 hover:bg-brand-50">{id}</Link>
            </li>
          ))}
        </ol>
      ) : null}
    </article>
  );
}
