// The world file (DESIGN.md "World file"): one source of truth for its shape.
// Objects are strict so that a misspelt field is an error, not silently lost.
// Optional fields get DESIGN.md's defaults here, so the parsed World is complete.
import { z } from "zod";
import { isWellFormedKey } from "../taxonomy/index.ts";

export const QUALIFIERS = ["identified", "pseudonymized", "aggregated"] as const;
export const ASSET_KINDS = [
  "web_endpoint",
  "logger",
  "table",
  "stream",
  "rpc_service",
  "model_inference",
  "batch_job",
  "training_job",
  "checkpoint",
  "report",
] as const;
export const SIGNALS = ["web_probe", "logger_config", "sql", "processing_log", "rpc", "training_manifest", "openlineage", "manual"] as const;
export const REVIEW_STATES = ["unreviewed", "reviewed"] as const;
export const PATH_STATUSES = ["pending", "approved", "rejected", "revoked", "withdrawn"] as const;
export const ZONE_MODES = ["enforcing", "logging"] as const;
export const SIMPLE_TRANSFORMS = ["aggregate", "pseudonymize", "filter_consented"] as const;

const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses an ISO-8601 timestamp; one without an offset is UTC (DESIGN.md).
 * Returns the full UTC form (`2026-01-01T00:00:00.000Z`) or null when malformed.
 */
export function normalizeTimestamp(text: string): string | null {
  const match = ISO_TIMESTAMP.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", offset = "Z"] = match;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const millis = Math.floor(Number(`0.${fraction || "0"}`) * 1000);
  let offsetMinutes = 0;
  if (offset !== "Z" && offset !== "z") {
    const sign = offset[0] === "-" ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = Number(digits.slice(2) || "0");
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return new Date(date.getTime() - offsetMinutes * 60_000).toISOString();
}

const timestamp = z.string().transform((text, ctx) => {
  const normalized = normalizeTimestamp(text);
  if (normalized === null) {
    ctx.issues.push({ code: "custom", input: text, message: `not an ISO-8601 timestamp: "${text}"` });
    return z.NEVER;
  }
  return normalized;
});

const id = z.string().min(1, "must not be empty");
const key = z.string().refine(isWellFormedKey, { message: "malformed key (dotted segments of letters, digits, _ or -)" });
const nullableText = z.string().nullable().default(null);

export const Qualifier = z.enum(QUALIFIERS);
export const AssetKind = z.enum(ASSET_KINDS);
export const Signal = z.enum(SIGNALS);
export const ReviewState = z.enum(REVIEW_STATES);
export const PathStatus = z.enum(PATH_STATUSES);
export const ZoneMode = z.enum(ZONE_MODES);

/**
 * `aggregate`, `pseudonymize`, `filter_consented` or `drop:<category>`. Whether the
 * dropped category exists is a reference check (parse.ts), not a shape check.
 */
export const Transform = z.string().superRefine((text, ctx) => {
  if ((SIMPLE_TRANSFORMS as readonly string[]).includes(text)) return;
  if (text.startsWith("drop:")) {
    const category = text.slice("drop:".length);
    if (category === "") ctx.addIssue({ code: "custom", message: `malformed transform "${text}": drop needs a category (drop:<category>)` });
    else if (!isWellFormedKey(category)) ctx.addIssue({ code: "custom", message: `malformed transform "${text}": "${category}" is not a category key` });
    return;
  }
  ctx.addIssue({
    code: "custom",
    message: `unknown transform "${text}" (expected aggregate, pseudonymize, filter_consented or drop:<category>)`,
  });
});

export const TaxonomyKey = z.strictObject({ key, name: z.string().min(1, "must not be empty"), description: nullableText });

export const CustomTaxonomy = z.strictObject({
  categories: z.array(TaxonomyKey).default([]),
  purposes: z.array(TaxonomyKey).default([]),
});

export const ZoneRule = z.strictObject({
  category: key,
  minQualifier: Qualifier.default("identified"),
  requireConsent: z.boolean().default(false),
});

export const Zone = z.strictObject({
  id,
  name: z.string().min(1, "must not be empty"),
  description: nullableText,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour "#rrggbb"'),
  owner: nullableText,
  mode: ZoneMode.default("enforcing"),
  allow: z.array(ZoneRule),
  purposes: z.array(key),
  // Record-of-processing metadata (GDPR Art. 30(1)(c) and (f)); the policy engine ignores both.
  /** fideslang data subject keys (`customer`, `employee`): whose data the zone processes */
  dataSubjects: z.array(key).default([]),
  /** how long the zone keeps personal data, as a record of processing states it ("13 months after account closure") */
  retention: z.string().trim().min(1, "must not be empty (leave it out or null for none)").max(1000, "at most 1000 characters").nullable().default(null),
});

export const Label = z.strictObject({
  category: key,
  qualifier: Qualifier,
  consented: z.boolean().default(false),
});

export const Asset = z.strictObject({
  id,
  namespace: z.string().min(1, "must not be empty"),
  name: z.string().min(1, "must not be empty"),
  kind: AssetKind,
  zone: id.nullable().default(null),
  labels: z.array(Label).default([]),
  purpose: key.nullable().default(null),
  owner: nullableText,
  description: nullableText,
});

export const Edge = z.strictObject({
  from: id,
  to: id,
  transforms: z.array(Transform).default([]),
  signals: z.array(Signal).default([]),
  firstSeen: timestamp.nullable().default(null),
  lastSeen: timestamp.nullable().default(null),
  reviewState: ReviewState.default("unreviewed"),
  reviewedBy: nullableText,
  reviewedAt: timestamp.nullable().default(null),
});

export const SanctionedPath = z.strictObject({
  id,
  from: id,
  // Required although nullable: a forgotten `to` must not silently mean "out of all zones".
  to: id.nullable(),
  categories: z.array(key).min(1, "a sanctioned path allows at least one category"),
  purpose: key.nullable().default(null),
  justification: nullableText,
  requester: nullableText,
  reviewer: nullableText,
  status: PathStatus.default("pending"),
  expiresAt: timestamp.nullable().default(null),
  requestedAt: timestamp.nullable().default(null),
  reviewedAt: timestamp.nullable().default(null),
  reviewNote: nullableText,
});

export const World = z.strictObject({
  taxonomy: CustomTaxonomy.default({ categories: [], purposes: [] }),
  zones: z.array(Zone).default([]),
  assets: z.array(Asset).default([]),
  edges: z.array(Edge).default([]),
  sanctionedPaths: z.array(SanctionedPath).default([]),
});

export type Qualifier = z.infer<typeof Qualifier>;
export type AssetKind = z.infer<typeof AssetKind>;
export type Signal = z.infer<typeof Signal>;
export type ReviewState = z.infer<typeof ReviewState>;
export type PathStatus = z.infer<typeof PathStatus>;
export type ZoneMode = z.infer<typeof ZoneMode>;
export type Transform = z.infer<typeof Transform>;
export type TaxonomyKey = z.infer<typeof TaxonomyKey>;
export type CustomTaxonomy = z.infer<typeof CustomTaxonomy>;
export type ZoneRule = z.infer<typeof ZoneRule>;
export type Zone = z.infer<typeof Zone>;
export type Label = z.infer<typeof Label>;
export type Asset = z.infer<typeof Asset>;
export type Edge = z.infer<typeof Edge>;
export type SanctionedPath = z.infer<typeof SanctionedPath>;
export type World = z.infer<typeof World>;
/** The world file as written by hand: every defaulted field may be left out. */
export type WorldInput = z.input<typeof World>;
