"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/session";
import type { FormState } from "@/lib/form-state";
import { AppError } from "@/server/errors";
import { acceptLabelSuggestions, dismissLabelSuggestions, type DecideLabelSuggestionsResult } from "@/server/labels/decide-label-suggestions";

function outcome(result: DecideLabelSuggestionsResult): FormState {
  const n = result.decided.length;
  const done = `${result.decision === "accept" ? "Accepted" : "Dismissed"} ${n} suggestion${n === 1 ? "" : "s"}.`;
  const labels =
    result.decision === "accept" && n > 0
      ? result.labelsAdded.length
        ? ` Declared ${result.labelsAdded.map((l) => `${l.category} on ${l.assetId}`).join(", ")}.`
        : " The assets already declared these labels."
      : "";
  const skipped = result.skipped.length
    ? ` Skipped ${result.skipped.length} already decided: ${result.skipped.map((s) => `#${s.id} ${s.status}${s.decidedBy ? ` by ${s.decidedBy}` : ""}`).join(", ")}.`
    : "";
  return { ok: true, message: `${done}${labels}${skipped}` };
}

/**
 * The suggestion lists (reviewer's list and asset page): the checked suggestions (`id`), or one row's, decided by the
 * button pressed: `decision` is "accept" or "dismiss" for the selection, "accept:<id>" or "dismiss:<id>" for one row.
 */
export async function decideLabelSuggestions(_: FormState, form: FormData): Promise<FormState> {
  const actor = await actionActor("labels.review");
  try {
    const [decision, one] = String(form.get("decision") ?? "").split(":");
    if (decision !== "accept" && decision !== "dismiss") throw new AppError("INVALID_REQUEST", "decision: must be accept or dismiss");
    const raw = one !== undefined ? [one] : form.getAll("id").map(String);
    const ids = raw.map((value, i) => {
      if (!/^\d{1,9}$/.test(value)) throw new AppError("INVALID_REQUEST", `ids[${i}]: must be a suggestion id`);
      return Number(value);
    });
    const result = decision === "accept" ? await acceptLabelSuggestions(actor, { ids }) : await dismissLabelSuggestions(actor, { ids });
    revalidatePath("/labels");
    for (const assetId of new Set(result.decided.map((d) => d.assetId))) revalidatePath(`/assets/${encodeURIComponent(assetId)}`);
    return outcome(result);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, errors: error.details.length ? error.details : [error.message] };
    throw error;
  }
}
