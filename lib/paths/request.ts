// A sanctioned-path request as the form and the server read it: one zod schema,
// so the form's messages and the server's refusals are the same. Whether the
// zones, categories and purpose exist is the world's to say (server side).
import { z } from "zod";
import { isWellFormedKey } from "../taxonomy/index.ts";

export const JUSTIFICATION_MAX = 2000;
export const NOTE_MAX = 2000;

const optionalText = z
  .string()
  .trim()
  .transform((text) => (text === "" ? null : text));

export const PathRequestInput = z.object({
  from: z.string().trim().min(1, "from: choose the zone the data leaves"),
  // "" (the form's "out of all zones") and null both mean out of all zones
  to: z
    .string()
    .trim()
    .nullable()
    .transform((text) => (text ? text : null)),
  categories: z
    .array(z.string().trim().refine(isWellFormedKey, { message: "categories: malformed category key" }))
    .min(1, "categories: choose at least one category")
    .max(100, "categories: at most 100"),
  purpose: optionalText.nullable().transform((text) => text ?? null),
  justification: z.string().trim().min(1, "justification: required: say why this data must cross").max(JUSTIFICATION_MAX, `justification: at most ${JUSTIFICATION_MAX} characters`),
  // a date (yyyy-mm-dd, the end of that day in UTC) or an ISO instant; empty: no expiry
  expiresAt: optionalText.nullable().transform((text, ctx) => {
    if (!text) return null;
    const instant = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T23:59:59.999Z`) : Date.parse(text);
    if (Number.isNaN(instant)) {
      ctx.issues.push({ code: "custom", input: text, message: `expiresAt: not a date: "${text}"` });
      return z.NEVER;
    }
    return new Date(instant);
  }),
});

export type PathRequestInput = z.input<typeof PathRequestInput>;

/** The form's fields as the browser sends them (`edge`: the graph edge it was opened from, `FROM>TO` escaped as in graph URLs). */
export type PathRequestFields = { from: string; to: string; categories: string[]; purpose: string; justification: string; expiresAt: string; edge: string };
export type PathRequest = z.output<typeof PathRequestInput>;

export const DecisionNote = z.string().trim().max(NOTE_MAX, `note: at most ${NOTE_MAX} characters`);

/** Field → its messages, from "field: message" strings (the convention of every form's errors). */
export function errorsByField(errors: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const match = /^(\w+): (.*)$/s.exec(error);
    const field = match ? match[1] : "form";
    (out[field] ??= []).push(match ? match[2] : error);
  }
  return out;
}
