import type { Prisma, ViolationKind } from "@/generated/prisma/client";
import { VIOLATION_KINDS } from "@/lib/engine";
import { covers } from "@/lib/taxonomy";
import { prisma } from "../db";
import { clampPage, pageOf, PAGE_SIZE } from "../paging";
import { readWorldVersion } from "../world/world-version";

/**
 * The open violations (as the latest stored run left them), filtered by zone,
 * kind and category (a category filter covers its descendants), one page at a
 * time: filtering, counting and paging all happen in SQL.
 */
export async function listOpenViolations({ zone, kind, category, page = 1 }: { zone?: string; kind?: string; category?: string; page?: number }) {
  const client = prisma();
  const [run, worldVersion] = await Promise.all([client.evaluationRun.findFirst({ orderBy: { id: "desc" } }), readWorldVersion()]);
  const zones = new Map((await client.zone.findMany({ select: { id: true, name: true, color: true } })).map((z) => [z.id, { name: z.name, color: z.color }]));
  const facets = { zones: [] as string[], kinds: [...VIOLATION_KINDS], categories: [] as string[] };
  if (!run) return { run: null, stale: worldVersion > 0, page: pageOf([], 0, 1), facets, zones };

  const where: Prisma.ViolationWhereInput = { resolvedRunId: null };
  if (zone) where.zoneId = zone;
  if (kind) where.kind = (VIOLATION_KINDS as readonly string[]).includes(kind) ? (kind as ViolationKind) : { in: [] };
  if (category) {
    // the taxonomy decides what a category covers (one rule, lib/taxonomy); the index does the rest
    const keys = (await client.dataCategory.findMany({ select: { key: true } })).map((c) => c.key).filter((key) => covers(category, key));
    where.categories = { hasSome: keys.length ? keys : [category] };
  }
  const [total, zoneFacet, categoryFacet] = await Promise.all([
    client.violation.count({ where }),
    client.$queryRaw<{ zoneId: string }[]>`SELECT DISTINCT "zoneId" FROM "Violation" WHERE "resolvedRunId" IS NULL ORDER BY 1`,
    client.$queryRaw<{ category: string }[]>`SELECT DISTINCT unnest("categories") AS "category" FROM "Violation" WHERE "resolvedRunId" IS NULL ORDER BY 1`,
  ]);
  const current = clampPage(page, total);
  const rows = await client.violation.findMany({
    where,
    orderBy: [{ kind: "asc" }, { subject: "asc" }, { zoneId: "asc" }],
    skip: (current - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  facets.zones = zoneFacet.map((row) => row.zoneId);
  facets.categories = categoryFacet.map((row) => row.category);
  return { run, stale: worldVersion > run.worldVersion, page: pageOf(rows, total, current), facets, zones };
}
