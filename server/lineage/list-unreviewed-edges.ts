import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { SIGNALS } from "@/lib/world/schema";
import { prisma } from "../db";
import { clampPage, pageOf } from "../paging";

/** A page holds what "select all" may send in one decision (below MAX_EDGES_PER_REVIEW). */
export const REVIEW_PAGE_SIZE = 100;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** The list's filters as they come from the URL; a malformed value is ignored rather than failing the page. */
export const UnreviewedEdgeFilter = z.object({
  zone: z.string().min(1).optional().catch(undefined),
  signal: z.enum(SIGNALS).optional().catch(undefined),
  seenFrom: day,
  seenTo: day,
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type UnreviewedEdgeFilter = z.input<typeof UnreviewedEdgeFilter>;

/** Edges nobody has reviewed yet; `zone` keeps those that leave or enter it; the date range is inclusive, in UTC. */
export async function listUnreviewedEdges(input: UnreviewedEdgeFilter) {
  const filter = UnreviewedEdgeFilter.parse(input);
  const firstSeen: Prisma.DateTimeNullableFilter = {};
  if (filter.seenFrom) firstSeen.gte = new Date(`${filter.seenFrom}T00:00:00Z`);
  if (filter.seenTo) firstSeen.lt = new Date(new Date(`${filter.seenTo}T00:00:00Z`).getTime() + 86_400_000);
  const where: Prisma.LineageEdgeWhereInput = {
    reviewState: "unreviewed",
    ...(filter.zone ? { OR: [{ from: { zoneId: filter.zone } }, { to: { zoneId: filter.zone } }] } : {}),
    ...(filter.signal ? { signals: { has: filter.signal } } : {}),
    ...(filter.seenFrom || filter.seenTo ? { firstSeen } : {}),
  };
  const total = await prisma().lineageEdge.count({ where });
  const page = clampPage(filter.page, total, REVIEW_PAGE_SIZE);
  const rows = await prisma().lineageEdge.findMany({
    where,
    orderBy: [{ firstSeen: { sort: "desc", nulls: "last" } }, { id: "asc" }],
    skip: (page - 1) * REVIEW_PAGE_SIZE,
    take: REVIEW_PAGE_SIZE,
    include: {
      from: { select: { name: true, namespace: true, zone: { select: { id: true, name: true, color: true } } } },
      to: { select: { name: true, namespace: true, zone: { select: { id: true, name: true, color: true } } } },
    },
  });
  return { ...pageOf(rows, total, page, REVIEW_PAGE_SIZE), filter };
}
