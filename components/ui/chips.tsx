import Link from "next/link";
import { Check } from "lucide-react";

export function ZoneChip({ zone, link = true }: { zone: { id: string; name: string; color: string } | null; link?: boolean }) {
  if (!zone) return <span className="text-xs text-slate-400">no zone</span>;
  const content = (
    <span className="inline-flex items-center gap-1.5 rounded-full border border-slate-200 bg-white px-2 py-0.5 text-xs font-medium text-slate-700">
      <span className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: zone.color }} aria-hidden />
      {zone.name}
    </span>
  );
  return link ? (
    <Link href={`/zones/${encodeURIComponent(zone.id)}`} className="hover:opacity-80">
      {content}
    </Link>
  ) : (
    content
  );
}

const QUALIFIER_STYLE: Record<string, string> = {
  identified: "border-rose-200 bg-rose-50 text-rose-800",
  pseudonymized: "border-amber-200 bg-amber-50 text-amber-800",
  aggregated: "border-emerald-200 bg-emerald-50 text-emerald-800",
};

/** A label is (category, qualifier, consented); the colour says how identifiable it is. */
export function LabelChip({ category, qualifier, consented }: { category: string; qualifier: string; consented?: boolean }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 font-mono text-[11px] leading-4 ${QUALIFIER_STYLE[qualifier] ?? "border-slate-200 bg-slate-50"}`}
      title={`${category} · ${qualifier}${consented ? " · consented" : " · no consent"}`}
    >
      {category}
      <span className="font-sans text-[10px] uppercase">{qualifier.slice(0, 5)}</span>
      {consented ? <Check className="size-3" aria-label="consented" /> : null}
    </span>
  );
}

export function RuleChip({ category, minQualifier, requireConsent }: { category: string; minQualifier: string; requireConsent: boolean }) {
  return (
    <span
      className="inline-flex items-center gap-1 rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 font-mono text-[11px] leading-4 text-slate-700"
      title={`allows ${category} when at least ${minQualifier}${requireConsent ? " and consented" : ""}`}
    >
      {category}
      {minQualifier !== "identified" ? <span className="font-sans text-[10px] uppercase text-slate-500">≥{minQualifier.slice(0, 5)}</span> : null}
      {requireConsent ? <span className="font-sans text-[10px] uppercase text-slate-500">consent</span> : null}
    </span>
  );
}

const TONES = {
  slate: "bg-slate-100 text-slate-700 ring-slate-200",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  red: "bg-rose-50 text-rose-800 ring-rose-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  blue: "bg-blue-50 text-blue-800 ring-blue-200",
  violet: "bg-violet-50 text-violet-800 ring-violet-200",
} as const;

export type Tone = keyof typeof TONES;

export function Badge({ tone = "slate", children, title }: { tone?: Tone; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </span>
  );
}

export const PATH_STATUS_TONE: Record<string, Tone> = { approved: "green", pending: "amber", rejected: "slate", revoked: "red", withdrawn: "slate" };
