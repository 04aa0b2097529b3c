// What an audit entry keeps of a dry run: the counts and the subjects (bounded,
// so a decision on a huge zone pair writes a bounded entry).
import type { DryRun } from "@/lib/engine/dry-run";
import type { Violation } from "@/lib/engine/evaluate";

const LISTED = 50;
const subjectOf = (v: Pick<Violation, "kind" | "asset" | "edge">) => `${v.kind} ${v.asset ?? `${v.edge!.from} → ${v.edge!.to}`}`;

export function auditDryRun(dry: DryRun) {
  return {
    resolves: dry.resolves.length,
    opens: dry.opens.length,
    changes: dry.changes.length,
    unresolved: dry.unresolved.length,
    resolved: dry.resolves.slice(0, LISTED).map(subjectOf),
    opened: dry.opens.slice(0, LISTED).map(subjectOf),
  };
}
