// evaluate(world, {at}) → an Evaluation: the violations (each with its reason,
// Cedar-style), every asset's effective labels with provenance, and per-edge
// verdicts for the graph. Explanations and paths are built only when read.
import { compareCodePoints } from "../taxonomy/index.ts";
import { worldTaxonomy } from "../world/parse.ts";
import type { Label, World } from "../world/schema.ts";
import { Policy } from "./policy.ts";
import { EngineState, VIOLATION_KINDS, type ViolationKind, type ViolationRecord } from "./state.ts";

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
  state.computeFixpoint();
  state.scanAllViolations();
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

  /** Sorted by kind, then asset id, then edge (from, to), by code point (DESIGN.md). */
  get violations(): Violation[] {
    if (this.cachedViolations && this.cachedVersion === this.state.version) return this.cachedViolations;
    const state = this.state;
    const records = [
      ...state.categoryViolations.values(),
      ...state.purposeViolations.values(),
      ...state.crossingViolations.values(),
    ];
    const ids = state.assetIds;
    records.sort(
      (a, b) =>
        a.kind - b.kind ||
        (a.asset >= 0 && b.asset >= 0 ? compareCodePoints(ids[a.asset], ids[b.asset]) : 0) ||
        (a.edge >= 0 && b.edge >= 0
          ? compareCodePoints(ids[state.edgeFrom[a.edge]], ids[state.edgeFrom[b.edge]]) ||
            compareCodePoints(ids[state.edgeTo[a.edge]], ids[state.edgeTo[b.edge]])
          : 0),
    );
    this.cachedViolations = records.map((record) => this.toViolation(record));
    this.cachedVersion = state.version;
    return this.cachedViolations;
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
    state.flowingLabels(edge, flowing);
    const targetZone = state.assetZone[state.edgeTo[edge]];
    if (targetZone >= 0) {
      const permitted = state.policy.permitted[targetZone];
      for (let i = 0; i < state.W; i++) if (flowing[i] & ~permitted[i]) return "violation";
    }
    return state.isCrossing(edge) && flowing.some((word) => word !== 0) ? "sanctioned" : "permitted";
  }

  /** Ids of the applicable sanctioned paths that allow some category flowing along a crossing edge. */
  sanctionedPathsFor(from: string, to: string): string[] {
    const state = this.state;
    const edge = this.edgeNumber(from, to);
    if (!state.isCrossing(edge)) return [];
    const flowing = new Uint32Array(state.W);
    state.flowingLabels(edge, flowing);
    return state
      .allowedFor(edge)
      .paths.filter((p) => state.policy.paths[p]!.mask.some((word, i) => (word & flowing[i]) !== 0))
      .map((p) => state.policy.paths[p]!.path.id);
  }

  private toViolation(record: ViolationRecord): Violation {
    const state = this.state;
    const ids = state.assetIds;
    const violation = {
      kind: VIOLATION_KINDS[record.kind],
      asset: record.asset >= 0 ? ids[record.asset] : null,
      edge: record.edge >= 0 ? { from: ids[state.edgeFrom[record.edge]], to: ids[state.edgeTo[record.edge]] } : null,
      zone: state.policy.zoneId(record.zone),
      categories: record.categories.map((c) => state.policy.categoryKeys[c]),
    } as Violation;
    // Explanations need provenance searches; most callers read only a few of them.
    let reason: { explanation: string; path: string[] } | null = null;
    const version = state.version;
    const explain = () => {
      if (state.version !== version) throw new Error("this violation was computed before a later change; re-read evaluation.violations");
      return (reason ??= explainRecord(state, record));
    };
    Object.defineProperty(violation, "explanation", { enumerable: true, configurable: true, get: () => explain().explanation });
    Object.defineProperty(violation, "path", { enumerable: true, configurable: true, get: () => explain().path });
    return violation;
  }
}

function lowestLabel(state: EngineState, bits: Uint32Array): number {
  for (let i = 0; i < state.W; i++) if (bits[i] !== 0) return i * 32 + (31 - Math.clz32(bits[i] & -bits[i]));
  return -1;
}

function describeRoute(ids: string[], target: string): string {
  return ids.length === 1 ? `is declared on ${target}` : `reached ${target} from ${ids[0]} via ${ids.join(" → ")}`;
}

function alsoCategories(categories: string[], primary: string): string {
  const others = categories.filter((c) => c !== primary);
  return others.length === 0 ? "" : ` (also ${others.join(", ")})`;
}

export function explainRecord(state: EngineState, record: ViolationRecord): { explanation: string; path: string[] } {
  const policy = state.policy;
  const ids = state.assetIds;
  const W = state.W;
  const categories = record.categories.map((c) => policy.categoryKeys[c]);
  if (record.kind === 1) {
    const asset = record.asset;
    const purpose = policy.purposeKeys[state.assetPurpose[asset]];
    const zone = policy.zones[record.zone]!;
    const allowed = zone.purposes.length > 0 ? zone.purposes.join(", ") : "no purposes";
    return {
      explanation: `purpose ${purpose} of ${ids[asset]} is not permitted in ${zone.name}, which allows ${allowed}`,
      path: [ids[asset]],
    };
  }
  const bad = new Uint32Array(W);
  if (record.kind === 0) {
    const asset = record.asset;
    const permitted = policy.permitted[record.zone];
    for (let i = 0; i < W; i++) bad[i] = state.effective[asset * W + i] & ~permitted[i];
    const primary = lowestLabel(state, bad);
    const path = state.provenance(asset, primary).path.map((a) => ids[a]);
    const label = policy.labelOf(primary);
    return {
      explanation:
        `${formatLabel(label)}${alsoCategories(categories, label.category)} is not permitted in ${policy.zoneName(record.zone)}: ` +
        `it ${describeRoute(path, ids[asset])}; no rule of the zone allows it at that qualifier and consent`,
      path,
    };
  }
  const edge = record.edge;
  const u = state.edgeFrom[edge];
  const v = state.edgeTo[edge];
  state.flowingLabels(edge, bad);
  const allowed = state.allowedFor(edge).mask;
  for (let i = 0; i < W; i++) bad[i] &= ~allowed[i];
  const primary = lowestLabel(state, bad);
  let before = -1;
  for (const candidate of state.effectiveLabelIds(u)) {
    if (policy.mapLabel(state.edgeProgram[edge], candidate) === primary) {
      before = candidate;
      break;
    }
  }
  const path = [...state.provenance(u, before).path.map((a) => ids[a]), ids[v]];
  const label = policy.labelOf(primary);
  const toZone = state.assetZone[v];
  const destination = toZone < 0 ? `${ids[v]} outside all zones` : policy.zoneName(toZone);
  return {
    explanation:
      `${formatLabel(label)}${alsoCategories(categories, label.category)} reached ${destination} from ${path[0]} via ${path.join(" → ")}; ` +
      `no approved sanctioned path from ${policy.zoneName(record.zone)} to ${toZone < 0 ? "outside all zones" : policy.zoneName(toZone)} allows ${categories.join(", ")}`,
    path,
  };
}
