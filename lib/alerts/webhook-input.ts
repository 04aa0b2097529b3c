// A zone's webhook as a reviewer enters it; shared by the form and the server (one zod schema).
import { z } from "zod";

export const WEBHOOK_SECRET_MIN = 16;

export const WebhookInput = z.object({
  zoneId: z.string().trim().min(1, "zoneId: required"),
  url: z
    .string()
    .trim()
    .min(1, "url: required")
    .max(2_000, "url: at most 2000 characters")
    .refine((value) => URL.canParse(value), { message: "url: not a valid URL" })
    .refine((value) => !URL.canParse(value) || ["http:", "https:"].includes(new URL(value).protocol), { message: "url: only http and https URLs can receive webhooks" })
    .refine((value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password), { message: "url: put no credentials in the URL; the signature authenticates Zoneline" }),
  description: z
    .string()
    .trim()
    .max(200, "description: at most 200 characters")
    .regex(/^[^\p{Cc}]*$/u, "description: no control characters")
    .optional()
    .transform((value) => value || null),
  /** empty: Zoneline generates one (shown once) */
  secret: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || value.length >= WEBHOOK_SECRET_MIN, { message: `secret: at least ${WEBHOOK_SECRET_MIN} characters, or leave it empty and Zoneline generates one` })
    .refine((value) => value === null || value.length <= 200, { message: "secret: at most 200 characters" })
    .refine((value) => value === null || /^[\x21-\x7e]+$/.test(value), { message: "secret: printable ASCII without spaces" }),
});
export type WebhookInput = z.input<typeof WebhookInput>;

/** A webhook URL as the page and the audit log show it: without its query string, which may carry a receiver's token. */
export function displayWebhookUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}${parsed.search ? "?…" : ""}`;
}
