// Dry runs (STYLE.md "Dry runs reuse the engine"): what a decision would do,
// as the diff of the violations before and after it, computed by the engine
// itself on the cached incremental state (a trial: apply, read, undo), so the
// answer is exactly what re-evaluating would find and costs two incremental
// changes instead of two evaluations.
import { covers } from "../taxonomy/index.ts";
import type { SanctionedPath, Zone } from "../world/schema.ts";
import { explainRecord, formatLabel, type Violation } from "./evaluate.ts";
import type { DecidedSubjects, IncrementalEvaluator, TrialChange } from "./incremental.ts";
import type { EngineState } from "./state.ts";
import { CATEGORY_NOT_PERMITTED, flowingLabels, PURPOSE_NOT_PERMITTED, recordOf, UNSANCTIONED_CROSSING, VIOLATION_KINDS, type ViolationRecord } from "./violations.ts";

/**
 * A violation a dry run finds. Explanations cost a provenance search each, so
 * only the first `explainAtMost` of each list carry one (a reviewer reads a
 * few; the counts and subjects are always complete): the others have
 * `explanation` "" and `path` [].
 */
export type DryRunViolation = Violation;

export type DryRunOptions = { explainAtMost?: number };
/** What a reviewer is shown of each list before "and N more" (the UI reads it too). */
export const DRY_RUN_EXPLAINED = 8;

export type DryRun = {
  /** Open now, gone after the change. */
  resolves: DryRunViolation[];
  /** Not open now, open after it (a revoke re-opens what the path allowed). */
  opens: DryRunViolation[];
  /** Open before and after with other categories: `violation` as it would be, `before` its categories now. */
  changes: { violation: Violation; before: string[] }[];
  /**
   * For a path made to apply: the crossings between its zones that are red now
   * and would stay red (still unsanctioned, or the receiving zone's rules still
   * forbid what flows), each with the reasons.
   */
  unresolved: UnresolvedCrossing[];
};

export type UnresolvedCrossing = { edge: { from: string; to: string }; categories: string[]; reasons: string[] };

export type DryRunSummary = { resolves: number; opens: number; changes: number; unresolved: number };

export function summarizeDryRun(dry: DryRun): DryRunSummary {
  return { resolves: dry.resolves.length, opens: dry.opens.length, changes: dry.changes.length, unresolved: dry.unresolved.length };
}

type Found = { record: ViolationRecord; key: string; categories: string[] };

/** The violations of the re-decided subjects, by identity (kind and subject ids, as DESIGN.md counts them). */
function violationsOf(state: EngineState, decided: DecidedSubjects): Map<string, Found> {
  const found = new Map<string, Found>();
  const ids = state.assetIds;
  const add = (record: ViolationRecord) => {
    const key = record.kind === UNSANCTIONED_CROSSING ? `${record.kind}|${ids[state.edgeFrom[record.edge]]}|${ids[state.edgeTo[record.edge]]}` : `${record.kind}|${ids[record.asset]}`;
    found.set(key, { record, key, categories: record.categories.map((c) => state.policy.categoryKeys[c]) });
  };
  for (const asset of decided.assets) {
    if (state.assets[asset] === null) continue;
    if (state.categoryViolations.has(asset)) add(recordOf(state, CATEGORY_NOT_PERMITTED, asset));
    if (state.purposeViolations.has(asset)) add(recordOf(state, PURPOSE_NOT_PERMITTED, asset));
  }
  for (const edge of decided.edges) if (state.edges[edge] !== null && state.crossingViolations.has(edge)) add(recordOf(state, UNSANCTIONED_CROSSING, edge));
  return found;
}

function violationOf(state: EngineState, { record, categories }: Found, explained: boolean): Violation {
  const ids = state.assetIds;
  const { explanation, path } = explained ? explainRecord(state, record) : { explanation: "", path: [] };
  return {
    kind: VIOLATION_KINDS[record.kind],
    asset: record.asset >= 0 ? ids[record.asset] : null,
    edge: record.edge >= 0 ? { from: ids[state.edgeFrom[record.edge]], to: ids[state.edgeTo[record.edge]] } : null,
    zone: state.policy.zoneId(record.zone),
    categories,
    explanation,
    path,
  };
}

