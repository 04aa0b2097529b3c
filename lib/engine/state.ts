// The engine's working state: interned assets and edges, label bitsets, the
// least fixpoint, the violation scan and lazy provenance. Shared by the full
// evaluation (evaluate.ts) and the incremental evaluator (incremental.ts), so
// both answer with the same code once their label sets agree.
import { compareCodePoints } from "../taxonomy/index.ts";
import type { Asset, Edge, World } from "../world/schema.ts";
import { Policy, type Program } from "./policy.ts";

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

const NO_EDGES: number[] = [];

/**
 * ORs an edge's image of v's labels into w's, over v's non-empty words only;
 * true when w gained a label. A small function of its own so that the JIT
 * optimises it after a few calls instead of waiting to replace a long-running loop.
 */
function pushAlongEdge(effective: Uint32Array, summary: Uint32Array, W: number, S: number, v: number, w: number, program: Program | null): boolean {
  const source = v * W;
  const base = w * W;
  let changed = false;
  for (let s = 0; s < S; s++) {
    let words = summary[v * S + s];
    while (words !== 0) {
      const low = words & -words;
      words ^= low;
      const i = (s << 5) | (31 - Math.clz32(low));
      let word = effective[source + i];
      if (program !== null) {
        const table = program.table;
        word = table[word & 63] | (table[(word >>> 8) & 63] << 8) | (table[(word >>> 16) & 63] << 16) | (table[(word >>> 24) & 63] << 24);
        if (program.keep !== null) word &= program.keep[i];
      }
      const add = word & ~effective[base + i];
      if (add !== 0) {
        effective[base + i] |= add;
        summary[w * S + s] |= low;
        changed = true;
      }
    }
  }
  return changed;
}

/** Does an edge's image of u's labels hold a label outside `allowed`? Over u's non-empty words only. */
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

type InternCache = { lastFromId: string; lastFrom: number; singleTransform: Map<string, number> };

/** Edges begin..end as asset numbers and transform programs. */
function internEdges(
  edges: readonly Edge[],
  begin: number,
  end: number,
  assetIndex: Map<string, number>,
  policy: Policy,
  edgeFrom: Int32Array,
  edgeTo: Int32Array,
  edgeProgram: Int32Array,
  cache: InternCache,
): void {
  // Lineage usually lists an asset's out-edges together (the data layer sorts them): remember the last source.
  let { lastFromId, lastFrom } = cache;
  for (let e = begin; e < end; e++) {
    const edge = edges[e];
    if (edge.from !== lastFromId) {
      const found = assetIndex.get(edge.from);
      if (found === undefined) throw new Error(`edge ${edge.from} → ${edge.to}: unknown asset "${edge.from}"`);
      lastFrom = found;
      lastFromId = edge.from;
    }
    const to = assetIndex.get(edge.to);
    if (to === undefined) throw new Error(`edge ${edge.from} → ${edge.to}: unknown asset "${edge.to}"`);
    edgeFrom[e] = lastFrom;
    edgeTo[e] = to;
    const transforms = edge.transforms;
    if (transforms.length === 1) {
      let program = cache.singleTransform.get(transforms[0]);
      if (program === undefined) cache.singleTransform.set(transforms[0], (program = policy.programFor(transforms)));
      edgeProgram[e] = program;
    } else if (transforms.length > 1) edgeProgram[e] = policy.programFor(transforms);
  }
  cache.lastFromId = lastFromId;
  cache.lastFrom = lastFrom;
}

function grow<T extends Int32Array | Uint32Array | Uint8Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2, 16));
  next.set(array);
  return next;
}

export class EngineState {
  readonly policy: Policy;
  readonly W: number;

  // assets
  assetCount = 0;
  assetIds: string[] = [];
  readonly assetIndex = new Map<string, number>();
  assets: (Asset | null)[] = [];
  assetZone: Int32Array;
  assetPurpose: Int32Array;
  declared: Uint32Array;
  effective: Uint32Array;

  // edges: CSR for the bulk build, per-asset overrides once an incremental change touches an asset
  edgeCount = 0;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeProgram: Int32Array;
  edges: (Edge | null)[] = [];
  private outStart = new Int32Array(1);
  private outEdges = new Int32Array(0);
  private inStart = new Int32Array(1);
  private inEdges = new Int32Array(0);
  private csrAssets = 0;
  private readonly outOverride = new Map<number, number[]>();
  private readonly inOverride = new Map<number, number[]>();

