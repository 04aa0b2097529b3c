// The engine's working state: the world compiled into integer tables (assets
// and edges numbered, zones, purposes and transforms as indexes into the
// policy, labels as bitsets), kept up to date by incremental changes. What is
// computed over the tables lives beside it: the least fixpoint (fixpoint.ts),
// the violations (violations.ts), provenance (provenance.ts), adjacency
// (adjacency.ts). Shared by the full evaluation (evaluate.ts) and the
// incremental evaluator (incremental.ts), so both answer with the same code
// once their label sets agree.
import { compareCodePoints } from "../taxonomy/index.ts";
import type { Asset, Edge, World } from "../world/schema.ts";
import { Adjacency } from "./adjacency.ts";
import { Policy } from "./policy.ts";
import { searchProvenance, type Provenance } from "./provenance.ts";

// Importers of the kinds from here predate violations.ts.
export { CATEGORY_NOT_PERMITTED, PURPOSE_NOT_PERMITTED, UNSANCTIONED_CROSSING, VIOLATION_KINDS, type ViolationKind, type ViolationRecord } from "./violations.ts";
export type { Provenance } from "./provenance.ts";

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

/** The order of assets 0..n-1 from that of the first `known.assetCount`: the new ones sorted, then merged in (equal ids by asset number, as a full sort orders them). */
function mergeRanks(ids: readonly string[], known: { assetCount: number; byRank: Int32Array }, n: number, plain: boolean) {
  const compare = plain ? (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0) : compareCodePoints;
  const old = known.assetCount;
  const added = Array.from({ length: n - old }, (_, k) => old + k).sort((a, b) => compare(ids[a], ids[b]) || a - b);
  const rank = new Int32Array(n);
  const byRank = new Int32Array(n);
  let i = 0;
  let j = 0;
  for (let r = 0; r < n; r++) {
    const takeKnown = j >= added.length || (i < old && compare(ids[known.byRank[i]], ids[added[j]]) <= 0);
    const a = takeKnown ? known.byRank[i++] : added[j++];
    byRank[r] = a;
    rank[a] = r;
  }
  return { assetCount: n, plain, rank, byRank };
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

  // edges
  edgeCount = 0;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeProgram: Int32Array;
  edges: (Edge | null)[] = [];
  /** edges not removed (edgeCount counts removed ones too: their numbers stay taken) */
  presentEdgeCount = 0;
  readonly adjacency: Adjacency;

  // violations, by subject (violations.ts decides them)
  readonly categoryViolations = new Set<number>();
  readonly purposeViolations = new Set<number>();
  readonly crossingViolations = new Set<number>();

  /** Bumped on every change so that lazily computed provenance is not reused across changes. */
  version = 0;
  /** state.W words of scratch space for one decision at a time. */
  readonly scratch: Uint32Array;

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
    this.presentEdgeCount = m;
    this.adjacency = new Adjacency(this, n, m);
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
    this.presentEdgeCount++;
    return index;
  }

  outEdgesOf(asset: number): ArrayLike<number> {
    return this.adjacency.outOf(asset);
  }

  inEdgesOf(asset: number): ArrayLike<number> {
    return this.adjacency.inOf(asset);
  }

  linkEdge(edge: number): void {
    this.adjacency.link(edge);
  }

  unlinkEdge(edge: number): void {
    this.adjacency.unlink(edge);
    if (this.edges[edge] !== null) this.presentEdgeCount--;
    this.edges[edge] = null;
  }

  // ---- orderings for bulk answers ----

  private ranks: { assetCount: number; plain: boolean; rank: Int32Array; byRank: Int32Array } | null = null;

  /** Every asset's position in code-point order of ids (ids never change, so cached until assets are added). */
  assetRanks(): { rank: Int32Array; byRank: Int32Array } {
    const known = this.ranks;
    if (known && known.assetCount === this.assetCount) return known;
    const n = this.assetCount;
    const ids = this.assetIds;
    // UTF-16 order equals code-point order unless a surrogate meets U+E000–U+FFFF.
    let plain = known ? known.plain : true;
    for (let a = known ? known.assetCount : 0; a < n && plain; a++) if (/[\ud800-\uffff]/.test(ids[a])) plain = false;
    // Assets added since the last ordering (ingestion adds a few at a time): merged into it, not a new sort of them all.
    if (known && known.plain === plain) return (this.ranks = mergeRanks(ids, known, n, plain));
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
    this.ranks = { assetCount: n, plain, rank, byRank };
    return this.ranks;
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

  // ---- provenance (DESIGN 3), searched on demand ----

  private provenanceCache = new Map<number, Provenance>();
  private provenanceVersion = -1;

  /** Drops remembered provenance (a trial that restores `version` may have filled it with the tried world's). */
  forgetProvenance(): void {
    this.provenanceCache.clear();
    this.provenanceVersion = -1;
  }

  /** One state's provenance (provenance.ts), remembered until the next change. */
  provenance(asset: number, label: number): Provenance {
    if (this.provenanceVersion !== this.version) {
      this.provenanceCache.clear();
      this.provenanceVersion = this.version;
    }
    const stateKey = asset * this.W * 32 + label;
    const cached = this.provenanceCache.get(stateKey);
    if (cached) return cached;
    if (!this.hasEffective(asset, label)) throw new Error(`label ${label} is not effective at asset ${this.assetIds[asset]}`);
    const result = searchProvenance(this, asset, label);
    this.provenanceCache.set(stateKey, result);
    return result;
  }
}
