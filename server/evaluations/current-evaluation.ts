import { evaluate, type Evaluation } from "@/lib/engine/evaluate";
import type { World } from "@/lib/world/schema";
import { prisma } from "../db";
import { loadWorld } from "../world/load-world";

// Pages ask for effective labels and verdicts on every request; evaluating the
// world each time would be wasteful, so the evaluation is kept until the world
// changes. Every write to the world records an audit entry, so the audit tail
// plus the table sizes identify a version of the world.
const MAX_AGE_MS = 60_000; // sanctioned paths expire with time, so "now" must move on

type Cached = { fingerprint: string; evaluatedAt: number; world: World; evaluation: Evaluation };
const globalCache = globalThis as unknown as { zonelineEvaluation?: Cached; zonelineEvaluationPending?: Promise<Cached> };

async function worldFingerprint(): Promise<string> {
  const [row] = await prisma().$queryRaw<{ fingerprint: string }[]>`
    SELECT concat_ws(':',
      (SELECT max(sequence) FROM "AuditEntry"),
      (SELECT count(*) FROM "Asset"), (SELECT max("updatedAt") FROM "Asset"),
      (SELECT count(*) FROM "LineageEdge"), (SELECT max("lastSeen") FROM "LineageEdge"),
      (SELECT count(*) FROM "Zone"), (SELECT max("updatedAt") FROM "Zone"),
      (SELECT count(*) FROM "SanctionedPath")) AS fingerprint`;
  return row.fingerprint;
}

export async function currentEvaluation(): Promise<{ world: World; evaluation: Evaluation }> {
  const fingerprint = await worldFingerprint();
  const cached = globalCache.zonelineEvaluation;
  if (cached && cached.fingerprint === fingerprint && Date.now() - cached.evaluatedAt < MAX_AGE_MS) return cached;
  // concurrent requests share one evaluation instead of each starting their own
  globalCache.zonelineEvaluationPending ??= (async () => {
    const world = await loadWorld();
    const fresh: Cached = { fingerprint, evaluatedAt: Date.now(), world, evaluation: evaluate(world) };
    globalCache.zonelineEvaluation = fresh;
    return fresh;
  })().finally(() => {
    globalCache.zonelineEvaluationPending = undefined;
  });
  return globalCache.zonelineEvaluationPending;
}
