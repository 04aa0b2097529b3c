// What a path decision would do, as the engine's dry run found it: shown by the
// request form before sending and by the review queue before deciding.
import { CheckCircle2, CircleAlert, CircleSlash, RotateCcw } from "lucide-react";
import type { DryRun } from "@/lib/engine/dry-run";
import { violationKindLabel } from "@/lib/violation-labels";

type Item = DryRun["resolves"][number];

const subject = (v: Pick<Item, "asset" | "edge">) => v.asset ?? `${v.edge!.from} → ${v.edge!.to}`;

function Section({ tone, icon, title, children, testId }: { tone: "green" | "amber" | "red"; icon: React.ReactNode; title: string; children: React.ReactNode; testId: string }) {
  const ring = { green: "border-emerald-200 bg-emerald-50/60", amber: "border-amber-200 bg-amber-50/60", red: "border-rose-200 bg-rose-50/60" }[tone];
  return (
    <section className={`rounded-md border ${ring} px-3 py-2.5`} data-testid={testId}>
      <h4 className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
        {icon}
        {title}
      </h4>
      <div className="mt-1.5 space-y-2">{children}</div>
    </section>
  );
}

function ViolationLine({ v, note }: { v: Item; note?: React.ReactNode }) {
  return (
    <div className="text-sm">
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{violationKindLabel(v.kind)}</span>
        <span className="font-mono text-[13px] text-ink">{subject(v)}</span>
        {v.categories.map((c) => (
          <code key={c} className="rounded bg-white/80 px-1 text-[11px] text-slate-700 ring-1 ring-inset ring-slate-200">{c}</code>
        ))}
      </div>
      {note}
      {v.explanation ? <p className="mt-0.5 text-xs leading-5 text-slate-600">{v.explanation}</p> : null}
    </div>
  );
}

const SHOWN = 8;

/** The first few of a list (a dry run explains only the first few of each), and how many more there are. */
function Few<T>({ items, render, shown = SHOWN }: { items: T[]; render: (item: T) => React.ReactNode; shown?: number }) {
  return (
    <>
      {items.slice(0, shown).map(render)}
      {items.length > shown ? <p className="text-xs font-medium text-slate-500">and {items.length - shown} more</p> : null}
    </>
  );
}

const explainedCount = (items: { explanation: string }[]) => Math.max(1, items.filter((v) => v.explanation !== "").length);

export function DryRunView({ dryRun, verb = "Approving" }: { dryRun: DryRun; verb?: string }) {
  const nothing = dryRun.resolves.length + dryRun.opens.length + dryRun.changes.length + dryRun.unresolved.length === 0;
  return (
    <div className="space-y-2" data-testid="dry-run">
      {nothing ? <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600">{verb} this changes no violation today: no red crossing runs between these zones.</p> : null}
      {dryRun.resolves.length ? (
        <Section tone="green" testId="dry-run-resolves" icon={<CheckCircle2 className="size-4 text-emerald-600" aria-hidden />} title={`${verb} resolves ${dryRun.resolves.length} violation${dryRun.resolves.length === 1 ? "" : "s"}`}>
          <Few items={dryRun.resolves} shown={explainedCount(dryRun.resolves)} render={(v) => <ViolationLine key={`${v.kind}${subject(v)}`} v={v} />} />
        </Section>
      ) : null}
      {dryRun.changes.length ? (
        <Section tone="amber" testId="dry-run-changes" icon={<CircleAlert className="size-4 text-amber-600" aria-hidden />} title={`${dryRun.changes.length} stay open with fewer or other categories`}>
          <Few items={dryRun.changes} shown={explainedCount(dryRun.changes.map((c) => c.violation))} render={({ violation, before }) => <ViolationLine key={`${violation.kind}${subject(violation)}`} v={violation} note={<p className="text-xs text-slate-500">today: {before.join(", ")}</p>} />} />
        </Section>
      ) : null}
      {dryRun.unresolved.length ? (
        <Section tone="amber" testId="dry-run-unresolved" icon={<CircleSlash className="size-4 text-amber-600" aria-hidden />} title={`${dryRun.unresolved.length} crossing${dryRun.unresolved.length === 1 ? "" : "s"} would stay red`}>
          <Few items={dryRun.unresolved} render={(u) => (
            <div key={`${u.edge.from}>${u.edge.to}`} className="text-sm">
              <span className="font-mono text-[13px] text-ink">{u.edge.from} → {u.edge.to}</span>
              <ul className="mt-0.5 list-disc space-y-0.5 pl-5 text-xs leading-5 text-slate-700">
                {u.reasons.map((r) => <li key={r}>{r}</li>)}
              </ul>
            </div>
          )} />
        </Section>
      ) : null}
      {dryRun.opens.length ? (
        <Section tone="red" testId="dry-run-opens" icon={<RotateCcw className="size-4 text-rose-600" aria-hidden />} title={`${verb} re-opens ${dryRun.opens.length} violation${dryRun.opens.length === 1 ? "" : "s"}`}>
          <Few items={dryRun.opens} shown={explainedCount(dryRun.opens)} render={(v) => <ViolationLine key={`${v.kind}${subject(v)}`} v={v} />} />
        </Section>
      ) : null}
    </div>
  );
}