  // violations, by subject
  // (subjects only: zone and categories follow from the state, see recordOf, so the
  // bulk scan allocates nothing per violation)
  readonly categoryViolations = new Set<number>();
  readonly purposeViolations = new Set<number>();
  readonly crossingViolations = new Set<number>();

  /** Bumped on every change so that lazily computed provenance is not reused across changes. */
  version = 0;
  private scratch: Uint32Array;

  constructor(world: World, policy: Policy) {
    this.policy = policy;
    const W = (this.W = policy.W);
    for (const zone of world.zones) policy.setZone(zone);
    for (const path of world.sanctionedPaths) policy.setPath(path);

    // The bulk build fills exactly sized tables in one pass each; the grow-as-you-go
    // path (addAssetRecord, addEdgeRecord) is for incremental changes.
    const n = world.assets.length;
    const assetCapacity = Math.max(n, 16);
    this.assetZone = new Int32Array(assetCapacity);
    this.assetPurpose = new Int32Array(assetCapacity);
    this.declared = new Uint32Array(assetCapacity * W);
    this.effective = new Uint32Array(assetCapacity * W);
    this.assets = world.assets.slice();
    this.assetIds = new Array<string>(n);
    const assetIndex = this.assetIndex;
    const declared = this.declared;
    for (let index = 0; index < n; index++) {
      const asset = world.assets[index];
      this.assetIds[index] = asset.id;
      assetIndex.set(asset.id, index);
      this.setAssetAttributes(index, asset);
      for (const label of asset.labels) {
        const id = policy.labelId(label);
        declared[index * W + (id >> 5)] |= 1 << (id & 31);
      }
    }
    this.assetCount = n;

    const m = world.edges.length;
    const edgeCapacity = Math.max(m, 16);
    const edgeFrom = (this.edgeFrom = new Int32Array(edgeCapacity));
    const edgeTo = (this.edgeTo = new Int32Array(edgeCapacity));
    const edgeProgram = (this.edgeProgram = new Int32Array(edgeCapacity));
    this.edges = world.edges.slice();
    // In chunks, so that the JIT optimises the loop after a few calls instead of
    // waiting to replace one long-running loop.
    const cache = { lastFromId: "", lastFrom: -1, singleTransform: new Map<string, number>() };
    for (let begin = 0; begin < m; begin += 4096) internEdges(world.edges, begin, Math.min(m, begin + 4096), assetIndex, policy, edgeFrom, edgeTo, edgeProgram, cache);
    this.edgeCount = m;
    this.buildCsr();
    this.scratch = new Uint32Array(W);
  }

  // ---- assets and edges ----

  addAssetRecord(asset: Asset): number {
    const index = this.assetCount++;
    const W = this.W;
    this.assetZone = grow(this.assetZone, this.assetCount);
    this.assetPurpose = grow(this.assetPurpose, this.assetCount);
    this.declared = grow(this.declared, this.assetCount * W);
    this.effective = grow(this.effective, this.assetCount * W);
    this.assetIds.push(asset.id);
    this.assets.push(asset);
    this.assetIndex.set(asset.id, index);
    this.setAssetAttributes(index, asset);
    for (const label of asset.labels) {
      const id = this.policy.labelId(label);
      this.declared[index * W + (id >> 5)] |= 1 << (id & 31);
    }
    return index;
  }

  setAssetAttributes(index: number, asset: Asset): void {
    const zone = asset.zone === null ? -1 : this.policy.zoneIndex.get(asset.zone);
    if (zone === undefined) throw new Error(`asset "${asset.id}": unknown zone "${asset.zone}"`);
    const purpose = asset.purpose === null ? -1 : this.policy.purposeIndex.get(asset.purpose);
    if (purpose === undefined) throw new Error(`asset "${asset.id}": unknown purpose "${asset.purpose}"`);
    this.assetZone[index] = zone;
    this.assetPurpose[index] = purpose;
    this.assets[index] = asset;
  }

  /** The edge from → to, or -1. Out-degrees are small, so a scan beats a million-entry map. */
  findEdge(from: number, to: number): number {
    const out = this.outEdgesOf(from);
    for (let k = 0; k < out.length; k++) if (this.edgeTo[out[k]] === to) return out[k];
    return -1;
  }

