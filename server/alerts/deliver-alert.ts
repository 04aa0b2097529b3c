// One attempt at one alert delivery (a job of the alert queue runs it): POST the stored body,
// signed, to the webhook's URL with a timeout, and record the attempt. A failure throws, so the
// queue retries the job with backoff; a delivered (or removed) delivery is never sent again.
import { DELIVERY_HEADER, EVENT_HEADER, signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "@/lib/alerts/signature";
import { prisma } from "../db";

export const webhookTimeoutMs = () => Number(process.env.ZONELINE_WEBHOOK_TIMEOUT_MS ?? 10_000);

export class DeliveryAttemptFailed extends Error {}

type Claimed = { body: string; event: string; url: string; secret: string; attempts: number };

export type AttemptOutcome = "delivered" | "retry" | "failed" | "skipped";

/**
 * `finalAttempt`: the queue will not retry after this one, so a failure marks the delivery failed
 * (visible on the zone's page) instead of leaving it pending. Throws DeliveryAttemptFailed on a
 * failure that the queue should retry.
 */
export async function attemptAlertDelivery(deliveryId: string, { finalAttempt }: { finalAttempt: boolean }): Promise<AttemptOutcome> {
  const timeoutMs = webhookTimeoutMs();
  // Claim the row for the length of one attempt: a job that expired and was handed out again while
  // its first attempt still runs finds it claimed and waits for a retry instead of sending in parallel.
  const [claimed] = await prisma().$queryRaw<Claimed[]>`
    UPDATE "AlertDelivery" d
       SET "claimedUntil" = now() + make_interval(secs => ${(timeoutMs + 5_000) / 1000}), "attempts" = d."attempts" + 1, "lastAttemptAt" = now()
      FROM "Webhook" w
     WHERE d."id" = ${deliveryId} AND w."id" = d."webhookId" AND d."status" = 'pending'
       AND (d."claimedUntil" IS NULL OR d."claimedUntil" < now())
    RETURNING d."body", d."event", w."url", w."secret", d."attempts"`;
  if (!claimed) {
    const row = await prisma().alertDelivery.findUnique({ where: { id: deliveryId }, select: { status: true } });
    // gone (its webhook was removed) or settled: nothing to send
    if (!row || row.status !== "pending") return "skipped";
    throw new DeliveryAttemptFailed("another attempt at this delivery is in progress");
  }

  const attemptedAt = new Date();
  const { responseCode, error, durationMs } = await postWebhook({ ...claimed, deliveryId, attemptedAt, timeoutMs });
  const ok = error === null;
  const status = ok ? "delivered" : finalAttempt ? "failed" : "pending";
  await prisma().$transaction([
    prisma().alertDeliveryAttempt.create({ data: { deliveryId, attemptedAt, durationMs, responseCode, ok, error } }),
    prisma().alertDelivery.updateMany({
      where: { id: deliveryId },
      data: { status, claimedUntil: null, lastError: error, ...(ok ? { deliveredAt: new Date() } : {}) },
    }),
  ]);
  if (ok) return "delivered";
  if (finalAttempt) return "failed";
  throw new DeliveryAttemptFailed(error!);
}

export interface WebhookAnswer {
  /** the HTTP status, null when no answer came */
  responseCode: number | null;
  /** null when the receiver accepted it (2xx) */
  error: string | null;
  durationMs: number;
}

/** One signed POST of `body` to a webhook: a 2xx is success; anything else, a redirect (not followed), a network error or a timeout is an error. */
export async function postWebhook(input: { url: string; secret: string; body: string; event: string; deliveryId: string; attemptedAt: Date; timeoutMs: number }): Promise<WebhookAnswer> {
  const started = performance.now();
  let responseCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(input.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Zoneline-Webhook/1",
        [SIGNATURE_HEADER]: signBody(input.secret, input.body),
        [DELIVERY_HEADER]: input.deliveryId,
        [EVENT_HEADER]: input.event,
        [TIMESTAMP_HEADER]: input.attemptedAt.toISOString(),
      },
      body: input.body,
      // a redirect would re-send the alert somewhere nobody configured: it counts as a failure
      redirect: "manual",
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    responseCode = response.status;
    await response.body?.cancel().catch(() => {});
    if (response.status < 200 || response.status > 299) error = `the receiver answered HTTP ${response.status}`;
  } catch (cause) {
    const e = cause as Error & { cause?: { code?: string; message?: string } };
    error = e.name === "TimeoutError" ? `no answer within ${input.timeoutMs} ms` : `${e.cause?.code ?? e.name}: ${e.cause?.message ?? e.message}`.slice(0, 500);
  }
  return { responseCode, error, durationMs: Math.round(performance.now() - started) };
}
