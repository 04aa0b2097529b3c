// Query strings as route handlers and pages see them: one value per
// parameter, read with a zod schema into a typed value or a message that names
// the parameter.
import type { z } from "zod";

export type QueryParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** A query as one string per parameter (the first, where one is repeated). */
export function firstValues(params: QueryParams): Record<string, string> {
  // No prototype: a parameter named __proto__ or constructor is just a parameter.
  const out: Record<string, string> = Object.create(null);
  if (params instanceof URLSearchParams) {
    for (const [key, value] of params) if (!Object.hasOwn(out, key)) out[key] = value;
  } else {
    for (const [key, value] of Object.entries(params)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined) out[key] = first;
    }
  }
  return out;
}

export type QueryResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Reads a query with a schema; the message names the parameter that is wrong
 * (`zones: at most 1000 ids`), as every error at Zoneline's edge does.
 */
export function readQuery<T>(schema: z.ZodType<T>, params: QueryParams): QueryResult<T> {
  const result = schema.safeParse(firstValues(params));
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue.path.length ? issue.path.map(String).join(".") : "query";
  return { ok: false, message: `${where}: ${issue.message}` };
}

