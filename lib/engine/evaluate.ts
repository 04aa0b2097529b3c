// evaluate(world, {at}) → an Evaluation: the violations (each with its reason,
// Cedar-style), every asset's effective labels with provenance, and per-edge
// verdicts for the graph. Explanations and paths are built only when read.
import { compareCodePoints } from "../taxonomy/index.ts";
import { worldTaxonomy } from "../world/parse.ts";
import type { Label, World } from "../world/schema.ts";
import { Policy } from "./policy.ts";
import { provenancePaths, type ProvenancePaths } from "./provenance.ts";
import { computeFixpoint } from "./fixpoint.ts";
import { EngineState } from "./state.ts";
import {
  allowedFor,
  badLabelsOf,
  CATEGORY_NOT_PERMITTED,
  flowingLabels,
  isCrossing,
  PURPOSE_NOT_PERMITTED,
  recordOf,
  scanAllViolations,
  UNSANCTIONED_CROSSING,
  unsanctionedLabelsOf,
  VIOLATION_KINDS,
  type ViolationKind,
  type ViolationRecord,
} from "./violations.ts";

export type Violation = {
  kind: ViolationKind;
  asset: string | null;
  edge: { from: string; to: string } | null;
  zone: string;
  categories: string[];
  explanation: string;
  path: string[];
};

export type LabelWithProvenance = {
  label: Label;
  /** The asset that declares the label this one derives from, and that declared label. */
  origin: { asset: string; label: Label };
  /** Asset ids from the origin to the asset, both included. */
  path: string[];
};

export type EdgeVerdict = "permitted" | "sanctioned" | "violation";

export type EvaluateOptions = { at?: Date };

export function formatLabel(label: Label): string {
  return `${label.category} (${label.qualifier}${label.consented ? ", consented" : ""})`;
}

/** Compiles a parsed world into engine state with its fixpoint and violations. */
export function buildState(world: World, at: Date): EngineState {
  const state = new EngineState(world, new Policy(worldTaxonomy(world), at));
  scanAllViolations(state, computeFixpoint(state));
  return state;
}

export function evaluate(world: World, options: EvaluateOptions = {}): Evaluation {
  return new Evaluation(buildState(world, options.at ?? new Date()));
}

export class Evaluation {
  private cachedViolations: Violation[] | null = null;
  private cachedVersion = -1;

  constructor(readonly state: EngineState) {}

  get at(): Date {
    return new Date(this.state.policy.at);
  }

  /**
   * Sorted by kind, then asset id, then edge (from, to), by code point (DESIGN.md).
   * `explanation` and `path` are computed when first read: one at a time for
   * the first few reads, then for every violation at once (provenance.ts), so
   * reading them all, as storing a run does, costs one bulk pass.
   */
  get violations(): Violation[] {
    if (this.cachedViolations && this.cachedVersion === this.state.version) return this.cachedViolations;
    const state = this.state;
    const { kinds, subjects } = sortedViolationSubjects(state);
    const reasons = new ViolationReasons(state, kinds, subjects);
    const ids = state.assetIds;
    const list: Violation[] = new Array(kinds.length);
    for (let i = 0; i < kinds.length; i++) {
      const record = recordOf(state, kinds[i] as 0 | 1 | 2, subjects[i]);
      const index = i;
      list[i] = {
        kind: VIOLATION_KINDS[record.kind],
        asset: record.asset >= 0 ? ids[record.asset] : null,
        edge: record.edge >= 0 ? { from: ids[state.edgeFrom[record.edge]], to: ids[state.edgeTo[record.edge]] } : null,
        zone: state.policy.zoneId(record.zone),
        categories: record.categories.map((c) => state.policy.categoryKeys[c]),
        get explanation() {
          return reasons.explanation(index);
        },
        get path() {
          return reasons.path(index);
        },
      };
    }
    this.cachedViolations = list;
    this.cachedVersion = state.version;
    return list;
  }

  /** Every violation with its explanation and path as plain data, computed in one bulk pass. */
  explainAll(): Violation[] {
    const reasons = new BulkReasons(this.state);
    const list: Violation[] = new Array(reasons.count);
    for (let i = 0; i < reasons.count; i++) list[i] = reasons.violation(i);
    return list;
  }

