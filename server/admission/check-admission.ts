// The admission API's use case (DESIGN.md 6): the engine's answer to "may this
// job start reading these inputs for this purpose?", on the process's cached
// world state (never a reload per call), recorded as one audit entry with the
// request and the answer, including the would-be denials of logging zones.
import crypto from "node:crypto";
import { describeReference, type AdmissionRequestBody, type AssetReference } from "@/lib/admission/request-schema";
import { admit, admitWith, AdmissionRequestError, type Admission } from "@/lib/engine";
import type { EngineState } from "@/lib/engine/state";
import { recordAuditEntryGrouped } from "../audit/audit-group-commit";
import { AppError } from "../errors";
import { currentWorldState, type WorldState } from "../world/world-state";

export type AdmissionAnswer = Admission & { checkId: string };

// (namespace, name) → asset id, built once per engine state version: a lookup per call stays O(1) on a 100k world
const byName = new WeakMap<EngineState, { version: number; ids: Map<string, string> }>();
const nameKey = (namespace: string, name: string) => `${namespace}\u0000${name}`;

function assetIdsByName(state: EngineState): Map<string, string> {
  const known = byName.get(state);
  if (known && known.version === state.version) return known.ids;
  const ids = new Map<string, string>();
  for (const asset of state.assets) if (asset) ids.set(nameKey(asset.namespace, asset.name), asset.id);
  byName.set(state, { version: state.version, ids });
  return ids;
}

function resolve(state: EngineState, reference: AssetReference): string | null {
  if (typeof reference !== "string") return assetIdsByName(state).get(nameKey(reference.namespace, reference.name)) ?? null;
  const index = state.assetIndex.get(reference);
  return index !== undefined && state.assets[index] !== null ? reference : null;
}

/**
 * The evaluation that answers at `at`. Verdicts depend on the instant only
 * through sanctioned-path expiry, so when no approved path expires between the
 * cached state's instant and `at`, the cached evaluation is the answer; else
 * the cached world (still no database read) is evaluated at `at`.
 */
function answerAt(world: WorldState, request: Parameters<typeof admitWith>[1], at: Date | undefined): Admission {
  const cachedAt = world.evaluation.at.getTime();
  if (!at || at.getTime() === cachedAt) return admitWith(world.evaluation, request);
  const [low, high] = at.getTime() < cachedAt ? [at.getTime(), cachedAt] : [cachedAt, at.getTime()];
  const changes = world.world().sanctionedPaths.some((path) => {
    if (path.status !== "approved" || path.expiresAt === null) return false;
    const expiry = Date.parse(path.expiresAt);
    return expiry > low && expiry <= high;
  });
  return changes ? admit(world.world(), { ...request, at }) : admitWith(world.evaluation, request);
}

export async function checkAdmission({ caller, request }: { caller: string; request: AdmissionRequestBody & { at?: Date } }): Promise<AdmissionAnswer> {
  const world = await currentWorldState();
  const state = world.evaluation.state;
  const errors: string[] = [];
  const inputs = request.inputs.map((reference, index) => {
    const id = resolve(state, reference);
    if (id === null) errors.push(`inputs[${index}]: unknown asset ${describeReference(reference)}`);
    return id ?? "";
  });
  // a job the world does not hold is a new job (DESIGN.md 6); by (namespace, name) it is named "namespace:name" in the answer
  const job = resolve(state, request.job) ?? (typeof request.job === "string" ? request.job : `${request.job.namespace}:${request.job.name}`);
  if (!state.policy.purposeIndex.has(request.purpose)) errors.push(`purpose: unknown purpose ${JSON.stringify(request.purpose)}`);
  if (request.zone != null && !state.policy.zoneIndex.has(request.zone)) errors.push(`zone: unknown zone ${JSON.stringify(request.zone)}`);
  if (errors.length) throw new AppError("UNPROCESSABLE", errors[0], errors);
  let answer: Admission;
  try {
    answer = answerAt(world, { job, purpose: request.purpose, inputs, zone: request.zone ?? null }, request.at);
  } catch (error) {
    // the checks above mirror the engine's; should they ever drift, the engine's word still reaches the caller as a 422
    if (error instanceof AdmissionRequestError) throw new AppError("UNPROCESSABLE", error.errors[0], error.errors);
    throw error;
  }
  const checkId = crypto.randomUUID();
  // the answer leaves only once its audit entry is committed
  await recordAuditEntryGrouped({
    actor: caller,
    action: "admission.check",
    subject: `job:${job}`,
    payload: {
      checkId,
      worldVersion: world.version,
      request: { job, purpose: request.purpose, inputs, zone: request.zone ?? null, at: (request.at ?? world.evaluation.at).toISOString() },
      answer: { allowed: answer.allowed, reasons: answer.reasons },
      // DESIGN.md: a logging zone admits, and records what it would have denied
      wouldDeny: answer.reasons.filter((reason) => !reason.enforced).map((reason) => ({ kind: reason.kind, input: reason.input, zone: reason.zone })),
    },
  });
  return { ...answer, checkId };
}
