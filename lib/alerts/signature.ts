// How a webhook delivery is signed (README "Alerts"): HMAC-SHA256 of the raw request body
// with the webhook's secret, hex, as `X-Zoneline-Signature: sha256=<hex>` (GitHub's scheme,
// so receivers can reuse what they have). Pure: the sender, the tests and a receiver share it.
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "x-zoneline-signature";
export const DELIVERY_HEADER = "x-zoneline-delivery";
export const EVENT_HEADER = "x-zoneline-event";
export const TIMESTAMP_HEADER = "x-zoneline-timestamp";

export function signBody(secret: string, rawBody: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}

/** Constant-time check of a received signature header against the body as received. */
export function verifySignature(secret: string, rawBody: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, rawBody));
  const given = Buffer.from(header);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