  /**
   * The same as explainAll(), in sorted chunks of at most `chunkSize`, for
   * writing a million violations with bounded memory: provenance is still
   * searched once for all of them, but kept as flat integer arrays, and the
   * sentences and id lists are built one chunk at a time.
   */
  *explainedViolations(chunkSize = 4096): Generator<Violation[], void, undefined> {
    const reasons = new BulkReasons(this.state);
    for (let begin = 0; begin < reasons.count; begin += chunkSize) {
      const end = Math.min(reasons.count, begin + chunkSize);
      const chunk: Violation[] = new Array(end - begin);
      for (let i = begin; i < end; i++) chunk[i - begin] = reasons.violation(i);
      yield chunk;
    }
  }

  get violationCount(): number {
    const state = this.state;
    return state.categoryViolations.size + state.purposeViolations.size + state.crossingViolations.size;
  }

  private assetNumber(id: string): number {
    const index = this.state.assetIndex.get(id);
    if (index === undefined || this.state.assets[index] === null) throw new Error(`unknown asset "${id}"`);
    return index;
  }

  private edgeNumber(from: string, to: string): number {
    const edge = this.state.findEdge(this.assetNumber(from), this.assetNumber(to));
    if (edge < 0) throw new Error(`unknown edge "${from}" → "${to}"`);
    return edge;
  }

  hasAsset(id: string): boolean {
    const index = this.state.assetIndex.get(id);
    return index !== undefined && this.state.assets[index] !== null;
  }

  /** An asset's effective labels (DESIGN 2), each with its provenance (DESIGN 3). */
  labelsOf(assetId: string): LabelWithProvenance[] {
    const asset = this.assetNumber(assetId);
    return this.state.effectiveLabelIds(asset).map((label) => {
      const { path, originLabel } = this.state.provenance(asset, label);
      const ids = path.map((a) => this.state.assetIds[a]);
      return { label: this.state.policy.labelOf(label), origin: { asset: ids[0], label: this.state.policy.labelOf(originLabel) }, path: ids };
    });
  }

  /**
   * The graph's colour for an edge: `violation` when it is an unsanctioned
   * crossing or brings a label its target's zone does not permit, `sanctioned`
   * when it crosses a zone boundary carrying data that applicable sanctioned
   * paths allow, `permitted` otherwise.
   */
  edgeVerdict(from: string, to: string): EdgeVerdict {
    const state = this.state;
    const edge = this.edgeNumber(from, to);
    if (state.crossingViolations.has(edge)) return "violation";
    const flowing = new Uint32Array(state.W);
    flowingLabels(state, edge, flowing);
    const targetZone = state.assetZone[state.edgeTo[edge]];
    if (targetZone >= 0) {
      const permitted = state.policy.permitted[targetZone];
      for (let i = 0; i < state.W; i++) if (flowing[i] & ~permitted[i]) return "violation";
    }
    return isCrossing(state, edge) && flowing.some((word) => word !== 0) ? "sanctioned" : "permitted";
  }

  /** The categories flowing along an edge (its source's effective labels after its transforms), sorted. */
  flowingCategories(from: string, to: string): string[] {
    const state = this.state;
    const flowing = new Uint32Array(state.W);
    flowingLabels(state, this.edgeNumber(from, to), flowing);
    return state.policy
      .categoriesOf(flowing)
      .map((c) => state.policy.categoryKeys[c])
      .sort(compareCodePoints);
  }

  /**
   * A violation's sentence with its assets named by `name` (the graph's side panel shows asset
   * names in its chips, so its sentences must too); the stored and CLI sentences keep ids.
   */
  explanationNamed(violation: Pick<Violation, "kind" | "asset" | "edge">, name: (id: string) => string): string {
    const state = this.state;
    const kind = VIOLATION_KINDS.indexOf(violation.kind) as 0 | 1 | 2;
    const subject = violation.edge ? this.edgeNumber(violation.edge.from, violation.edge.to) : this.assetNumber(violation.asset!);
    return explainRecord(state, recordOf(state, kind, subject), name).explanation;
  }

