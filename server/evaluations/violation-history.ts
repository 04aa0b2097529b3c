import { prisma } from "../db";

// Violations are stored once per episode (opened by one run, resolved by a
// later one), so questions about the past are range queries on two indexed
// instants instead of scans over per-run copies.

/** The violations that were open at instant `at`. */
export async function violationsOpenAt(at: Date, { take = 1_000 }: { take?: number } = {}) {
  return prisma().violation.findMany({
    where: { openedAt: { lte: at }, OR: [{ resolvedAt: null }, { resolvedAt: { gt: at } }] },
    orderBy: [{ kind: "asc" }, { subject: "asc" }],
    take,
  });
}

/** What opened and what was resolved in [from, to). */
export async function violationChangesBetween(from: Date, to: Date, { take = 1_000 }: { take?: number } = {}) {
  const client = prisma();
  const [opened, resolved] = await Promise.all([
    client.violation.findMany({ where: { openedAt: { gte: from, lt: to } }, orderBy: [{ openedAt: "asc" }, { id: "asc" }], take }),
    client.violation.findMany({ where: { resolvedAt: { gte: from, lt: to } }, orderBy: [{ resolvedAt: "asc" }, { id: "asc" }], take }),
  ]);
  return { opened, resolved };
}

/** The categories of a violation at instant `at`: its latest revision from a run at or before `at`. */
export async function violationCategoriesAt(violationId: number, at: Date): Promise<string[] | null> {
  const revision = await prisma().violationRevision.findFirst({
    where: { violationId, run: { at: { lte: at } } },
    orderBy: { run: { at: "desc" } },
  });
  return revision?.categories ?? null;
}

/** Where-clauses for the three questions, over the zones given (null: every zone); shared by counts and lists. */
function historyWhere(from: Date, to: Date, zones: readonly string[] | null) {
  const zone = zones ? { zoneId: { in: [...zones] } } : {};
  return {
    openAtEnd: { ...zone, openedAt: { lte: to }, OR: [{ resolvedAt: null }, { resolvedAt: { gt: to } }] },
    opened: { ...zone, openedAt: { gte: from, lte: to } },
    resolved: { ...zone, resolvedAt: { gte: from, lte: to } },
  };
}

/**
 * For an evidence period [from, to] (both ends included, as evidence scopes are):
 * how many violations of these zones were open at its end, opened and resolved in it.
 */
export async function violationHistoryCounts(from: Date, to: Date, zones: readonly string[] | null) {
  const client = prisma();
  const where = historyWhere(from, to, zones);
  const [openAtEnd, opened, resolved] = await Promise.all([client.violation.count({ where: where.openAtEnd }), client.violation.count({ where: where.opened }), client.violation.count({ where: where.resolved })]);
  return { openAtEnd, opened, resolved };
}

/** The violations of these zones open at `to`, in DESIGN.md's order, at most `take`. */
export async function violationsOpenAtEnd(from: Date, to: Date, zones: readonly string[] | null, { take }: { take: number }) {
  return prisma().violation.findMany({ where: historyWhere(from, to, zones).openAtEnd, orderBy: [{ kind: "asc" }, { subject: "asc" }], take });
}
