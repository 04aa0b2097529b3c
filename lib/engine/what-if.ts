// Dry runs of a zone change (DESIGN.md: a dry run is the engine evaluated on
// the world with the change applied in memory; the answer is the difference
// of the two violation sets, never a second rule set). The change is applied
// to a copy of the world and evaluated in full: zone rules do not move labels,
// but a full evaluation keeps this module independent of the incremental
// evaluator's internals (it costs one evaluation of the world; see README).
import type { Zone, World } from "../world/schema.ts";
import { admitWith, type AdmissionReason } from "./admit.ts";
import { evaluate, type Evaluation, type Violation } from "./evaluate.ts";

export type ViolationChange = { before: Violation; after: Violation };

export type AdmissionChange = {
  job: string;
  purpose: string;
  inputs: string[];
  allowedBefore: boolean;
  allowedAfter: boolean;
  /** the reasons after the change (enforced or only recorded) */
  reasons: AdmissionReason[];
};

export type ZoneWhatIf = {
  zone: string;
  /** violations the change opens */
  added: Violation[];
  /** violations the change resolves */
  resolved: Violation[];
  /** violations that stay open with other categories */
  changed: ViolationChange[];
  /** jobs in the zone (assets with a purpose and inputs) whose admission, over their inputs in the lineage, flips */
  admission: AdmissionChange[];
  /** jobs in the zone whose admission reasons are recorded but not enforced after the change (a zone in logging mode) */
  recordedOnly: AdmissionChange[];
  jobsChecked: number;
  violationsBefore: number;
  violationsAfter: number;
};

/** One violation per kind and subject, kept apart per zone (as the stored history does). */
const identity = (v: Violation) => `${v.kind}\u0000${v.asset ?? ""}\u0000${v.edge ? `${v.edge.from}\u0000${v.edge.to}` : ""}\u0000${v.zone}`;
const sameCategories = (a: string[], b: string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/** The world with `zone` added or replacing the zone of the same id. */
export function withZone(world: World, zone: Zone): World {
  const exists = world.zones.some((z) => z.id === zone.id);
  return { ...world, zones: exists ? world.zones.map((z) => (z.id === zone.id ? zone : z)) : [...world.zones, zone] };
}

/**
 * What putting `zone` into `world` would change: `before` is the evaluation of
 * `world` (the cached one, so only the changed world is evaluated here).
 */
export function whatIfZone(world: World, before: Evaluation, zone: Zone): ZoneWhatIf {
  const after = evaluate(withZone(world, zone), { at: before.at });
  const beforeList = before.violations;
  const afterList = after.violations;
  const old = new Map(beforeList.map((v) => [identity(v), v]));
  const added: Violation[] = [];
  const changed: ViolationChange[] = [];
  const kept = new Set<string>();
  for (const v of afterList) {
    const key = identity(v);
    const previous = old.get(key);
    if (!previous) added.push(v);
    else {
      kept.add(key);
      if (!sameCategories(previous.categories, v.categories)) changed.push({ before: previous, after: v });
    }
  }
  const resolved = beforeList.filter((v) => !kept.has(identity(v)));

  // Admission (DESIGN.md 6) of every job in the zone, for its purpose, over its inputs in the lineage.
  const inputsOf = new Map<string, string[]>();
  for (const edge of world.edges) {
    const list = inputsOf.get(edge.to);
    if (list) list.push(edge.from);
    else inputsOf.set(edge.to, [edge.from]);
  }
  const admission: AdmissionChange[] = [];
  const recordedOnly: AdmissionChange[] = [];
  let jobsChecked = 0;
  for (const asset of world.assets) {
    // admission asks whether a job may read its inputs: a job that reads nothing asks nothing
    const inputs = inputsOf.get(asset.id);
    if (asset.zone !== zone.id || asset.purpose === null || !inputs) continue;
    jobsChecked++;
    const request = { job: asset.id, purpose: asset.purpose, inputs: [...inputs].sort() };
    const was = admitWith(before, request);
    const will = admitWith(after, request);
    const change = { job: asset.id, purpose: asset.purpose, inputs: request.inputs, allowedBefore: was.allowed, allowedAfter: will.allowed, reasons: will.reasons };
    if (was.allowed !== will.allowed) admission.push(change);
    else if (will.allowed && will.reasons.some((r) => !r.enforced && r.zone === zone.id)) recordedOnly.push(change);
  }
  return { zone: zone.id, added, resolved, changed, admission, recordedOnly, jobsChecked, violationsBefore: beforeList.length, violationsAfter: afterList.length };
}