  /** Ids of the applicable sanctioned paths that allow some category flowing along a crossing edge. */
  sanctionedPathsFor(from: string, to: string): string[] {
    const state = this.state;
    const edge = this.edgeNumber(from, to);
    if (!isCrossing(state, edge)) return [];
    const flowing = new Uint32Array(state.W);
    flowingLabels(state, edge, flowing);
    return allowedFor(state, edge)
      .paths.filter((p) => state.policy.paths[p]!.mask.some((word, i) => (word & flowing[i]) !== 0))
      .map((p) => state.policy.paths[p]!.path.id);
  }
}

/** The violations' subjects in DESIGN.md's order, without comparing strings per pair. */
export function sortedViolationSubjects(state: EngineState): { kinds: Uint8Array; subjects: Int32Array } {
  const { rank, byRank } = state.assetRanks();
  const n = state.assetCount;
  const total = state.categoryViolations.size + state.purposeViolations.size + state.crossingViolations.size;
  const kinds = new Uint8Array(total);
  const subjects = new Int32Array(total);
  let at = 0;
  for (const [kind, set] of [
    [CATEGORY_NOT_PERMITTED, state.categoryViolations],
    [PURPOSE_NOT_PERMITTED, state.purposeViolations],
  ] as const) {
    const keys = new Float64Array(set.size);
    let k = 0;
    for (const asset of set) keys[k++] = rank[asset];
    keys.sort();
    for (let j = 0; j < keys.length; j++) {
      kinds[at] = kind;
      subjects[at++] = byRank[keys[j]];
    }
  }
  // (from, to) pairs are unique, so rank(from)·n + rank(to) orders and identifies a crossing.
  const keys = new Float64Array(state.crossingViolations.size);
  let k = 0;
  for (const e of state.crossingViolations) keys[k++] = rank[state.edgeFrom[e]] * n + rank[state.edgeTo[e]];
  keys.sort();
  for (let j = 0; j < keys.length; j++) {
    const from = Math.floor(keys[j] / n);
    kinds[at] = UNSANCTIONED_CROSSING;
    subjects[at++] = state.findEdge(byRank[from], byRank[keys[j] - from * n]);
  }
  return { kinds, subjects };
}

function lowestLabel(state: EngineState, bits: Uint32Array): number {
  for (let i = 0; i < state.W; i++) if (bits[i] !== 0) return i * 32 + (31 - Math.clz32(bits[i] & -bits[i]));
  return -1;
}

function describeRoute(ids: string[], target: string): string {
  return ids.length === 1 ? `is declared on ${target}` : `reached ${target} from ${ids[0]} via ${ids.join(" → ")}`;
}

/** Sentences name at most this many categories; `categories` itself stays complete. */
const NAMED_CATEGORIES = 3;

function categoryList(categories: readonly string[]): string {
  if (categories.length <= NAMED_CATEGORIES + 1) return categories.join(", ");
  return `${categories.slice(0, NAMED_CATEGORIES).join(", ")} and ${categories.length - NAMED_CATEGORIES} more categories`;
}

function alsoCategories(categories: string[], primary: string): string {
  const others = categories.filter((c) => c !== primary);
  return others.length === 0 ? "" : ` (also ${categoryList(others)})`;
}

/**
 * What a violation's explanation needs: its offending categories, the label it
 * names (the smallest offending one) and the (asset, label) state whose
 * provenance is its path (-1 for a purpose violation, whose path is its asset).
 */
type ReasonQuery = { categories: number[]; primary: number; asset: number; label: number };

