// What an evidence export covers (issue "Evidence for legal"): a period and a
// set of zones. Shared by the report (PDF), the bundle (ZIP), the record of
// processing and their forms, routes and CLI, so every export reads the same
// defaults (all zones, the last 90 days) and refuses the same bad input with
// the field named.
import { z } from "zod";

export const DEFAULT_PERIOD_DAYS = 90;
export const MAX_SCOPE_ZONES = 1000;
const DAY_MS = 86_400_000;

// A day (UTC) or an instant. A bare day as `from` starts at 00:00 UTC; as `to` it covers that whole day.
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const instant = (field: "from" | "to") =>
  z
    .string()
    .trim()
    .refine((value) => (DAY.test(value) || /^\d{4}-\d{2}-\d{2}T/.test(value)) && !Number.isNaN(Date.parse(DAY.test(value) ? `${value}T00:00:00Z` : value)), {
      message: `${field}: not a date (YYYY-MM-DD or an ISO 8601 date-time)`,
    })
    .transform((value) => (DAY.test(value) ? new Date(Date.parse(`${value}T00:00:00Z`) + (field === "to" ? DAY_MS - 1 : 0)) : new Date(value)));

/** The raw scope as a form, a query string or a CLI sends it: every field optional. */
export const EvidenceScopeInput = z
  .object({
    from: instant("from").optional(),
    to: instant("to").optional(),
    /** zone ids, comma-separated in a query string; absent or empty: every zone */
    zones: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((zones) => (zones === undefined ? [] : Array.isArray(zones) ? zones : zones.split(",")).map((zone) => zone.trim()).filter(Boolean))
      .pipe(z.array(z.string().max(200, "zones: a zone id has at most 200 characters")).max(MAX_SCOPE_ZONES, `zones: at most ${MAX_SCOPE_ZONES} zones`)),
  })
  .transform(({ from, to, zones }, context) => {
    const end = to ?? new Date();
    const start = from ?? new Date(end.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
    if (end.getTime() < start.getTime()) {
      context.addIssue({ code: "custom", path: ["to"], message: `to: the period ends (${end.toISOString()}) before it starts (${start.toISOString()})` });
      return z.NEVER;
    }
    return { from: start, to: end, zones: [...new Set(zones)].sort() };
  });

/** A period [from, to] (inclusive, UTC instants) and the zones it concerns (empty: all zones). */
export type EvidenceScope = z.output<typeof EvidenceScopeInput>;

export type ScopeResult = { ok: true; scope: EvidenceScope } | { ok: false; message: string; details: string[] };

export function readEvidenceScope(input: unknown): ScopeResult {
  const parsed = EvidenceScopeInput.safeParse(input);
  if (parsed.success) return { ok: true, scope: parsed.data };
  const details = parsed.error.issues.map((issue) => (issue.message.includes(":") ? issue.message : `${issue.path.join(".") || "scope"}: ${issue.message}`));
  return { ok: false, message: details[0], details };
}

/** "2026-09-01 – 2026-11-30 (UTC), all zones": how exports name their scope. */
export function describeEvidenceScope(scope: EvidenceScope): string {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return `${day(scope.from)} – ${day(scope.to)} (UTC), ${scope.zones.length ? `zones ${scope.zones.join(", ")}` : "all zones"}`;
}
