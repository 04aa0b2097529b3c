"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/session";
import type { FormState } from "@/lib/form-state";
import { AppError } from "@/server/errors";
import { reviewEdges, type EdgeRef, type ReviewEdgesResult } from "@/server/lineage/review-edges";

const failure = (error: unknown): FormState => {
  if (error instanceof AppError) return { ok: false, errors: error.details.length ? error.details : [error.message] };
  throw error;
};

function outcome(result: ReviewEdgesResult): FormState {
  const done = result.reviewed.length === 1 ? "Marked 1 edge reviewed." : `Marked ${result.reviewed.length} edges reviewed.`;
  const skipped = result.skipped.length
    ? ` Skipped ${result.skipped.length} already reviewed: ${result.skipped.map((e) => `${e.from} → ${e.to}${e.reviewedBy ? ` (by ${e.reviewedBy})` : ""}`).join(", ")}.`
    : "";
  return { ok: true, message: `${done}${skipped}` };
}

/** The graph's side panel: one edge. */
export async function markEdgeReviewed(edge: EdgeRef): Promise<FormState> {
  const actor = await actionActor("edge.review");
  try {
    const result = await reviewEdges(actor, { edges: [{ from: String(edge?.from ?? ""), to: String(edge?.to ?? "") }] });
    revalidatePath("/edges");
    revalidatePath("/changes");
    return outcome(result);
  } catch (error) {
    return failure(error);
  }
}

/** The review list: the checked edges, each sent as a JSON pair [from, to]. */
export async function markSelectedEdgesReviewed(_: FormState, form: FormData): Promise<FormState> {
  const actor = await actionActor("edge.review");
  try {
    const edges = form.getAll("edge").map((value, i) => {
      try {
        const [from, to] = JSON.parse(String(value)) as unknown[];
        return { from: String(from), to: String(to) };
      } catch {
        throw new AppError("INVALID_REQUEST", `edges[${i}]: malformed edge`);
      }
    });
    const result = await reviewEdges(actor, { edges });
    revalidatePath("/edges");
    revalidatePath("/changes");
    return outcome(result);
  } catch (error) {
    return failure(error);
  }
}
