// A zone change's dry run as the page shows it and the audit entry keeps it:
// plain data (no engine objects), lists capped so a sweeping change on a large
// world stays a small answer, with the full counts beside them.
import type { ZoneWhatIf } from "../engine/what-if.ts";
import type { Violation } from "../engine/evaluate.ts";

export const DRY_RUN_LIST_LIMIT = 100;

export type DryRunViolation = {
  kind: Violation["kind"];
  asset: string | null;
  edge: { from: string; to: string } | null;
  zone: string;
  categories: string[];
  explanation: string;
};

export type DryRunAdmission = {
  job: string;
  purpose: string;
  inputs: string[];
  allowedBefore: boolean;
  allowedAfter: boolean;
  reasons: { kind: Violation["kind"]; input: string | null; zone: string; enforced: boolean; categories: string[]; explanation: string }[];
};

export type ZoneDryRun = {
  zoneId: string;
  isNew: boolean;
  counts: { added: number; resolved: number; changed: number; admissionChanges: number; recordedOnly: number; jobsChecked: number; violationsBefore: number; violationsAfter: number };
  added: DryRunViolation[];
  resolved: DryRunViolation[];
  changed: (DryRunViolation & { categoriesBefore: string[] })[];
  admission: DryRunAdmission[];
  recordedOnly: DryRunAdmission[];
  /** display names of the assets the lists mention */
  names: Record<string, string>;
};

const plain = (v: Violation): DryRunViolation => ({ kind: v.kind, asset: v.asset, edge: v.edge, zone: v.zone, categories: v.categories, explanation: v.explanation });

export function dryRunOf(result: ZoneWhatIf, isNew: boolean, nameOf: (assetId: string) => string): ZoneDryRun {
  const cap = <T>(list: T[]) => list.slice(0, DRY_RUN_LIST_LIMIT);
  const admissionOf = (a: ZoneWhatIf["admission"][number]): DryRunAdmission => ({
    ...a,
    reasons: a.reasons.map((r) => ({ kind: r.kind, input: r.input, zone: r.zone, enforced: r.enforced, categories: r.categories, explanation: r.explanation })),
  });
  const dryRun: ZoneDryRun = {
    zoneId: result.zone,
    isNew,
    counts: {
      added: result.added.length,
      resolved: result.resolved.length,
      changed: result.changed.length,
      admissionChanges: result.admission.length,
      recordedOnly: result.recordedOnly.length,
      jobsChecked: result.jobsChecked,
      violationsBefore: result.violationsBefore,
      violationsAfter: result.violationsAfter,
    },
    added: cap(result.added).map(plain),
    resolved: cap(result.resolved).map(plain),
    changed: cap(result.changed).map((c) => ({ ...plain(c.after), categoriesBefore: c.before.categories })),
    admission: cap(result.admission).map(admissionOf),
    recordedOnly: cap(result.recordedOnly).map(admissionOf),
    names: {},
  };
  const ids = new Set<string>();
  for (const v of [...dryRun.added, ...dryRun.resolved, ...dryRun.changed]) {
    if (v.asset) ids.add(v.asset);
    if (v.edge) ids.add(v.edge.from).add(v.edge.to);
  }
  for (const a of [...dryRun.admission, ...dryRun.recordedOnly]) for (const id of [a.job, ...a.inputs]) ids.add(id);
  for (const id of ids) dryRun.names[id] = nameOf(id);
  return dryRun;
}

/** What the audit entry keeps of a dry run: the counts and the subjects, not the sentences. */
export function dryRunAuditSummary(dryRun: ZoneDryRun) {
  const subject = (v: DryRunViolation) => `${v.kind} ${v.asset ?? `${v.edge!.from}->${v.edge!.to}`}`;
  return {
    counts: dryRun.counts,
    added: dryRun.added.map(subject),
    resolved: dryRun.resolved.map(subject),
    changed: dryRun.changed.map(subject),
    admission: dryRun.admission.map((a) => ({ job: a.job, allowedBefore: a.allowedBefore, allowedAfter: a.allowedAfter })),
  };
}
