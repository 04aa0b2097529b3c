import type { Prisma, ViolationKind } from "@/generated/prisma/client";
import { prisma } from "../db";

const KINDS: ViolationKind[] = ["category_not_permitted", "purpose_not_permitted", "unsanctioned_crossing"];

/** The latest evaluation's violations, filtered by zone, kind and category (a category filter covers its descendants). */
export async function listLatestViolations({ zone, kind, category }: { zone?: string; kind?: string; category?: string }) {
  const run = await prisma().evaluationRun.findFirst({ orderBy: { id: "desc" } });
  if (!run) return { run: null, violations: [], facets: { zones: [], kinds: KINDS, categories: [] }, zones: new Map<string, { name: string; color: string }>() };
  const where: Prisma.ViolationWhereInput = {
    runId: run.id,
    ...(zone ? { zoneId: zone } : {}),
    ...(kind && (KINDS as string[]).includes(kind) ? { kind: kind as ViolationKind } : {}),
  };
  const [rows, all, zones] = await Promise.all([
    prisma().violation.findMany({ where, orderBy: [{ kind: "asc" }, { subject: "asc" }] }),
    prisma().violation.findMany({ where: { runId: run.id }, select: { zoneId: true, categories: true } }),
    prisma().zone.findMany({ select: { id: true, name: true, color: true } }),
  ]);
  const violations = category ? rows.filter((v) => v.categories.some((c) => c === category || c.startsWith(`${category}.`))) : rows;
  return {
    run,
    violations,
    facets: {
      zones: [...new Set(all.map((v) => v.zoneId))].sort(),
      kinds: KINDS,
      categories: [...new Set(all.flatMap((v) => v.categories))].sort(),
    },
    zones: new Map(zones.map((z) => [z.id, { name: z.name, color: z.color }])),
  };
}
