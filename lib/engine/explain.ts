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

/**
 * The violations a reviewer looking at a subject must see. For an asset: those
 * whose subject it is, and the crossings of the edges that enter or leave it
 * (its data leaving, or arriving, without a sanctioned path). For an edge: its
 * crossing. This is the one definition every page and panel uses.
 */
export function violationsConcerning(evaluation: Evaluation, subject: ExplainSubject): Violation[] {
  if ("asset" in subject) {
    const id = subject.asset;
    return evaluation.violations.filter((v) => v.asset === id || v.edge?.from === id || v.edge?.to === id);
  }
  const { from, to } = subject.edge;
  return evaluation.violations.filter((v) => v.edge !== null && v.edge.from === from && v.edge.to === to);
}

export function explain(evaluation: Evaluation, subject: ExplainSubject): Explanation {
  if ("asset" in subject) {
    return { subject, labels: evaluation.labelsOf(subject.asset), violations: violationsConcerning(evaluation, subject) };
  }
  const { from, to } = subject.edge;
  return {
    subject,
    labels: evaluation.labelsOf(from),
    verdict: evaluation.edgeVerdict(from, to),
    sanctionedBy: evaluation.sanctionedPathsFor(from, to),
    violations: violationsConcerning(evaluation, subject),
  };
}
