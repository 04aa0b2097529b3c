import { explain } from "@/lib/engine/explain";
import type { AssetExplanation } from "@/lib/asset-explanation";
import { currentWorldState } from "../world/world-state";

/** An asset's effective labels with provenance and the violations that concern it (the engine's `explain`). */
export async function explainAsset(id: string): Promise<AssetExplanation | null> {
  const { evaluation } = await currentWorldState();
  if (!evaluation.hasAsset(id)) return null;
  const { labels, violations } = explain(evaluation, { asset: id });
  return { labels, violations: violations.map((v) => ({ ...v, explanation: v.explanation, path: v.path })) };
}
