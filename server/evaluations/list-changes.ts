import { prisma } from "../db";

type RunPayload = { newCount?: number; resolvedCount?: number };

export async function listChanges() {
  const [runs, unreviewedEdges] = await Promise.all([
    prisma().evaluationRun.findMany({ orderBy: { id: "desc" }, take: 50 }),
    prisma().lineageEdge.findMany({ where: { reviewState: "unreviewed" }, orderBy: [{ firstSeen: "desc" }, { id: "asc" }], take: 100 }),
  ]);
  // what changed between runs is recorded in each run's audit entry
  const entries = await prisma().auditEntry.findMany({
    where: { action: "evaluation.run", subject: { in: runs.map((run) => `evaluation:${run.id}`) } },
    select: { subject: true, payload: true },
  });
  const deltas = new Map(entries.map((entry) => [entry.subject, entry.payload as RunPayload]));
  return {
    runs: runs.map((run) => {
      const delta = deltas.get(`evaluation:${run.id}`) ?? {};
      return { ...run, newCount: delta.newCount ?? 0, resolvedCount: delta.resolvedCount ?? 0 };
    }),
    unreviewedEdges,
  };
}
