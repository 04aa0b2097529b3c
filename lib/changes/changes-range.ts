// The Changes page's date range (DESIGN.md 7: "what changed between two dates"), read from the
// URL: whole UTC days, `from` and `to` both included; by default the last 30 days.
import { z } from "zod";

export const DAY_MS = 86_400_000;
export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

const day = (field: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
      if (!date || date.toISOString().slice(0, 10) !== value) {
        ctx.addIssue({ code: "custom", message: `not a date: give YYYY-MM-DD, got "${value.slice(0, 40)}"`, path: [] });
        return z.NEVER;
      }
      return date;
    })
    .describe(field);

export interface ChangesRange {
  /** first instant of the first day */
  from: Date;
  /** first instant after the last day (exclusive) */
  until: Date;
  /** as shown in the form and the URL */
  fromDay: string;
  toDay: string;
}

const startOfUtcDay = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function changesRangeSchema(now: Date) {
  return z
    .object({ from: day("from"), to: day("to") })
    .transform(({ from, to }, ctx): ChangesRange => {
      const last = to ?? startOfUtcDay(now);
      const first = from ?? new Date(last.getTime() - (DEFAULT_RANGE_DAYS - 1) * DAY_MS);
      if (first > last) {
        ctx.addIssue({ code: "custom", message: `${isoDay(last)} is before from (${isoDay(first)})`, path: ["to"] });
        return z.NEVER;
      }
      const days = Math.round((last.getTime() - first.getTime()) / DAY_MS) + 1;
      if (days > MAX_RANGE_DAYS) {
        ctx.addIssue({ code: "custom", message: `at most ${MAX_RANGE_DAYS} days from "from", got ${days}`, path: ["to"] });
        return z.NEVER;
      }
      return { from: first, until: new Date(last.getTime() + DAY_MS), fromDay: isoDay(first), toDay: isoDay(last) };
    });
}

/** The chart's sampling step: hours for a range of up to 3 days, days up to 120 days, else weeks. */
export function chartStepMs(range: { from: Date; until: Date }): number {
  const span = range.until.getTime() - range.from.getTime();
  if (span <= 3 * DAY_MS) return 3_600_000;
  if (span <= 120 * DAY_MS) return DAY_MS;
  return 7 * DAY_MS;
}

/**
 * The sample instants of the open-violations chart: from, then one per step, the last one
 * clamped to `now` when the range reaches into the future (the chart shows no future).
 */
export function chartInstants(range: { from: Date; until: Date }, now: Date): Date[] {
  const step = chartStepMs(range);
  const end = Math.min(range.until.getTime(), now.getTime());
  const out: Date[] = [];
  for (let t = range.from.getTime(); t < end; t += step) out.push(new Date(t));
  if (end > range.from.getTime()) out.push(new Date(end));
  return out;
}
