"use client";
import { ArrowRight, Ban, CircleCheck, CircleMinus, CirclePlus, Loader2, RefreshCw } from "lucide-react";
import { violationKindLabel } from "@/lib/violation-labels";
import type { DryRunAdmission, DryRunViolation, ZoneDryRun } from "@/lib/zones/zone-dry-run";

const TONE = {
  added: { box: "border-rose-200 bg-rose-50", title: "text-rose-800", icon: CirclePlus },
  resolved: { box: "border-emerald-200 bg-emerald-50", title: "text-emerald-800", icon: CircleMinus },
  changed: { box: "border-amber-200 bg-amber-50", title: "text-amber-900", icon: RefreshCw },
} as const;

/** An asset's name, and its id where the name alone is ambiguous (a job and its table are often named alike). */
function assetLabel(id: string, names: Record<string, string>) {
  const name = names[id] ?? id;
  return name === id ? name : (
    <>
      {name} <code className="text-[10px] font-normal text-slate-500">{id}</code>
    </>
  );
}

function subject(v: DryRunViolation, names: Record<string, string>) {
  if (v.asset) return assetLabel(v.asset, names);
  return (
    <span className="inline-flex items-center gap-1">
      {names[v.edge!.from] ?? v.edge!.from} <ArrowRight className="size-3" aria-hidden /> {names[v.edge!.to] ?? v.edge!.to}
    </span>
  );
}

function ViolationList({ tone, title, items, total, names }: { tone: keyof typeof TONE; title: string; items: (DryRunViolation & { categoriesBefore?: string[] })[]; total: number; names: Record<string, string> }) {
  if (!total) return null;
  const style = TONE[tone];
  const Icon = style.icon;
  return (
    <section data-testid={`dry-run-${tone}`}>
      <h3 className={`mb-1.5 flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide ${style.title}`}>
        <Icon className="size-3.5" aria-hidden /> {title} ({total})
      </h3>
      <ul className="space-y-1.5">
        {items.map((v, i) => (
          <li key={i} className={`rounded-md border p-2 text-xs ${style.box}`}>
            <div className="flex flex-wrap items-center gap-x-1.5 font-medium text-slate-900">
              <span>{violationKindLabel(v.kind)}</span>
              <span className="text-slate-400">·</span>
              <span>{subject(v, names)}</span>
            </div>
            {v.categoriesBefore ? (
              <div className="mt-0.5 font-mono text-[11px] text-slate-600">
                {v.categoriesBefore.join(", ") || "—"} → {v.categories.join(", ") || "—"}
              </div>
            ) : null}
            <p className="mt-0.5 leading-snug text-slate-700">{v.explanation}</p>
          </li>
        ))}
      </ul>
      {total > items.length ? <p className="mt-1 text-xs text-slate-500">…and {total - items.length} more.</p> : null}
    </section>
  );
}

