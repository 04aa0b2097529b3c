import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "../db";
import { clampPage, listQuery, literal, PAGE_SIZE, pageOf } from "../paging";

const DAY_MS = 86_400_000;
const day = z
  .string()
  .trim()
  .transform((text) => text || undefined)
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
      // Date.parse rolls 2026-02-30 over to March: a real day is one that reads back the same.
      .refine((text) => new Date(Date.parse(`${text}T00:00:00Z`) || 0).toISOString().slice(0, 10) === text, "not a calendar date")
      .optional(),
  )
  .optional();
const exact = z
  .string()
  .trim()
  .max(320, "at most 320 characters")
  .transform((text) => text || undefined)
  .optional();

/**
 * The Audit page's filters, as its URL carries them: search text, actor and
 * action (exact), and a range of UTC days (both ends included).
 */
export const auditQuery = listQuery
  .extend({ actor: exact, action: exact, from: day, to: day })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ["to"], message: "must not be before from" });

export type AuditQuery = z.infer<typeof auditQuery>;

/** Field → message, for the filter form; an empty object when the query is fine. */
export function auditQueryErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "query");
    errors[field] ??= issue.message;
  }
  return errors;
}

export async function listAuditEntries({ page = 1, q, actor, action, from, to }: Partial<AuditQuery>) {
  const where: Prisma.AuditEntryWhereInput = {
    ...(q
      ? {
          OR: [
            { action: { contains: literal(q), mode: "insensitive" } },
            { subject: { contains: literal(q), mode: "insensitive" } },
            { actor: { contains: literal(q), mode: "insensitive" } },
          ],
        }
      : {}),
    ...(actor ? { actor } : {}),
    ...(action ? { action } : {}),
    ...(from || to
      ? {
          at: {
            ...(from ? { gte: new Date(`${from}T00:00:00Z`) } : {}),
            ...(to ? { lt: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) } : {}),
          },
        }
      : {}),
  };
  const total = await prisma().auditEntry.count({ where });
  page = clampPage(page, total);
  const rows = await prisma().auditEntry.findMany({ where, orderBy: { sequence: "desc" }, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  return pageOf(rows, total, page);
}

// The filter's choices: the distinct actors and actions present. Each is an index
// walk that jumps from one value to the next (a loose index scan), so it costs
// the number of distinct values, not the length of the log.
const FACET_LIMIT = 500;

export async function listAuditFacets(): Promise<{ actors: string[]; actions: string[] }> {
  const [actors, actions] = await Promise.all([
    prisma().$queryRaw<{ value: string }[]>`
      WITH RECURSIVE v AS (
        (SELECT "actor" AS value FROM "AuditEntry" ORDER BY "actor" LIMIT 1)
        UNION ALL
        SELECT (SELECT "actor" FROM "AuditEntry" WHERE "actor" > v.value ORDER BY "actor" LIMIT 1) FROM v WHERE v.value IS NOT NULL
      ) SELECT value FROM v WHERE value IS NOT NULL LIMIT ${FACET_LIMIT}`,
    prisma().$queryRaw<{ value: string }[]>`
      WITH RECURSIVE v AS (
        (SELECT "action" AS value FROM "AuditEntry" ORDER BY "action" LIMIT 1)
        UNION ALL
        SELECT (SELECT "action" FROM "AuditEntry" WHERE "action" > v.value ORDER BY "action" LIMIT 1) FROM v WHERE v.value IS NOT NULL
      ) SELECT value FROM v WHERE value IS NOT NULL LIMIT ${FACET_LIMIT}`,
  ]);
  return { actors: actors.map((row) => row.value), actions: actions.map((row) => row.value) };
}
