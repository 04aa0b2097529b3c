// Violations (DESIGN 5): what each kind checks for one subject, and the bulk
// scan of a whole world. A violation is kept as its subject only (an asset or
// an edge number in one of the state's three sets): its zone and categories
// follow from the labels, see recordOf, so the scan allocates nothing per violation.
import type { Allowed, Program } from "./policy.ts";
import type { EngineState } from "./state.ts";

export const CATEGORY_NOT_PERMITTED = 0;
export const PURPOSE_NOT_PERMITTED = 1;
export const UNSANCTIONED_CROSSING = 2;
export const VIOLATION_KINDS = ["category_not_permitted", "purpose_not_permitted", "unsanctioned_crossing"] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export type ViolationRecord = {
  kind: 0 | 1 | 2;
  asset: number; // -1 for crossings
  edge: number; // -1 for asset violations
  zone: number;
  categories: number[];
};

/** Labels of an asset its zone does not permit, into `out`; false when none (or unzoned). */
export function badLabelsOf(state: EngineState, asset: number, out: Uint32Array): boolean {
  const zone = state.assetZone[asset];
  if (zone < 0 || state.assets[asset] === null) return false;
  const W = state.W;
  const permitted = state.policy.permitted[zone];
  let any = 0;
  for (let i = 0; i < W; i++) {
    out[i] = state.effective[asset * W + i] & ~permitted[i];
    any |= out[i];
  }
  return any !== 0;
}

export function hasPurposeViolation(state: EngineState, asset: number): boolean {
  const zone = state.assetZone[asset];
  const purpose = state.assetPurpose[asset];
  if (zone < 0 || purpose < 0 || state.assets[asset] === null) return false;
  return !state.policy.purposePermitted(zone, purpose);
}

/** An edge leaving zone A for another zone or none (DESIGN 5; unzoned → zone is no crossing). */
export function isCrossing(state: EngineState, edge: number): boolean {
  const from = state.assetZone[state.edgeFrom[edge]];
  return from >= 0 && state.assetZone[state.edgeTo[edge]] !== from;
}

/** Labels flowing along an edge (u's effective labels after its transforms) into `out`. */
export function flowingLabels(state: EngineState, edge: number, out: Uint32Array): void {
  state.policy.applyProgram(state.edgeProgram[edge], state.effective, state.edgeFrom[edge] * state.W, out);
}

/** What the sanctioned paths that apply to a crossing allow along it. */
export function allowedFor(state: EngineState, edge: number): Allowed {
  const v = state.edgeTo[edge];
  return state.policy.allowed(state.assetZone[state.edgeFrom[edge]], state.assetZone[v], state.assetPurpose[v]);
}

/** Flowing labels along a crossing that no applicable path allows, into `out`; false when none. */
export function unsanctionedLabelsOf(state: EngineState, edge: number, out: Uint32Array): boolean {
  if (state.edges[edge] === null || !isCrossing(state, edge)) return false;
  const W = state.W;
  flowingLabels(state, edge, out);
  const allowed = allowedFor(state, edge).mask;
  let any = 0;
  for (let i = 0; i < W; i++) {
    out[i] &= ~allowed[i];
    any |= out[i];
  }
  return any !== 0;
}

/** The full record of a violation found by the scan (its categories recomputed from the labels). */
export function recordOf(state: EngineState, kind: 0 | 1 | 2, subject: number): ViolationRecord {
  const bad = new Uint32Array(state.W);
  if (kind === CATEGORY_NOT_PERMITTED) {
    badLabelsOf(state, subject, bad);
    return { kind, asset: subject, edge: -1, zone: state.assetZone[subject], categories: state.policy.categoriesOf(bad) };
  }
  if (kind === PURPOSE_NOT_PERMITTED) return { kind, asset: subject, edge: -1, zone: state.assetZone[subject], categories: [] };
  unsanctionedLabelsOf(state, subject, bad);
  return { kind, asset: -1, edge: subject, zone: state.assetZone[state.edgeFrom[subject]], categories: state.policy.categoriesOf(bad) };
}

/** Re-decides an asset's two kinds of violation after a change. */
export function refreshAssetViolations(state: EngineState, asset: number, scratch: Uint32Array = state.scratch): void {
  if (badLabelsOf(state, asset, scratch)) state.categoryViolations.add(asset);
  else state.categoryViolations.delete(asset);
  if (hasPurposeViolation(state, asset)) state.purposeViolations.add(asset);
  else state.purposeViolations.delete(asset);
}

/** Re-decides whether an edge is an unsanctioned crossing after a change. */
export function refreshCrossing(state: EngineState, edge: number, scratch: Uint32Array = state.scratch): void {
  if (unsanctionedLabelsOf(state, edge, scratch)) state.crossingViolations.add(edge);
  else state.crossingViolations.delete(edge);
}

/**
 * Does an edge's image of u's labels hold a label outside `allowed`? Over u's
 * non-empty words only (`summary`: one bit per non-zero word of each bitset).
 */
function flowsOutside(effective: Uint32Array, summary: Uint32Array, W: number, S: number, u: number, program: Program | null, allowed: Uint32Array): boolean {
  for (let s = 0; s < S; s++) {
    let words = summary[u * S + s];
    while (words !== 0) {
      const low = words & -words;
      words ^= low;
      const i = (s << 5) | (31 - Math.clz32(low));
      let word = effective[u * W + i];
      if (program !== null) {
        const table = program.table;
        word = table[word & 63] | (table[(word >>> 8) & 63] << 8) | (table[(word >>> 16) & 63] << 16) | (table[(word >>> 24) & 63] << 24);
        if (program.keep !== null) word &= program.keep[i];
      }
      if ((word & ~allowed[i]) !== 0) return true;
    }
  }
  return false;
}

/**
 * Every violation of the world, from scratch, into the state's three sets.
 * `summary` marks the non-zero words of each asset's effective bitset (the
 * fixpoint's, see fixpoint.ts): real assets carry a few categories, so most
 * words are empty and the scan skips them.
 */
export function scanAllViolations(state: EngineState, summary: Uint32Array): void {
  state.categoryViolations.clear();
  state.purposeViolations.clear();
  state.crossingViolations.clear();
  const n = state.assetCount;
  const W = state.W;
  const S = (W + 31) >> 5;
  const { effective, policy, assetZone } = state;
  for (let a = 0; a < n; a++) {
    if (state.assets[a] === null) continue;
    const zone = assetZone[a];
    if (zone < 0) continue;
    if (flowsOutside(effective, summary, W, S, a, null, policy.permitted[zone])) state.categoryViolations.add(a);
    if (hasPurposeViolation(state, a)) state.purposeViolations.add(a);
  }
  const { edgeFrom, edgeTo, edgeProgram, assetPurpose } = state;
  const programs = policy.programs;
  for (let e = 0; e < state.edgeCount; e++) {
    const u = edgeFrom[e];
    const fromZone = assetZone[u];
    if (fromZone < 0) continue;
    const v = edgeTo[e];
    const toZone = assetZone[v];
    if (toZone === fromZone || state.edges[e] === null) continue;
    const allowed = policy.allowed(fromZone, toZone, assetPurpose[v]).mask;
    const programId = edgeProgram[e];
    if (flowsOutside(effective, summary, W, S, u, programId === 0 ? null : programs[programId], allowed)) state.crossingViolations.add(e);
  }
}
