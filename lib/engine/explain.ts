// explain(evaluation, subject): everything a reviewer needs about one asset or
// one edge — its labels with provenance and its violations with their reasons.
import type { EdgeVerdict, Evaluation, LabelWithProvenance, Violation } from "./evaluate.ts";

export type ExplainSubject = { asset: string } | { edge: { from: string; to: string } };

export type Explanation =
  | { subject: { asset: string }; labels: LabelWithProvenance[]; violations: Violation[] }
  | {
      subject: { edge: { from: string; to: string } };
      /** Labels of the edge's source, with provenance; what flows is these after the edge's transforms. */
      labels: LabelWithProvenance[];
      verdict: EdgeVerdict;
      sanctionedBy: string[];
      violations: Violation[];
    };

export function explain(evaluation: Evaluation, subject: ExplainSubject): Explanation {
  if ("asset" in subject) {
    const labels = evaluation.labelsOf(subject.asset);
    return { subject, labels, violations: evaluation.violations.filter((v) => v.asset === subject.asset) };
  }
  const { from, to } = subject.edge;
  return {
    subject,
    labels: evaluation.labelsOf(from),
    verdict: evaluation.edgeVerdict(from, to),
    sanctionedBy: evaluation.sanctionedPathsFor(from, to),
    violations: evaluation.violations.filter((v) => v.edge !== null && v.edge.from === from && v.edge.to === to),
  };
}
