import { prisma } from "../db";

export async function listChanges() {
  const [runs, unreviewedEdges] = await Promise.all([
    prisma().evaluationRun.findMany({ orderBy: { id: "desc" }, take: 50 }),
    prisma().lineageEdge.findMany({ where: { reviewState: "unreviewed" }, orderBy: [{ firstSeen: "desc" }, { id: "asc" }], take: 100 }),
  ]);
  return { runs: runs.map((run) => ({ ...run, newCount: run.openedCount, resolvedCount: run.resolvedCount })), unreviewedEdges };
}