/** `bad` is scratch space of state.W words, reused across calls: a bulk pass would otherwise allocate a million small buffers. */
function reasonQuery(state: EngineState, kind: number, subject: number, bad: Uint32Array = new Uint32Array(state.W)): ReasonQuery {
  const policy = state.policy;
  if (kind === PURPOSE_NOT_PERMITTED) return { categories: [], primary: -1, asset: -1, label: -1 };
  if (kind === CATEGORY_NOT_PERMITTED) {
    badLabelsOf(state, subject, bad);
    const primary = lowestLabel(state, bad);
    return { categories: policy.categoriesOf(bad), primary, asset: subject, label: primary };
  }
  unsanctionedLabelsOf(state, subject, bad);
  const primary = lowestLabel(state, bad);
  const u = state.edgeFrom[subject];
  const program = state.edgeProgram[subject];
  // The smallest label of u that the edge turns into the primary one (same category).
  let before = -1;
  for (let candidate = primary & ~7; candidate < (primary & ~7) + 6 && before < 0; candidate++) {
    if (state.hasEffective(u, candidate) && policy.mapLabel(program, candidate) === primary) before = candidate;
  }
  return { categories: policy.categoriesOf(bad), primary, asset: u, label: before };
}

/** The sentence and path of a violation whose provenance is `provenance[start .. start + length]`. */
function reasonText(
  state: EngineState,
  kind: number,
  subject: number,
  query: ReasonQuery,
  provenance: ArrayLike<number>,
  start: number,
  length: number,
  /** How the sentence names an asset (the CLI and stored runs: its id; the graph: the name its chips show). `path` stays ids. */
  display?: (id: string) => string,
): { explanation: string; path: string[] } {
  const policy = state.policy;
  const ids = state.assetIds;
  const shown = display ?? ((id: string) => id);
  if (kind === PURPOSE_NOT_PERMITTED) {
    const purpose = policy.purposeKeys[state.assetPurpose[subject]];
    const zone = policy.zones[state.assetZone[subject]]!;
    const allowed = zone.purposes.length > 0 ? zone.purposes.join(", ") : "no purposes";
    return {
      explanation: `purpose ${purpose} of ${shown(ids[subject])} is not permitted in ${zone.name}, which allows ${allowed}`,
      path: [ids[subject]],
    };
  }
  const categories = query.categories.map((c) => policy.categoryKeys[c]);
  const label = policy.labelOf(query.primary);
  const path: string[] = new Array(length + (kind === UNSANCTIONED_CROSSING ? 1 : 0));
  for (let k = 0; k < length; k++) path[k] = ids[provenance[start + k]];
  if (kind === CATEGORY_NOT_PERMITTED) {
    return {
      explanation:
        `${formatLabel(label)}${alsoCategories(categories, label.category)} is not permitted in ${policy.zoneName(state.assetZone[subject])}: ` +
        `it ${describeRoute(display ? path.map(display) : path, shown(ids[subject]))}; no rule of the zone allows it at that qualifier and consent`,
      path,
    };
  }
  const v = state.edgeTo[subject];
  path[length] = ids[v];
  const toZone = state.assetZone[v];
  const destination = toZone < 0 ? `${shown(ids[v])} outside all zones` : policy.zoneName(toZone);
  const route = display ? path.map(display) : path;
  return {
    explanation:
      `${formatLabel(label)}${alsoCategories(categories, label.category)} reached ${destination} from ${route[0]} via ${route.join(" → ")}; ` +
      `no approved sanctioned path from ${policy.zoneName(state.assetZone[state.edgeFrom[subject]])} to ${toZone < 0 ? "outside all zones" : policy.zoneName(toZone)} allows ${categoryList(categories)}`,
    path,
  };
}

/** One violation's explanation, with a lazy provenance search (for a few violations). */
export function explainRecord(state: EngineState, record: ViolationRecord, display?: (id: string) => string): { explanation: string; path: string[] } {
  const subject = record.kind === UNSANCTIONED_CROSSING ? record.edge : record.asset;
  const query = reasonQuery(state, record.kind, subject);
  const provenance = query.asset < 0 ? [] : state.provenance(query.asset, query.label).path;
  return reasonText(state, record.kind, subject, query, provenance, 0, provenance.length, display);
}

/**
 * Explanations of every violation from one provenance pass for all of them
 * (provenance.ts), each sentence built only when its violation is asked for.
 */
class BulkReasons {
  readonly count: number;
  private readonly version: number;
  private readonly kinds: Uint8Array;
  private readonly subjects: Int32Array;
  /** Violation i's provenance is query queryOf[i] of `provenance`; -1 for a purpose violation (its path is its asset). */
  private readonly queryOf: Int32Array;
  private readonly provenance: ProvenancePaths;
  private readonly scratch: Uint32Array;

