// Erasure impact of a source asset on the current world: the engine's search
// (lib/engine/erasure-impact.ts) over the cached evaluation, with names,
// zones and owners (lib/evidence/erasure.ts). An unknown asset is a 404 naming it.
import { erasureImpact, UnknownAssetError } from "@/lib/engine/erasure-impact";
import { buildErasureReport, type ErasureReport } from "@/lib/evidence/erasure";
import { AppError } from "../errors";
import { currentWorldState } from "../world/world-state";

export async function getErasureImpact(assetId: string): Promise<{ report: ErasureReport; worldVersion: number }> {
  const state = await currentWorldState();
  try {
    const impact = erasureImpact(state.evaluation.state, assetId);
    return { report: buildErasureReport(state.world(), impact, new Date()), worldVersion: state.version };
  } catch (error) {
    if (error instanceof UnknownAssetError) throw new AppError("NOT_FOUND", `asset: unknown asset "${assetId}"`, [`asset: unknown asset "${assetId}"`]);
    throw error;
  }
}
