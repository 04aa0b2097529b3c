// A zone's webhooks are part of its configuration: whoever may edit zones (zone.edit, DESIGN.md:
// privacy reviewers) adds and removes them. Each change is an audit entry in the same
// transaction; the secret never goes into the audit log.
import crypto from "node:crypto";
import { displayWebhookUrl, WebhookInput } from "@/lib/alerts/webhook-input";
import { prisma } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { authorize, type Actor } from "../auth/actor";
import { AppError } from "../errors";

export interface CreatedWebhook {
  id: string;
  zoneId: string;
  url: string;
  /** shown once when Zoneline generated it; null when the caller gave their own */
  generatedSecret: string | null;
}

function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64url")}`;
}

export async function createWebhook(actor: Actor, input: WebhookInput): Promise<CreatedWebhook> {
  authorize(actor, "zone.edit");
  const parsed = WebhookInput.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => (issue.message.includes(":") ? issue.message : `${issue.path.join(".") || "input"}: ${issue.message}`));
    throw new AppError("UNPROCESSABLE", details[0], details);
  }
  const { zoneId, url, description, secret } = parsed.data;
  const generatedSecret = secret === null ? newWebhookSecret() : null;
  const id = crypto.randomUUID();
  await prisma().$transaction(async (tx) => {
    if (!(await tx.zone.findUnique({ where: { id: zoneId }, select: { id: true } }))) throw new AppError("NOT_FOUND", `zoneId: no zone "${zoneId}"`);
    if (await tx.webhook.findFirst({ where: { zoneId, url }, select: { id: true } })) {
      throw new AppError("CONFLICT", `url: zone "${zoneId}" already sends to this URL`);
    }
    await tx.webhook.create({ data: { id, zoneId, url, secret: secret ?? generatedSecret!, description, createdBy: actor.email } });
    await recordAuditEntry(tx, {
      actor: actor.email,
      action: "webhook.create",
      subject: `webhook:${id}`,
      payload: { zone: zoneId, url: displayWebhookUrl(url), description, secret: generatedSecret ? "generated" : "given" },
    });
  });
  return { id, zoneId, url, generatedSecret };
}

export async function removeWebhook(actor: Actor, webhookId: string): Promise<{ zoneId: string }> {
  authorize(actor, "zone.edit");
  return prisma().$transaction(async (tx) => {
    const webhook = await tx.webhook.findUnique({ where: { id: webhookId }, select: { id: true, zoneId: true, url: true, _count: { select: { deliveries: true } } } });
    if (!webhook) throw new AppError("NOT_FOUND", `webhookId: no webhook "${webhookId}"`);
    // its deliveries go with it: queued jobs find nothing to send
    const { count } = await tx.webhook.deleteMany({ where: { id: webhookId } });
    if (count === 0) throw new AppError("CONFLICT", "webhookId: already removed");
    await recordAuditEntry(tx, {
      actor: actor.email,
      action: "webhook.remove",
      subject: `webhook:${webhook.id}`,
      payload: { zone: webhook.zoneId, url: displayWebhookUrl(webhook.url), deliveries: webhook._count.deliveries },
    });
    return { zoneId: webhook.zoneId };
  });
}

/** The zone's webhooks with their recent deliveries and each delivery's attempts (never the secret). */
export async function listZoneWebhooks(zoneId: string, { deliveries = 10 }: { deliveries?: number } = {}) {
  const webhooks = await prisma().webhook.findMany({
    where: { zoneId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      url: true,
      description: true,
      createdBy: true,
      createdAt: true,
      _count: { select: { deliveries: true } },
      deliveries: {
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        take: deliveries,
        select: {
          id: true,
          status: true,
          attempts: true,
          createdAt: true,
          deliveredAt: true,
          lastAttemptAt: true,
          lastError: true,
          violation: { select: { id: true, kind: true, subject: true, resolvedAt: true } },
          attemptLog: { orderBy: { attemptedAt: "asc" }, select: { attemptedAt: true, responseCode: true, ok: true, error: true, durationMs: true } },
        },
      },
    },
  });
  const counts = await prisma().alertDelivery.groupBy({ by: ["webhookId", "status"], where: { webhook: { zoneId } }, _count: { _all: true } });
  return webhooks.map((webhook) => ({
    ...webhook,
    counts: Object.fromEntries(counts.filter((c) => c.webhookId === webhook.id).map((c) => [c.status, c._count._all])) as Partial<Record<"pending" | "delivered" | "failed", number>>,
  }));
}
