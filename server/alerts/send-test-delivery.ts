// "Send test delivery": a signed `ping` to one webhook, sent now and answered to the reviewer who
// asked, so a receiver can be checked before a real violation needs it. Not queued, not retried, not
// stored as a delivery (it alerts about nothing); the receiver sees the headers a real one has.
import crypto from "node:crypto";
import { prisma } from "../db";
import { authorize, type Actor } from "../auth/actor";
import { AppError } from "../errors";
import { postWebhook, webhookTimeoutMs, type WebhookAnswer } from "./deliver-alert";

export async function sendTestDelivery(actor: Actor, webhookId: string): Promise<WebhookAnswer & { deliveryId: string }> {
  authorize(actor, "zone.edit");
  const webhook = await prisma().webhook.findUnique({ where: { id: webhookId }, select: { id: true, zoneId: true, url: true, secret: true } });
  if (!webhook) throw new AppError("NOT_FOUND", `webhookId: no webhook "${webhookId}"`);
  const deliveryId = crypto.randomUUID();
  const attemptedAt = new Date();
  const body = JSON.stringify({ event: "ping", deliveryId, createdAt: attemptedAt.toISOString(), zone: webhook.zoneId, webhook: webhook.id, requestedBy: actor.email });
  const answer = await postWebhook({ url: webhook.url, secret: webhook.secret, body, event: "ping", deliveryId, attemptedAt, timeoutMs: webhookTimeoutMs() });
  return { ...answer, deliveryId };
}