  addEdgeRecord(edge: Edge): number {
    const from = this.assetIndex.get(edge.from);
    const to = this.assetIndex.get(edge.to);
    if (from === undefined) throw new Error(`edge ${edge.from} → ${edge.to}: unknown asset "${edge.from}"`);
    if (to === undefined) throw new Error(`edge ${edge.from} → ${edge.to}: unknown asset "${edge.to}"`);
    const index = this.edgeCount++;
    this.edgeFrom = grow(this.edgeFrom, this.edgeCount);
    this.edgeTo = grow(this.edgeTo, this.edgeCount);
    this.edgeProgram = grow(this.edgeProgram, this.edgeCount);
    this.edgeFrom[index] = from;
    this.edgeTo[index] = to;
    this.edgeProgram[index] = edge.transforms.length === 0 ? 0 : this.policy.programFor(edge.transforms);
    this.edges.push(edge);
    return index;
  }

  /**
   * Compressed sparse rows of out-edges, built once for the bulk evaluation; the
   * in-edges' rows only when first asked for (incremental changes, provenance
   * searches): the full evaluation never needs them.
   */
  private buildCsr(): void {
    const n = this.assetCount;
    const m = this.edgeCount;
    const outStart = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) outStart[this.edgeFrom[e] + 1]++;
    for (let i = 0; i < n; i++) outStart[i + 1] += outStart[i];
    const outEdges = new Int32Array(m);
    const outFill = outStart.slice(0, n);
    for (let e = 0; e < m; e++) outEdges[outFill[this.edgeFrom[e]]++] = e;
    this.outStart = outStart;
    this.outEdges = outEdges;
    this.csrAssets = n;
    this.csrEdges = m;
    this.inBuilt = false;
  }

  private csrEdges = 0;
  private inBuilt = false;

  /** In-edge rows of the edges the bulk build saw; later changes live in the overrides. */
  private buildInCsr(): void {
    const n = this.csrAssets;
    const m = this.csrEdges;
    const inStart = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) inStart[this.edgeTo[e] + 1]++;
    for (let i = 0; i < n; i++) inStart[i + 1] += inStart[i];
    const inEdges = new Int32Array(m);
    const inFill = inStart.slice(0, n);
    for (let e = 0; e < m; e++) inEdges[inFill[this.edgeTo[e]]++] = e;
    this.inStart = inStart;
    this.inEdges = inEdges;
    this.inBuilt = true;
  }

  outEdgesOf(asset: number): ArrayLike<number> {
    const override = this.outOverride.get(asset);
    if (override) return override;
    if (asset >= this.csrAssets) return NO_EDGES;
    return this.outEdges.subarray(this.outStart[asset], this.outStart[asset + 1]);
  }

  inEdgesOf(asset: number): ArrayLike<number> {
    const override = this.inOverride.get(asset);
    if (override) return override;
    if (asset >= this.csrAssets) return NO_EDGES;
    if (!this.inBuilt) this.buildInCsr();
    return this.inEdges.subarray(this.inStart[asset], this.inStart[asset + 1]);
  }

  private mutableList(map: Map<number, number[]>, asset: number, current: ArrayLike<number>): number[] {
    let list = map.get(asset);
    if (!list) map.set(asset, (list = Array.from(current)));
    return list;
  }

  linkEdge(edge: number): void {
    const from = this.edgeFrom[edge];
    const to = this.edgeTo[edge];
    this.mutableList(this.outOverride, from, this.outEdgesOf(from)).push(edge);
    this.mutableList(this.inOverride, to, this.inEdgesOf(to)).push(edge);
  }

  unlinkEdge(edge: number): void {
    const from = this.edgeFrom[edge];
    const to = this.edgeTo[edge];
    const out = this.mutableList(this.outOverride, from, this.outEdgesOf(from));
    out.splice(out.indexOf(edge), 1);
    const into = this.mutableList(this.inOverride, to, this.inEdgesOf(to));
    into.splice(into.indexOf(edge), 1);
    this.edges[edge] = null;
  }

  // ---- the least fixpoint (DESIGN 2) ----

  /**
   * Which words of each asset's effective bitset are non-zero (one bit per word),
   * kept only between the bulk fixpoint and the bulk scan: real assets carry a
   * few categories, so most of a bitset's words are empty and both loops skip them.
   */
  private nonzero: Uint32Array | null = null;
  private get S(): number {
    return (this.W + 31) >> 5;
  }

  private summarize(): Uint32Array {
    const n = this.assetCount;
    const W = this.W;
    const S = this.S;
    const summary = new Uint32Array(n * S);
    const effective = this.effective;
    for (let a = 0; a < n; a++) {
      const base = a * W;
      for (let i = 0; i < W; i++) if (effective[base + i] !== 0) summary[a * S + (i >> 5)] |= 1 << (i & 31);
    }
    return summary;
  }

  /**
   * Pushes labels along edges, one strongly connected component at a time in
   * topological order: an acyclic part is settled in one pass, and only inside
   * a cycle does a worklist iterate until nothing changes.
   */
  computeFixpoint(): void {
    const n = this.assetCount;
    const W = this.W;
    const S = this.S;
    const effective = this.effective;
    effective.set(this.declared.subarray(0, n * W));
    const summary = this.summarize();
    const { order, component } = this.stronglyConnectedComponents();
    // Inside a component, assets are swept in reverse postorder, which follows
    // every edge but the back edges: one sweep settles what a pipeline-shaped
    // cycle carries forward, and only what a back edge brings needs another —
    // instead of a FIFO worklist revisiting assets once per step of the pipeline.
    const dirty = new Uint8Array(n);
    const edgeTo = this.edgeTo;
    const edgeProgram = this.edgeProgram;
    const programs = this.policy.programs;
    // Only the bulk build runs the fixpoint, before any per-asset override exists.
    const { outStart, outEdges } = this;
    const position = new Int32Array(n);
    // Tarjan emits components sinks first: walk them backwards.
    let end = order.length;
    while (end > 0) {
      const id = component[order[end - 1]];
      let start = end - 1;
      while (start > 0 && component[order[start - 1]] === id) start--;
      for (let k = start; k < end; k++) {
        dirty[k] = 1;
        position[order[k]] = k;
      }
      let again = true;
      while (again) {
        again = false;
        for (let k = start; k < end; k++) {
          if (dirty[k] === 0) continue;
          dirty[k] = 0;
          const v = order[k];
          for (let j = outStart[v], last = outStart[v + 1]; j < last; j++) {
            const e = outEdges[j];
            const w = edgeTo[e];
            const programId = edgeProgram[e];
            const changed = pushAlongEdge(effective, summary, W, S, v, w, programId === 0 ? null : programs[programId]);
            if (changed && component[w] === id) {
              const p = position[w];
              dirty[p] = 1;
              if (p <= k) again = true; // already passed in this sweep (or v itself)
            }
          }
        }
      }
      end = start;
    }
    this.nonzero = summary;
  }

  /**
   * Iterative Tarjan; `order` lists assets grouped by component, sink components
   * first, and each component's members in reverse postorder.
   */
  private stronglyConnectedComponents(): { order: Int32Array; component: Int32Array } {
    const n = this.assetCount;
    const { outStart, outEdges } = this;
    const index = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const component = new Int32Array(n).fill(-1);
    const stack = new Int32Array(n);
    const callStack = new Int32Array(n);
    const edgeCursor = new Int32Array(n);
    const order = new Int32Array(n);
    const postorder = new Int32Array(n);
    let postCount = 0;
    let orderLength = 0;
    let stackTop = 0;
    let counter = 0;
    let components = 0;
    for (let root = 0; root < n; root++) {
      if (index[root] >= 0) continue;
      let depth = 0;
      callStack[depth++] = root;
      index[root] = low[root] = counter++;
      stack[stackTop++] = root;
      edgeCursor[root] = 0;
      while (depth > 0) {
        const v = callStack[depth - 1];
        if (edgeCursor[v] < outStart[v + 1] - outStart[v]) {
          const w = this.edgeTo[outEdges[outStart[v] + edgeCursor[v]++]];
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            stack[stackTop++] = w;
            edgeCursor[w] = 0;
            callStack[depth++] = w;
          } else if (component[w] < 0 && index[w] < low[v]) {
            low[v] = index[w];
          }
          continue;
        }
        depth--;
        postorder[postCount++] = v;
        if (depth > 0) {
          const parent = callStack[depth - 1];
          if (low[v] < low[parent]) low[parent] = low[v];
        }
        if (low[v] === index[v]) {
          let w: number;
          do {
            w = stack[--stackTop];
            component[w] = components;
            order[orderLength++] = w;
          } while (w !== v);
          components++;
        }
      }
    }
    // Within each component (contiguous in `order`), list members in reverse
    // postorder of the same depth-first search: every edge of the component
    // that is not a back edge then points forward in the list.
    const componentStart = new Int32Array(components + 1).fill(-1);
    for (let k = 0; k < n; k++) if (componentStart[component[order[k]]] < 0) componentStart[component[order[k]]] = k;
    for (let k = n - 1; k >= 0; k--) {
      const v = postorder[k];
      order[componentStart[component[v]]++] = v;
    }
    return { order, component };
  }

  // ---- violations (DESIGN 5), one subject at a time ----

  /** Labels of an asset its zone does not permit, into `out`; false when none (or unzoned). */
  badLabelsOf(asset: number, out: Uint32Array): boolean {
    const zone = this.assetZone[asset];
    if (zone < 0 || this.assets[asset] === null) return false;
    const W = this.W;
    const permitted = this.policy.permitted[zone];
    let any = 0;
    for (let i = 0; i < W; i++) {
      out[i] = this.effective[asset * W + i] & ~permitted[i];
      any |= out[i];
    }
    return any !== 0;
  }

  hasPurposeViolation(asset: number): boolean {
    const zone = this.assetZone[asset];
    const purpose = this.assetPurpose[asset];
    if (zone < 0 || purpose < 0 || this.assets[asset] === null) return false;
    return !this.policy.purposePermitted(zone, purpose);
  }

  /** An edge leaving zone A for another zone or none (DESIGN 5; unzoned → zone is no crossing). */
  isCrossing(edge: number): boolean {
    const from = this.assetZone[this.edgeFrom[edge]];
    return from >= 0 && this.assetZone[this.edgeTo[edge]] !== from;
  }

  /** Labels flowing along an edge (u's effective labels after its transforms) into `out`. */
  flowingLabels(edge: number, out: Uint32Array): void {
    this.policy.applyProgram(this.edgeProgram[edge], this.effective, this.edgeFrom[edge] * this.W, out);
  }

  allowedFor(edge: number) {
    const v = this.edgeTo[edge];
    return this.policy.allowed(this.assetZone[this.edgeFrom[edge]], this.assetZone[v], this.assetPurpose[v]);
  }

  /** Flowing labels along a crossing that no applicable path allows, into `out`; false when none. */
  unsanctionedLabelsOf(edge: number, out: Uint32Array): boolean {
    if (this.edges[edge] === null || !this.isCrossing(edge)) return false;
    const W = this.W;
    this.flowingLabels(edge, out);
    const allowed = this.allowedFor(edge).mask;
    let any = 0;
    for (let i = 0; i < W; i++) {
      out[i] &= ~allowed[i];
      any |= out[i];
    }
    return any !== 0;
  }

  /** The full record of a violation found by the scan (its categories recomputed from the labels). */
  recordOf(kind: 0 | 1 | 2, subject: number): ViolationRecord {
    const bad = new Uint32Array(this.W);
    if (kind === CATEGORY_NOT_PERMITTED) {
      this.badLabelsOf(subject, bad);
      return { kind, asset: subject, edge: -1, zone: this.assetZone[subject], categories: this.policy.categoriesOf(bad) };
    }
    if (kind === PURPOSE_NOT_PERMITTED) return { kind, asset: subject, edge: -1, zone: this.assetZone[subject], categories: [] };
    this.unsanctionedLabelsOf(subject, bad);
    return { kind, asset: -1, edge: subject, zone: this.assetZone[this.edgeFrom[subject]], categories: this.policy.categoriesOf(bad) };
  }

  refreshAssetViolations(asset: number): void {
    if (this.badLabelsOf(asset, this.scratch)) this.categoryViolations.add(asset);
    else this.categoryViolations.delete(asset);
    if (this.hasPurposeViolation(asset)) this.purposeViolations.add(asset);
    else this.purposeViolations.delete(asset);
  }

  refreshCrossing(edge: number): void {
    if (this.unsanctionedLabelsOf(edge, this.scratch)) this.crossingViolations.add(edge);
    else this.crossingViolations.delete(edge);
  }

  scanAllViolations(): void {
    this.categoryViolations.clear();
    this.purposeViolations.clear();
    this.crossingViolations.clear();
    const summary = this.nonzero ?? this.summarize();
    this.nonzero = null; // incremental changes do not maintain it
    const n = this.assetCount;
    const W = this.W;
    const S = this.S;
    const effective = this.effective;
    const policy = this.policy;
    const assetZone = this.assetZone;
    for (let a = 0; a < n; a++) {
      if (this.assets[a] === null) continue;
      const zone = assetZone[a];
      if (zone < 0) continue;
      if (flowsOutside(effective, summary, W, S, a, null, policy.permitted[zone])) this.categoryViolations.add(a);
      if (this.hasPurposeViolation(a)) this.purposeViolations.add(a);
    }
    const { edgeFrom, edgeTo, edgeProgram, assetPurpose } = this;
    const programs = policy.programs;
    for (let e = 0; e < this.edgeCount; e++) {
      const u = edgeFrom[e];
      const fromZone = assetZone[u];
      if (fromZone < 0) continue;
      const v = edgeTo[e];
      const toZone = assetZone[v];
      if (toZone === fromZone || this.edges[e] === null) continue;
      const allowed = policy.allowed(fromZone, toZone, assetPurpose[v]).mask;
      const programId = edgeProgram[e];
      if (flowsOutside(effective, summary, W, S, u, programId === 0 ? null : programs[programId], allowed)) this.crossingViolations.add(e);
    }
  }

  // ---- orderings and adjacency for bulk answers ----

  private ranks: { assetCount: number; rank: Int32Array; byRank: Int32Array } | null = null;

  /** Every asset's position in code-point order of ids (ids never change, so cached until assets are added). */
  assetRanks(): { rank: Int32Array; byRank: Int32Array } {
    if (this.ranks && this.ranks.assetCount === this.assetCount) return this.ranks;
    const n = this.assetCount;
    const ids = this.assetIds;
    // UTF-16 order equals code-point order unless a surrogate meets U+E000–U+FFFF.
    let plain = true;
    for (let a = 0; a < n && plain; a++) if (/[\ud800-\uffff]/.test(ids[a])) plain = false;
    // Sorting the strings themselves (no comparator) is the fast path; a removed
    // asset's id may come back under a new number, so equal ids take consecutive ranks.
    const sorted = ids.slice(0, n);
    if (plain) sorted.sort();
    else sorted.sort(compareCodePoints);
    const next = new Map<string, number>();
    for (let r = n - 1; r >= 0; r--) next.set(sorted[r], r);
    const rank = new Int32Array(n);
    const byRank = new Int32Array(n);
    for (let a = 0; a < n; a++) {
      const r = next.get(ids[a])!;
      next.set(ids[a], r + 1);
      rank[a] = r;
      byRank[r] = a;
    }
    this.ranks = { assetCount: n, rank, byRank };
    return this.ranks;
  }

  /** In-edges as compressed sparse rows, including incremental overrides. */
  backwardAdjacency(): { start: Int32Array; list: Int32Array } {
    const n = this.assetCount;
    if (this.inOverride.size === 0 && this.csrAssets === n) {
      if (!this.inBuilt) this.buildInCsr();
      return { start: this.inStart, list: this.inEdges };
    }
    const start = new Int32Array(n + 1);
    for (let a = 0; a < n; a++) start[a + 1] = start[a] + this.inEdgesOf(a).length;
    const list = new Int32Array(start[n]);
    for (let a = 0; a < n; a++) list.set(this.inEdgesOf(a), start[a]);
    return { start, list };
  }

  /** Out-edges as compressed sparse rows, including incremental overrides. */
  forwardAdjacency(): { start: Int32Array; list: Int32Array } {
    const n = this.assetCount;
    if (this.outOverride.size === 0 && this.csrAssets === n) return { start: this.outStart, list: this.outEdges };
    const start = new Int32Array(n + 1);
    for (let a = 0; a < n; a++) start[a + 1] = start[a] + this.outEdgesOf(a).length;
    const list = new Int32Array(start[n]);
    for (let a = 0; a < n; a++) list.set(this.outEdgesOf(a), start[a]);
    return { start, list };
  }

  // ---- label queries ----

  hasEffective(asset: number, label: number): boolean {
    return ((this.effective[asset * this.W + (label >> 5)] >>> (label & 31)) & 1) === 1;
  }

  hasDeclared(asset: number, label: number): boolean {
    return ((this.declared[asset * this.W + (label >> 5)] >>> (label & 31)) & 1) === 1;
  }

  labelsIn(bits: Uint32Array, offset = 0): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.W; i++) {
      let word = bits[offset + i];
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        out.push(i * 32 + bit);
        word &= word - 1;
      }
    }
    return out;
  }

  effectiveLabelIds(asset: number): number[] {
    return this.labelsIn(this.effective, asset * this.W);
  }

  // ---- provenance (DESIGN 3) ----

  private provenanceCache = new Map<number, Provenance>();
  private provenanceVersion = -1;

  /**
   * One shortest path from an asset declaring the label it derives from,
   * ties broken by the paths' asset ids in order. Computed on demand: a
   * backward breadth-first search over (asset, label) states finds the
   * distance d of the nearest declaring asset, then a forward walk from the
   * smallest such source keeps, at each step, only the smallest next asset
   * among the states still on a shortest path to the target.
   */
  provenance(asset: number, label: number): Provenance {
    if (this.provenanceVersion !== this.version) {
      this.provenanceCache.clear();
      this.provenanceVersion = this.version;
    }
    const stateKey = asset * this.W * 32 + label;
    const cached = this.provenanceCache.get(stateKey);
    if (cached) return cached;
    if (!this.hasEffective(asset, label)) throw new Error(`label ${label} is not effective at asset ${this.assetIds[asset]}`);
    const result = this.searchProvenance(asset, label);
    this.provenanceCache.set(stateKey, result);
    return result;
  }

  private searchProvenance(target: number, targetLabel: number): Provenance {
    const space = this.W * 32;
    const key = (asset: number, label: number) => asset * space + label;
    const distance = new Map<number, number>([[key(target, targetLabel), 0]]);
    let layer: number[] = [target, targetLabel];
    let depth = 0;
    let sources: number[] = this.hasDeclared(target, targetLabel) ? [target, targetLabel] : [];
    while (sources.length === 0) {
      const next: number[] = [];
      depth++;
      for (let k = 0; k < layer.length; k += 2) {
        const x = layer[k];
        const label = layer[k + 1];
        const into = this.inEdgesOf(x);
        for (let j = 0; j < into.length; j++) {
          const e = into[j];
          const w = this.edgeFrom[e];
          const program = this.edgeProgram[e];
          // Every label of w's category that the edge maps onto `label`.
          const base = label & ~7;
          for (let bit = 0; bit < 6; bit++) {
            const candidate = base | bit;
            if (!this.hasEffective(w, candidate) || this.policy.mapLabel(program, candidate) !== label) continue;
            const k2 = key(w, candidate);
            if (distance.has(k2)) continue;
            distance.set(k2, depth);
            next.push(w, candidate);
            if (this.hasDeclared(w, candidate)) sources.push(w, candidate);
          }
        }
      }
      if (next.length === 0) throw new Error("provenance search found no declaring asset (labels out of date?)");
      layer = next;
    }
    // The smallest source asset; all its declared states at that distance stay candidates.
    let best = sources[0];
    for (let k = 2; k < sources.length; k += 2) if (compareCodePoints(this.assetIds[sources[k]], this.assetIds[best]) < 0) best = sources[k];
    // Each candidate state remembers the smallest declared label it derives from.
    let current = new Map<number, number>();
    for (let k = 0; k < sources.length; k += 2) if (sources[k] === best) current.set(key(best, sources[k + 1]), sources[k + 1]);
    const path: number[] = [best];
    for (let remaining = depth; remaining > 0; remaining--) {
      let nextAsset = -1;
      let candidates = new Map<number, number>();
      for (const [stateKey, origin] of current) {
        const x = Math.floor(stateKey / space);
        const label = stateKey % space;
        const out = this.outEdgesOf(x);
        for (let j = 0; j < out.length; j++) {
          const e = out[j];
          const y = this.edgeTo[e];
          const mapped = this.policy.mapLabel(this.edgeProgram[e], label);
          if (mapped < 0 || distance.get(key(y, mapped)) !== remaining - 1) continue;
          const order = nextAsset < 0 ? -1 : compareCodePoints(this.assetIds[y], this.assetIds[nextAsset]);
          if (order > 0) continue;
          if (order < 0) {
            nextAsset = y;
            candidates = new Map();
          }
          const next = key(y, mapped);
          const known = candidates.get(next);
          if (known === undefined || origin < known) candidates.set(next, origin);
        }
      }
      path.push(nextAsset);
      current = candidates;
    }
    const label = current.get(key(target, targetLabel))!;
    return { path, originLabel: label };
  }
}

export type Provenance = { path: number[]; originLabel: number };
