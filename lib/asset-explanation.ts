// What the asset page shows under "Effective labels" and "Violations": built by
// the server's explain use case, drawn by components/assets/effective-labels.tsx.
import type { LabelWithProvenance, Violation } from "./engine/index.ts";

export interface AssetExplanation {
  labels: LabelWithProvenance[];
  violations: Violation[];
}
