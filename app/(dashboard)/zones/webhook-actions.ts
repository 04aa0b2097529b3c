"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/session";
import type { FormState } from "@/lib/form-state";
import { AppError } from "@/server/errors";
import { createWebhook, removeWebhook } from "@/server/alerts/manage-webhooks";
import { sendTestDelivery } from "@/server/alerts/send-test-delivery";

const failure = (error: unknown): FormState => {
  if (error instanceof AppError) return { ok: false, errors: error.details.length ? error.details : [error.message] };
  throw error;
};

// Webhooks are part of a zone's configuration: the zone editors' permission (README "Alerts").
export async function addWebhook(_: FormState, form: FormData): Promise<FormState> {
  const actor = await actionActor("zone.edit");
  try {
    const created = await createWebhook(actor, {
      zoneId: String(form.get("zoneId") ?? ""),
      url: String(form.get("url") ?? ""),
      description: String(form.get("description") ?? ""),
      secret: String(form.get("secret") ?? ""),
    });
    revalidatePath(`/zones/${created.zoneId}`);
    return created.generatedSecret
      ? { ok: true, message: "Webhook added. Copy its signing secret now; it is shown only once:", secret: created.generatedSecret }
      : { ok: true, message: "Webhook added, signing with the secret you gave." };
  } catch (error) {
    return failure(error);
  }
}

export async function removeWebhookAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await actionActor("zone.edit");
  try {
    const { zoneId } = await removeWebhook(actor, String(form.get("webhookId") ?? ""));
    revalidatePath(`/zones/${zoneId}`);
    return { ok: true, message: "Removed." };
  } catch (error) {
    return failure(error);
  }
}

export async function sendTestDeliveryAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await actionActor("zone.edit");
  try {
    const answer = await sendTestDelivery(actor, String(form.get("webhookId") ?? ""));
    return answer.error === null
      ? { ok: true, message: `Test delivery accepted (HTTP ${answer.responseCode}, ${answer.durationMs} ms).` }
      : { ok: false, errors: [`Test delivery failed: ${answer.error}`] };
  } catch (error) {
    return failure(error);
  }
}