function AdmissionList({ title, items, names, tone }: { title: string; items: DryRunAdmission[]; names: Record<string, string>; tone: "deny" | "allow" | "record" }) {
  if (!items.length) return null;
  return (
    <section data-testid={`dry-run-admission-${tone}`}>
      <h3 className={`mb-1.5 flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide ${tone === "deny" ? "text-rose-800" : tone === "allow" ? "text-emerald-800" : "text-violet-800"}`}>
        {tone === "deny" ? <Ban className="size-3.5" aria-hidden /> : <CircleCheck className="size-3.5" aria-hidden />} {title} ({items.length})
      </h3>
      <ul className="space-y-1.5">
        {items.map((a) => (
          <li key={a.job} className="rounded-md border border-slate-200 bg-white p-2 text-xs">
            <div className="font-medium text-slate-900">
              {names[a.job] ?? a.job} <span className="font-normal text-slate-500">for <code>{a.purpose}</code>, reading {a.inputs.length ? a.inputs.map((i) => names[i] ?? i).join(", ") : "no input"}</span>
            </div>
            <ul className="mt-1 space-y-0.5 text-slate-700">
              {a.reasons.map((r, i) => (
                <li key={i}>
                  {r.enforced ? "Denies" : "Would deny (recorded)"}: {r.explanation}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The dry run beside the zone form: what saving would add, resolve and change, and which admissions would flip. */
export function DryRunPanel({
  dryRun,
  pending,
  changed,
  errorCount,
  modeChange,
}: {
  dryRun: ZoneDryRun | null;
  pending: boolean;
  changed: boolean;
  errorCount: number;
  modeChange: { from: string; to: string } | null;
}) {
  const counts = dryRun?.counts;
  const nothing = counts && !counts.added && !counts.resolved && !counts.changed && !counts.admissionChanges;
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="dry-run">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2.5">
        <h2 className="text-sm font-semibold text-slate-900">Impact of this change</h2>
        {pending ? <Loader2 className="size-4 animate-spin text-slate-400" aria-label="Computing the dry run" /> : <span className="text-[11px] text-slate-500">dry run · nothing saved yet</span>}
      </div>
      <div className="max-h-[60vh] space-y-4 overflow-y-auto px-4 py-3">
        {!dryRun ? (
          <p className="text-sm text-slate-500">{errorCount ? "The dry run waits for a valid form." : "Computing what this change would do…"}</p>
        ) : (
          <>
            <div className="grid grid-cols-3 gap-2 text-center">
              <div className="rounded-md bg-rose-50 py-2">
                <div className="text-lg font-semibold tabular-nums text-rose-700" data-testid="count-added">{counts!.added}</div>
                <div className="text-[11px] text-rose-800">added</div>
              </div>
              <div className="rounded-md bg-emerald-50 py-2">
                <div className="text-lg font-semibold tabular-nums text-emerald-700" data-testid="count-resolved">{counts!.resolved}</div>
                <div className="text-[11px] text-emerald-800">resolved</div>
              </div>
              <div className="rounded-md bg-amber-50 py-2">
                <div className="text-lg font-semibold tabular-nums text-amber-700" data-testid="count-changed">{counts!.changed}</div>
                <div className="text-[11px] text-amber-900">changed</div>
              </div>
            </div>
            <p className="text-xs text-slate-500">
              Open violations: {counts!.violationsBefore} now → {counts!.violationsAfter} after saving. Admission checked for {counts!.jobsChecked} job{counts!.jobsChecked === 1 ? "" : "s"} in the zone over their inputs.
            </p>
            {modeChange ? (
              <p className="rounded-md bg-violet-50 px-2.5 py-2 text-xs text-violet-900">
                Mode {modeChange.from} → {modeChange.to}:{" "}
                {modeChange.to === "enforcing"
                  ? counts!.admissionChanges
                    ? "admission would now deny the jobs below."
                    : "no job in the zone would now be denied."
                  : "admission would record this zone's reasons instead of denying."}
              </p>
            ) : null}
            {nothing ? <p className="text-sm text-slate-600">{changed ? "No violation or admission changes." : "Edit the form to see what a change would do."}</p> : null}
            <AdmissionList title="Admission would now deny" tone="deny" items={dryRun.admission.filter((a) => !a.allowedAfter)} names={dryRun.names} />
            <AdmissionList title="Admission would now allow" tone="allow" items={dryRun.admission.filter((a) => a.allowedAfter)} names={dryRun.names} />
            <ViolationList tone="added" title="Added" items={dryRun.added} total={counts!.added} names={dryRun.names} />
            <ViolationList tone="resolved" title="Resolved" items={dryRun.resolved} total={counts!.resolved} names={dryRun.names} />
            <ViolationList tone="changed" title="Other categories" items={dryRun.changed} total={counts!.changed} names={dryRun.names} />
            <AdmissionList title="Recorded, not denied (logging mode)" tone="record" items={dryRun.recordedOnly} names={dryRun.names} />
          </>
        )}
      </div>
    </div>
  );
}
