import { z } from "zod";

export const PAGE_SIZE = 25;

/** Page numbers and search text come from the URL: clamp rather than fail on junk. */
export const listQuery = z.object({
  q: z
    .string()
    .trim()
    .transform((text) => text.slice(0, 200) || undefined)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageCount: number;
}

export function pageOf<T>(rows: T[], total: number, page: number, pageSize = PAGE_SIZE): Page<T> {
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Page past the end → the last page, so a stale link still shows rows. */
export function clampPage(page: number, total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.min(page, Math.ceil(total / pageSize)));
}

/**
 * Prisma's `contains` becomes ILIKE '%…%' without escaping, so % and _ typed by a
 * user would act as wildcards; this makes them match themselves.
 */
export function literal(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