  constructor(
    private readonly state: EngineState,
    { kinds, subjects } = sortedViolationSubjects(state),
  ) {
    this.version = state.version;
    this.scratch = new Uint32Array(state.W);
    const total = (this.count = kinds.length);
    this.kinds = kinds;
    this.subjects = subjects;
    this.queryOf = new Int32Array(total);
    const assets = new Int32Array(total);
    const labels = new Int32Array(total);
    let searched = 0;
    for (let i = 0; i < total; i++) {
      const query = reasonQuery(state, kinds[i], subjects[i], this.scratch);
      if (query.asset < 0) {
        this.queryOf[i] = -1;
        continue;
      }
      this.queryOf[i] = searched;
      assets[searched] = query.asset;
      labels[searched++] = query.label;
    }
    this.provenance = provenancePaths(state, assets.subarray(0, searched), labels.subarray(0, searched));
  }

  violation(i: number): Violation {
    const state = this.state;
    if (state.version !== this.version) throw new Error("the world changed while its violations were being explained");
    const kind = this.kinds[i];
    const subject = this.subjects[i];
    const { explanation, path, categories } = this.reason(i);
    const ids = state.assetIds;
    return {
      kind: VIOLATION_KINDS[kind],
      asset: kind !== UNSANCTIONED_CROSSING ? ids[subject] : null,
      edge: kind === UNSANCTIONED_CROSSING ? { from: ids[state.edgeFrom[subject]], to: ids[state.edgeTo[subject]] } : null,
      zone: state.policy.zoneId(state.assetZone[kind === UNSANCTIONED_CROSSING ? state.edgeFrom[subject] : subject]),
      categories,
      explanation,
      path,
    };
  }

  reason(i: number): { explanation: string; path: string[]; categories: string[] } {
    const state = this.state;
    const kind = this.kinds[i];
    const subject = this.subjects[i];
    const query = reasonQuery(state, kind, subject, this.scratch);
    const q = this.queryOf[i];
    const { start, length, nodes } = this.provenance;
    const reason = q < 0 ? reasonText(state, kind, subject, query, nodes, 0, 0) : reasonText(state, kind, subject, query, nodes, start[q], length[q]);
    return { ...reason, categories: query.categories.map((c) => state.policy.categoryKeys[c]) };
  }
}

/** Reads of more explanations than this switch from one search each to one bulk pass. */
const SEARCHES_BEFORE_BULK = 32;

/** The lazily computed explanations and paths behind `Evaluation.violations`. */
class ViolationReasons {
  private readonly version: number;
  private reads = 0;
  private single = new Map<number, { explanation: string; path: string[] }>();
  private bulk: BulkReasons | null = null;
  // A reader asks for a violation's explanation and then its path (or the
  // reverse): keep the last answer rather than every one.
  private lastIndex = -1;
  private last: { explanation: string; path: string[] } | null = null;

  constructor(
    private readonly state: EngineState,
    private readonly kinds: Uint8Array,
    private readonly subjects: Int32Array,
  ) {
    this.version = state.version;
  }

  explanation(index: number): string {
    return this.reason(index).explanation;
  }

  path(index: number): string[] {
    return this.reason(index).path;
  }

  private reason(index: number): { explanation: string; path: string[] } {
    if (this.state.version !== this.version) throw new Error("this violation was computed before a later change; re-read evaluation.violations");
    if (this.bulk === null) return this.one(index);
    if (this.lastIndex !== index) {
      this.last = this.bulk.reason(index);
      this.lastIndex = index;
    }
    return this.last!;
  }

  private one(index: number): { explanation: string; path: string[] } {
    const state = this.state;
    const known = this.single.get(index);
    if (known) return known;
    if (++this.reads > SEARCHES_BEFORE_BULK) {
      this.bulk = new BulkReasons(state, { kinds: this.kinds, subjects: this.subjects });
      this.single.clear();
      return this.reason(index);
    }
    const kind = this.kinds[index] as 0 | 1 | 2;
    const reason = explainRecord(state, recordOf(state, kind, this.subjects[index]));
    this.single.set(index, reason);
    return reason;
  }
}
