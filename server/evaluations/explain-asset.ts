import type { LabelWithProvenance, Violation } from "@/lib/engine/evaluate";
import { currentEvaluation } from "./current-evaluation";

export interface AssetExplanation {
  labels: LabelWithProvenance[];
  violations: Violation[];
}

/** An asset's effective labels with provenance and the violations it is the subject of (or the source edge of). */
export async function explainAsset(id: string): Promise<AssetExplanation | null> {
  const { evaluation } = await currentEvaluation();
  let labels: LabelWithProvenance[];
  try {
    labels = evaluation.labelsOf(id);
  } catch {
    return null; // the asset appeared after the cached evaluation; the page shows it without labels
  }
  const violations = evaluation.violations
    .filter((v) => v.asset === id || v.edge?.from === id || v.edge?.to === id)
    .map((v) => ({ ...v, explanation: v.explanation, path: v.path }));
  return { labels, violations };
}
