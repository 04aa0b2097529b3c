"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/session";
import type { ZoneDraftInput } from "@/lib/zones/zone-draft";
import type { ZoneDryRun } from "@/lib/zones/zone-dry-run";
import { AppError } from "@/server/errors";
import { previewZoneChange } from "@/server/zones/preview-zone-change";
import { saveZone } from "@/server/zones/save-zone";

export type ZonePreviewResult = { ok: true; dryRun: ZoneDryRun } | { ok: false; errors: string[] };
export type ZoneSaveResult = { ok: true; id: string; message: string } | { ok: false; errors: string[] };

const failure = (error: unknown): { ok: false; errors: string[] } => {
  if (error instanceof AppError) return { ok: false, errors: error.details.length ? error.details : [error.message] };
  throw error;
};

/** The dry run of the form as it stands; nothing is written. */
export async function previewZone(input: ZoneDraftInput): Promise<ZonePreviewResult> {
  const actor = await actionActor("zone.edit");
  try {
    return { ok: true, dryRun: await previewZoneChange(actor, input) };
  } catch (error) {
    return failure(error);
  }
}

export async function saveZoneDraft(input: ZoneDraftInput): Promise<ZoneSaveResult> {
  const actor = await actionActor("zone.edit");
  try {
    const saved = await saveZone(actor, input);
    revalidatePath("/zones");
    revalidatePath(`/zones/${saved.zone.id}`);
    const { added, resolved } = saved.dryRun.counts;
    return { ok: true, id: saved.zone.id, message: `${saved.created ? "Created" : "Saved"} ${saved.zone.name}: ${added} violation${added === 1 ? "" : "s"} added, ${resolved} resolved.` };
  } catch (error) {
    return failure(error);
  }
}
