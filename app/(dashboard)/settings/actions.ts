"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/session";
import type { FormState } from "@/lib/form-state";
import { AppError } from "@/server/errors";
import { updateOrganisationSettings } from "@/server/settings/organisation-settings";

export async function saveOrganisationSettings(_: FormState, form: FormData): Promise<FormState> {
  const actor = await actionActor("admin.manage");
  try {
    const fields = ["organisationName", "controllerName", "controllerContact", "dpoContact", "paperSize"] as const;
    const { changed } = await updateOrganisationSettings(actor, Object.fromEntries(fields.map((field) => [field, String(form.get(field) ?? "")])));
    revalidatePath("/settings");
    return { ok: true, message: changed.length ? `Saved (${changed.length} ${changed.length === 1 ? "field" : "fields"} changed).` : "Nothing changed." };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, errors: error.details.length ? error.details : [error.message] };
    throw error;
  }
}
