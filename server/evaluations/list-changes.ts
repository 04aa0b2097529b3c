import { chartInstants, type ChangesRange } from "@/lib/changes/changes-range";
import { prisma } from "../db";

// What changed in a date range (DESIGN.md 7): new assets, new edges, violation episodes opened
// and resolved, the evaluation runs, and the number of open violations over time. Lists are capped
// (`take`) and come with their full counts.

export interface OpenViolationsPoint {
  at: Date;
  open: number;
}

/**
 * The number of open violations at each instant: the count at the first one, then the episodes
 * opened and resolved after it. Episodes open and resolve at the instant of an evaluation run, so
 * grouping them by instant reads one row per run, however many violations there are.
 */
export async function openViolationsOverTime(instants: Date[]): Promise<OpenViolationsPoint[]> {
  if (!instants.length) return [];
  const first = instants[0];
  const last = instants[instants.length - 1];
  const client = prisma();
  const [base, opened, resolved] = await Promise.all([
    client.violation.count({ where: { openedAt: { lte: first }, OR: [{ resolvedAt: null }, { resolvedAt: { gt: first } }] } }),
    client.violation.groupBy({ by: ["openedAt"], where: { openedAt: { gt: first, lte: last } }, _count: { _all: true }, orderBy: { openedAt: "asc" } }),
    client.violation.groupBy({ by: ["resolvedAt"], where: { resolvedAt: { gt: first, lte: last } }, _count: { _all: true }, orderBy: { resolvedAt: "asc" } }),
  ]);
  const events = [
    ...opened.map((row) => ({ at: row.openedAt.getTime(), delta: row._count._all })),
    ...resolved.map((row) => ({ at: row.resolvedAt!.getTime(), delta: -row._count._all })),
  ].sort((a, b) => a.at - b.at);
  let open = base;
  let next = 0;
  return instants.map((at) => {
    while (next < events.length && events[next].at <= at.getTime()) open += events[next++].delta;
    return { at, open };
  });
}

export async function listChanges(range: ChangesRange, { take = 50, now = new Date() }: { take?: number; now?: Date } = {}) {
  const client = prisma();
  const within = { gte: range.from, lt: range.until };
  const [assets, assetCount, edges, edgeCount, opened, openedCount, resolved, resolvedCount, runs, runCount, series] = await Promise.all([
    client.asset.findMany({ where: { createdAt: within }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take, select: { id: true, name: true, namespace: true, kind: true, zoneId: true, createdAt: true } }),
    client.asset.count({ where: { createdAt: within } }),
    client.lineageEdge.findMany({ where: { firstSeen: within }, orderBy: [{ firstSeen: "desc" }, { id: "asc" }], take, select: { id: true, fromId: true, toId: true, signals: true, firstSeen: true, reviewState: true } }),
    client.lineageEdge.count({ where: { firstSeen: within } }),
    client.violation.findMany({ where: { openedAt: within }, orderBy: [{ openedAt: "desc" }, { id: "asc" }], take }),
    client.violation.count({ where: { openedAt: within } }),
    client.violation.findMany({ where: { resolvedAt: within }, orderBy: [{ resolvedAt: "desc" }, { id: "asc" }], take }),
    client.violation.count({ where: { resolvedAt: within } }),
    client.evaluationRun.findMany({ where: { at: within }, orderBy: { id: "desc" }, take: 20 }),
    client.evaluationRun.count({ where: { at: within } }),
    openViolationsOverTime(chartInstants(range, now)),
  ]);
  return {
    assets: { rows: assets, total: assetCount },
    edges: { rows: edges, total: edgeCount },
    opened: { rows: opened, total: openedCount },
    resolved: { rows: resolved, total: resolvedCount },
    runs: { rows: runs, total: runCount },
    series,
  };
}
