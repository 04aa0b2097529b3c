// Admission (DESIGN 6): may a job start reading these inputs for purpose P?
// Answers {allowed, reasons}; a reason in a logging zone is recorded but not enforced.
import { compareCodePoints } from "../taxonomy/index.ts";
import type { World } from "../world/schema.ts";
import { evaluate, Evaluation, formatLabel } from "./evaluate.ts";
import { VIOLATION_KINDS, type ViolationKind } from "./violations.ts";

export type AdmitRequest = {
  job: string;
  purpose: string;
  inputs: string[];
  /** Overrides the job asset's zone; a job not in the world without one is unzoned. */
  zone?: string | null;
  at?: Date;
};

export type AdmissionReason = {
  kind: ViolationKind;
  input: string | null;
  zone: string;
  enforced: boolean;
  categories: string[];
  explanation: string;
  path: string[];
};

export type Admission = { allowed: boolean; reasons: AdmissionReason[] };

/** Unknown input, zone or purpose: the request itself is invalid (exit 2 in the CLI). */
export class AdmissionRequestError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join("; "));
    this.name = "AdmissionRequestError";
  }
}

export function admit(world: World | Evaluation, request: AdmitRequest): Admission {
  const evaluation = world instanceof Evaluation ? world : evaluate(world, { at: request.at });
  return admitWith(evaluation, request);
}

/** Admission against an existing evaluation (its `at` is used). */
export function admitWith(evaluation: Evaluation, request: AdmitRequest): Admission {
  const state = evaluation.state;
  const policy = state.policy;
  const ids = state.assetIds;
  const W = state.W;

  const errors: string[] = [];
  const purpose = policy.purposeIndex.get(request.purpose);
  if (purpose === undefined) errors.push(`unknown purpose "${request.purpose}"`);
  let zone = -1;
  if (request.zone !== undefined && request.zone !== null) {
    const index = policy.zoneIndex.get(request.zone);
    if (index === undefined) errors.push(`unknown zone "${request.zone}"`);
    else zone = index;
  } else {
    const job = state.assetIndex.get(request.job);
    if (job !== undefined && state.assets[job] !== null) zone = state.assetZone[job];
  }
  const inputs: number[] = [];
  for (const id of new Set(request.inputs)) {
    const index = state.assetIndex.get(id);
    if (index === undefined || state.assets[index] === null) errors.push(`unknown input "${id}"`);
    else inputs.push(index);
  }
  if (inputs.length === 0 && errors.length === 0) errors.push("at least one input is required");
  if (errors.length > 0) throw new AdmissionRequestError(errors);
  const p = purpose!;

  const reasons: AdmissionReason[] = [];
  const reason = (kind: 0 | 1 | 2, input: number, reasonZone: number, categories: number[], explanation: string, path: number[]) =>
    reasons.push({
      kind: VIOLATION_KINDS[kind],
      input: input >= 0 ? ids[input] : null,
      zone: policy.zoneId(reasonZone),
      enforced: policy.enforcing(reasonZone),
      categories: categories.map((c) => policy.categoryKeys[c]),
      explanation,
      path: [...path.map((a) => ids[a]), request.job],
    });

  if (zone >= 0 && !policy.purposePermitted(zone, p)) {
    const allowed = policy.zones[zone]!.purposes;
    reason(
      1,
      -1,
      zone,
      [],
      `purpose ${request.purpose} of job ${request.job} is not permitted in ${policy.zoneName(zone)}, which allows ${allowed.length > 0 ? allowed.join(", ") : "no purposes"}`,
      [],
    );
  }

  const bad = new Uint32Array(W);
  const firstLabel = () => {
    for (let i = 0; i < W; i++) if (bad[i] !== 0) return i * 32 + (31 - Math.clz32(bad[i] & -bad[i]));
    return -1;
  };
  const route = (input: number, label: number) => {
    const path = state.provenance(input, label).path;
    const text = path.length === 1 ? `declared on ${ids[input]}` : `from ${ids[path[0]]} via ${path.map((a) => ids[a]).join(" → ")}`;
    return { path, text };
  };
  for (const input of inputs) {
    const offset = input * W;
    if (zone >= 0) {
      const permitted = policy.permitted[zone];
      let any = 0;
      for (let i = 0; i < W; i++) any |= bad[i] = state.effective[offset + i] & ~permitted[i];
      if (any !== 0) {
        const categories = policy.categoriesOf(bad);
        const label = firstLabel();
        const { path, text } = route(input, label);
        reason(
          0,
          input,
          zone,
          categories,
          `${formatLabel(policy.labelOf(label))} in input ${ids[input]} (${text}) is not permitted in ${policy.zoneName(zone)}`,
          path,
        );
      }
    }
    const inputZone = state.assetZone[input];
    if (inputZone >= 0 && inputZone !== zone) {
      // The job plays v of DESIGN 5: its zone Z and the requested purpose P; inputs pass no transforms.
      const allowed = policy.allowed(inputZone, zone, p).mask;
      let any = 0;
      for (let i = 0; i < W; i++) any |= bad[i] = state.effective[offset + i] & ~allowed[i];
      if (any !== 0) {
        const categories = policy.categoriesOf(bad);
        const label = firstLabel();
        const { path, text } = route(input, label);
        const destination = zone < 0 ? "outside all zones" : policy.zoneName(zone);
        reason(
          2,
          input,
          inputZone,
          categories,
          `${formatLabel(policy.labelOf(label))} in input ${ids[input]} (${text}) would cross from ${policy.zoneName(inputZone)} to ${destination}; ` +
            `no approved sanctioned path for ${request.purpose} allows ${categories.map((c) => policy.categoryKeys[c]).join(", ")}`,
          path,
        );
      }
    }
  }

  reasons.sort(
    (a, b) =>
      VIOLATION_KINDS.indexOf(a.kind) - VIOLATION_KINDS.indexOf(b.kind) ||
      (a.input === null ? (b.input === null ? 0 : -1) : b.input === null ? 1 : compareCodePoints(a.input, b.input)),
  );
  return { allowed: !reasons.some((r) => r.enforced), reasons };
}