const sameCategories = (a: string[], b: string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/** The change that undoes `change` on the evaluator's current world. */
function inverseOf(evaluator: IncrementalEvaluator, change: TrialChange): TrialChange {
  const policy = evaluator.evaluation.state.policy;
  const currentPath = (id: string): SanctionedPath | null => {
    const index = policy.pathIndex.get(id);
    return index === undefined ? null : policy.paths[index]!.path;
  };
  const currentZone = (id: string): Zone | null => {
    const index = policy.zoneIndex.get(id);
    return index === undefined ? null : policy.zones[index];
  };
  switch (change.kind) {
    case "putSanctionedPath": {
      const old = currentPath(change.path.id);
      return old ? { kind: "putSanctionedPath", path: old } : { kind: "removeSanctionedPath", id: change.path.id };
    }
    case "removeSanctionedPath": {
      const old = currentPath(change.id);
      if (!old) throw new Error(`unknown sanctioned path "${change.id}"`);
      return { kind: "putSanctionedPath", path: old };
    }
    case "putZone": {
      const old = currentZone(change.zone.id);
      return old ? { kind: "putZone", zone: old } : { kind: "removeZone", id: change.zone.id };
    }
    case "removeZone": {
      const old = currentZone(change.id);
      if (!old) throw new Error(`unknown zone "${change.id}"`);
      return { kind: "putZone", zone: old };
    }
  }
}

/**
 * What `change` would resolve, open and change, each violation with the
 * engine's explanation, read from the evaluator's state without changing it
 * (the state, its version and its cached lists are as before on return).
 */
export function dryRun(evaluator: IncrementalEvaluator, change: TrialChange, { explainAtMost = DRY_RUN_EXPLAINED }: DryRunOptions = {}): DryRun {
  const state = evaluator.evaluation.state;
  const inverse = inverseOf(evaluator, change);
  let after = new Map<string, Found>();
  const resolves: Violation[] = [];
  const changedBefore = new Map<string, string[]>();
  const unresolved: UnresolvedCrossing[] = [];
  const trialPath = change.kind === "putSanctionedPath" ? change.path : null;
  const redBefore = new Map<string, Found>();
  const openBefore = new Set<string>();
  evaluator.trial(change, inverse, (phase, decided) => {
    if (phase === "after") {
      after = violationsOf(state, decided);
      return;
    }
    for (const found of violationsOf(state, decided).values()) {
      openBefore.add(found.key);
      const later = after.get(found.key);
      if (!later) resolves.push(violationOf(state, found, resolves.length < explainAtMost));
      else if (!sameCategories(later.categories, found.categories)) changedBefore.set(found.key, found.categories);
      if (found.record.kind === UNSANCTIONED_CROSSING) redBefore.set(found.key, found);
    }
  });
  // `after` holds the tried world's records; their explanations need that world, so try it once more to read them
  const opens: Violation[] = [];
  const changes: DryRun["changes"] = [];
  const explainAfter = [...after.values()].filter((found) => changedBefore.has(found.key) || !openBefore.has(found.key));
  const wantsUnresolved = trialPath !== null && (trialPath.status ?? "pending") === "approved" && redBefore.size > 0;
  if (explainAfter.length > 0 || wantsUnresolved) {
    evaluator.trial(change, inverse, (phase) => {
      if (phase === "before") return;
      for (const found of explainAfter) {
        const before = changedBefore.get(found.key);
        const violation = violationOf(state, found, (before ? changes.length : opens.length) < explainAtMost);
        if (before) changes.push({ violation, before });
        else opens.push(violation);
      }
      if (wantsUnresolved) unresolved.push(...whyStillRed(state, trialPath!.id, redBefore));
    });
  }
  return { resolves: sortViolations(resolves), opens: sortViolations(opens), changes: changes.sort((a, b) => compareViolations(a.violation, b.violation)), unresolved };
}

function compareViolations(a: Violation, b: Violation): number {
  const key = (v: Violation) => `${VIOLATION_KINDS.indexOf(v.kind)}|${v.asset ?? ""}|${v.edge?.from ?? ""}|${v.edge?.to ?? ""}`;
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const sortViolations = (list: Violation[]) => list.sort(compareViolations);

/**
 * In the tried world (the path applied): the crossings between the path's zones
 * that were red and stay red, and why. A path lets data cross; it does not make
 * the receiving zone allow a category (DESIGN 5), and it applies only where its
 * purpose covers the receiver's.
 */
function whyStillRed(state: EngineState, pathId: string, redBefore: Map<string, Found>): UnresolvedCrossing[] {
  const policy = state.policy;
  const compiled = policy.paths[policy.pathIndex.get(pathId)!]!;
  const path = compiled.path;
  const ids = state.assetIds;
  const flowing = new Uint32Array(state.W);
  const out: UnresolvedCrossing[] = [];
  for (const found of redBefore.values()) {
    const edge = found.record.edge;
    const u = state.edgeFrom[edge];
    const v = state.edgeTo[edge];
    const fromZone = state.assetZone[u];
    const toZone = state.assetZone[v];
    if (fromZone !== compiled.from || toZone !== compiled.to) continue;
    const reasons: string[] = [];
    let categories: string[] = [];
    if (state.crossingViolations.has(edge)) {
      const still = recordOf(state, UNSANCTIONED_CROSSING, edge);
      categories = still.categories.map((c) => policy.categoryKeys[c]);
      const purpose = state.assetPurpose[v];
      if (!policy.sanctionedPathApplies(compiled, fromZone, toZone, purpose)) {
        reasons.push(
          purpose >= 0
            ? `the path is for ${path.purpose}, which does not cover ${ids[v]}'s purpose ${policy.purposeKeys[purpose]}`
            : `the path is for ${path.purpose}, and ${ids[v]} has no purpose of its own${toZone >= 0 ? ` while ${policy.zoneName(toZone)} permits purposes it does not cover` : ""}`,
        );
      } else {
        const missing = categories.filter((c) => !path.categories.some((allowed) => covers(allowed, c)));
        if (missing.length > 0) reasons.push(`${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not among the path's categories`);
      }
    }
    if (toZone >= 0) {
      flowingLabels(state, edge, flowing);
      const permitted = policy.permitted[toZone];
      const forbidden: string[] = [];
      for (const label of state.labelsIn(flowing.map((word, i) => word & ~permitted[i]))) forbidden.push(formatLabel(policy.labelOf(label)));
      if (forbidden.length > 0) {
        reasons.push(`${policy.zoneName(toZone)}'s rules do not allow ${forbidden.join(", ")}: a path lets data cross, it does not make the zone allow it`);
        if (categories.length === 0) categories = [...new Set(forbidden.map((f) => f.split(" ")[0]))];
      }
    }
    if (reasons.length > 0) out.push({ edge: { from: ids[u], to: ids[v] }, categories, reasons });
  }
  return out.sort((a, b) => (a.edge.from + "\u0000" + a.edge.to < b.edge.from + "\u0000" + b.edge.to ? -1 : 1));
}
