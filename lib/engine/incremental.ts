// Incremental evaluation: one change (an edge, asset, zone or sanctioned path
// added, changed or removed) re-evaluates only what it can reach, and answers
// exactly as a full evaluation of the changed world would.
//
// Additions only add labels: push the new ones forward. Removals use
// delete-and-rederive, since lineage has cycles and counting derivations does
// not work on a cycle that feeds itself: first remove every label that may
// have depended on what was removed (following edges forward), then put back
// those that some remaining in-edge or declaration still derives, and push
// those forward again. Provenance is recomputed lazily from the label sets, so
// it needs no maintenance.
import type { z } from "zod";
import { worldTaxonomy } from "../world/parse.ts";
import {
  Asset as AssetSchema,
  Edge as EdgeSchema,
  SanctionedPath as SanctionedPathSchema,
  Zone as ZoneSchema,
  type Asset,
  type Edge,
  type SanctionedPath,
  type World,
  type Zone,
} from "../world/schema.ts";
import type { Taxonomy } from "../taxonomy/index.ts";
import { buildState, Evaluation, type Violation } from "./evaluate.ts";
import { EngineState } from "./state.ts";
import { flowingLabels, refreshAssetViolations, refreshCrossing } from "./violations.ts";

export type WorldChange =
  | { kind: "putEdge"; edge: z.input<typeof EdgeSchema> }
  | { kind: "removeEdge"; from: string; to: string }
  | { kind: "putAsset"; asset: z.input<typeof AssetSchema> }
  | { kind: "removeAsset"; id: string }
  | { kind: "putZone"; zone: z.input<typeof ZoneSchema> }
  | { kind: "removeZone"; id: string }
  | { kind: "putSanctionedPath"; path: z.input<typeof SanctionedPathSchema> }
  | { kind: "removeSanctionedPath"; id: string };

/**
 * A change whose records are already in the schema's parsed form (a writer's
 * own change, built from parsed records): applied without parsing them again.
 */
export type ParsedWorldChange = { kind: "putEdge"; edge: Edge } | { kind: "putAsset"; asset: Asset } | Exclude<WorldChange, { kind: "putEdge" | "putAsset" }>;

export type ChangeSummary = { assetsWithNewLabels: number; violationCount: number };

/** The subjects whose verdicts a change re-decided: only their violations can have changed. */
export type DecidedSubjects = { assets: Set<number>; edges: Set<number> };

/**
 * What the changes applied since recording began can have altered in the
 * stored violations (server/evaluations/run-evaluation.ts re-explains only
 * these): the subjects re-decided or removed, and the assets where a label's
 * provenance may have changed (an edge into them added, removed or given other
 * transforms, or their declared labels changed). A provenance path is a
 * shortest path from a declaring asset, so when one changes, some edge or
 * declaration on the old or the new path changed, and the path from the last
 * such change to the asset is still there: every asset whose provenance can
 * differ is downstream of a seed in the current graph (see changedSince).
 */
export type ChangeRecord = { assets: Set<number>; edges: Set<number>; provenanceSeeds: Set<number>; zones: Set<number> };

export const emptyChangeRecord = (): ChangeRecord => ({ assets: new Set(), edges: new Set(), provenanceSeeds: new Set(), zones: new Set() });

/** Changes a trial can undo exactly: they keep every asset and edge number (and so every cached list of subjects) valid. */
export type TrialChange = Extract<WorldChange, { kind: "putSanctionedPath" | "removeSanctionedPath" | "putZone" | "removeZone" }>;

const nameKey = (asset: { namespace: string; name: string }) => `${asset.namespace}\u0000${asset.name}`;

function countName(names: Map<string, number>, key: string, delta: number): void {
  const count = (names.get(key) ?? 0) + delta;
  if (count > 0) names.set(key, count);
  else names.delete(key);
}

export class IncrementalEvaluator {
  private readonly state: EngineState;
  private readonly taxonomy: Taxonomy;
  private readonly zoneMembers: Set<number>[] = [];
  private readonly baseTaxonomy: World["taxonomy"];
  private readonly view: Evaluation;
  private touched = new Set<number>();
  /** Set while a trial records what it re-decides. */
  private decided: DecidedSubjects | null = null;
  /** Set while the caller records what changes alter (recordChanges). */
  private recording: ChangeRecord | null = null;

  constructor(world: World, options: { at?: Date } = {}) {
    this.state = buildState(world, options.at ?? new Date());
    this.taxonomy = worldTaxonomy(world);
    this.baseTaxonomy = world.taxonomy;
    this.view = new Evaluation(this.state);
    for (let z = 0; z < this.state.policy.zones.length; z++) this.zoneMembers.push(new Set());
    for (let a = 0; a < this.state.assetCount; a++) if (this.state.assetZone[a] >= 0) this.zoneMembers[this.state.assetZone[a]].add(a);
  }

  /** The current evaluation; it reflects every change applied so far. */
  get evaluation(): Evaluation {
    return this.view;
  }

  /** The current world, e.g. to check incremental == full evaluation. */
  world(): World {
    const s = this.state;
    return {
      taxonomy: this.baseTaxonomy,
      zones: s.policy.zones.filter((z): z is Zone => z !== null),
      assets: s.assets.filter((a): a is Asset => a !== null),
      edges: s.edges.filter((e): e is Edge => e !== null),
      sanctionedPaths: s.policy.paths.filter((p) => p !== null).map((p) => p!.path),
    };
  }

  apply(change: WorldChange): ChangeSummary {
    return this.applyChange(change, false);
  }

  /** apply() for a change already in parsed form: the hot path of a process replaying its own writes. */
  applyParsed(change: ParsedWorldChange): ChangeSummary {
    return this.applyChange(change, true);
  }

  private applyChange(change: WorldChange, parsed: boolean): ChangeSummary {
    this.touched = new Set();
    const s = this.state;
    switch (change.kind) {
      case "putEdge":
        this.putEdge(parsed ? (change.edge as Edge) : EdgeSchema.parse(change.edge));
        break;
      case "removeEdge":
        this.removeEdge(this.edgeNumber(change.from, change.to));
        break;
      case "putAsset":
        this.putAsset(parsed ? (change.asset as Asset) : AssetSchema.parse(change.asset));
        break;
      case "removeAsset":
        this.removeAsset(this.assetNumber(change.id));
        break;
      case "putZone":
        this.putZone(ZoneSchema.parse(change.zone));
        break;
      case "removeZone":
        this.removeZone(change.id);
        break;
      case "putSanctionedPath":
        this.putPath(SanctionedPathSchema.parse(change.path));
        break;
      case "removeSanctionedPath": {
        const old = s.policy.removePath(change.id);
        this.refreshCrossingsBetween(old.from, old.to);
        break;
      }
    }
    for (const asset of this.touched) {
      this.redecideAsset(asset);
      const out = s.outEdgesOf(asset);
      for (let k = 0; k < out.length; k++) this.redecideCrossing(out[k]);
    }
    s.version++;
    return { assetsWithNewLabels: this.touched.size, violationCount: this.view.violationCount };
  }

  /**
   * A what-if on this very state: applies `change`, lets `inspect` read the
   * changed world, applies `inverse` (which must undo it) and lets `inspect`
   * read the world as it was, all synchronously, so no other caller ever sees
   * the changed state. The state's version is restored too: a trial changes
   * nothing, so lists of violations read before it stay valid. Each call of
   * `inspect` gets the subjects both applications re-decided (the only ones
   * whose violations can differ). Costs two incremental changes, not an evaluation.
   * `inspect` reads subjects and their explanations, never `evaluation.violations`
   * (that list is cached per version, and the version is reused).
   */
  trial<T>(change: TrialChange, inverse: TrialChange, inspect: (phase: "after" | "before", decided: DecidedSubjects) => T): { after: T; before: T } {
    const s = this.state;
    const version = s.version;
    const decided: DecidedSubjects = { assets: new Set(), edges: new Set() };
    this.decided = decided;
    // a trial leaves the world as it was: nothing to record
    const recording = this.recording;
    this.recording = null;
    try {
      this.apply(change);
    } catch (error) {
      this.decided = null;
      this.recording = recording;
      s.version = version;
      throw error; // every change validates before it writes, so a refused one left the state as it was
    }
    let after: T;
    try {
      after = inspect("after", decided);
    } finally {
      this.apply(inverse);
      this.decided = null;
      this.recording = recording;
    }
    try {
      return { after, before: inspect("before", decided) };
    } finally {
      s.version = version;
      s.forgetProvenance();
    }
  }

  /** Records what later changes alter into `record` (null: stop recording). */
  recordChanges(record: ChangeRecord | null): void {
    this.recording = record;
  }

  /**
   * What the changes in `record` can have altered in the stored violations:
   * `assets` and `edges`, the subjects whose stored open violations are to be
   * compared, and `violations`, those subjects' violations now, explained
   * exactly as a full evaluation explains them (in chunks). Re-decided and
   * removed subjects are compared whatever their verdict; so are the subjects
   * that are violations now and whose explanation may have changed: every
   * asset downstream of a provenance seed, and every edge out of one (a
   * crossing's path is its source's provenance), and the crossings out of a
   * renamed zone. A subject of the latter kind that is no violation now was
   * none before either (its verdict was not re-decided), so it has nothing stored.
   */
  changedSince(record: ChangeRecord, chunkSize?: number): { assets: string[]; edges: { from: string; to: string }[]; violations: Iterable<Violation[]> } {
    const s = this.state;
    const assets = new Set(record.assets);
    const edges = new Set(record.edges);
    const violatingAsset = (a: number) => s.assets[a] !== null && (s.categoryViolations.has(a) || s.purposeViolations.has(a));
    const violatingEdge = (e: number) => s.edges[e] !== null && s.crossingViolations.has(e);
    const seen = new Uint8Array(s.assetCount);
    const queue: number[] = [];
    for (const seed of record.provenanceSeeds) {
      if (seen[seed] === 0) {
        seen[seed] = 1;
        queue.push(seed);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const x = queue[head];
      if (s.assets[x] === null) continue;
      if (violatingAsset(x)) assets.add(x);
      const out = s.outEdgesOf(x);
      for (let k = 0; k < out.length; k++) {
        const e = out[k];
        if (violatingEdge(e)) edges.add(e);
        const y = s.edgeTo[e];
        if (seen[y] === 0) {
          seen[y] = 1;
          queue.push(y);
        }
      }
    }
    for (const zone of record.zones) {
      for (const member of this.zoneMembers[zone] ?? []) {
        const out = s.outEdgesOf(member);
        for (let k = 0; k < out.length; k++) if (violatingEdge(out[k])) edges.add(out[k]);
      }
    }
    const ids = s.assetIds;
    return {
      assets: [...assets].map((a) => ids[a]),
      edges: [...edges].map((e) => ({ from: ids[s.edgeFrom[e]], to: ids[s.edgeTo[e]] })),
      violations: this.view.explainSubjects(assets, edges, chunkSize),
    };
  }

  // ---- lookups and checks ----

  private redecideAsset(asset: number): void {
    this.decided?.assets.add(asset);
    this.recording?.assets.add(asset);
    refreshAssetViolations(this.state, asset);
  }

  private redecideCrossing(edge: number): void {
    this.decided?.edges.add(edge);
    this.recording?.edges.add(edge);
    refreshCrossing(this.state, edge);
  }

  private assetNumber(id: string): number {
    const index = this.state.assetIndex.get(id);
    if (index === undefined) throw new Error(`unknown asset "${id}"`);
    return index;
  }

  private edgeNumber(from: string, to: string): number {
    const edge = this.state.findEdge(this.assetNumber(from), this.assetNumber(to));
    if (edge < 0) throw new Error(`unknown edge "${from}" → "${to}"`);
    return edge;
  }

  private requireCategory(key: string): void {
    if (!this.taxonomy.hasCategory(key)) throw new Error(`unknown category "${key}"`);
  }

  private requirePurpose(key: string): void {
    if (!this.taxonomy.hasPurpose(key)) throw new Error(`unknown purpose "${key}"`);
  }

  // ---- label propagation ----

  private pushForward(seeds: Map<number, Uint32Array>): void {
    const s = this.state;
    const W = s.W;
    const effective = s.effective;
    const image = new Uint32Array(W);
    const pending = seeds;
    const queue = [...seeds.keys()];
    for (let head = 0; head < queue.length; head++) {
      const x = queue[head];
      const bits = pending.get(x)!;
      pending.delete(x);
      const out = s.outEdgesOf(x);
      for (let k = 0; k < out.length; k++) {
        const e = out[k];
        const y = s.edgeTo[e];
        s.policy.applyProgram(s.edgeProgram[e], bits, 0, image);
        let any = 0;
        for (let i = 0; i < W; i++) {
          image[i] &= ~effective[y * W + i];
          any |= image[i];
        }
        if (any === 0) continue;
        this.touched.add(y);
        let waiting = pending.get(y);
        if (!waiting) {
          pending.set(y, (waiting = new Uint32Array(W)));
          queue.push(y);
        }
        for (let i = 0; i < W; i++) {
          effective[y * W + i] |= image[i];
          waiting[i] |= image[i];
        }
      }
    }
  }

  /** Adds labels at assets (bits already in `effective` are ignored) and propagates them. */
  private insertLabels(additions: Map<number, Uint32Array>): void {
    const s = this.state;
    const W = s.W;
    const seeds = new Map<number, Uint32Array>();
    for (const [x, bits] of additions) {
      let any = 0;
      const fresh = new Uint32Array(W);
      for (let i = 0; i < W; i++) {
        fresh[i] = bits[i] & ~s.effective[x * W + i];
        any |= fresh[i];
      }
      if (any === 0) continue;
      for (let i = 0; i < W; i++) s.effective[x * W + i] |= fresh[i];
      this.touched.add(x);
      seeds.set(x, fresh);
    }
    this.pushForward(seeds);
  }

  /** Delete-and-rederive for labels that may have lost their support at the given assets. */
  private retractLabels(suspects: Map<number, Uint32Array>): void {
    const s = this.state;
    const W = s.W;
    const effective = s.effective;
    const declared = s.declared;
    const deleted = new Map<number, Uint32Array>();
    const pending = new Map<number, Uint32Array>();
    const queue: number[] = [];
    const remove = (x: number, bits: Uint32Array) => {
      let any = 0;
      for (let i = 0; i < W; i++) {
        bits[i] &= effective[x * W + i] & ~declared[x * W + i];
        any |= bits[i];
      }
      if (any === 0) return;
      this.touched.add(x);
      let gone = deleted.get(x);
      if (!gone) deleted.set(x, (gone = new Uint32Array(W)));
      let waiting = pending.get(x);
      if (!waiting) {
        pending.set(x, (waiting = new Uint32Array(W)));
        queue.push(x);
      }
      for (let i = 0; i < W; i++) {
        effective[x * W + i] &= ~bits[i];
        gone[i] |= bits[i];
        waiting[i] |= bits[i];
      }
    };
    for (const [x, bits] of suspects) remove(x, Uint32Array.from(bits));
    const image = new Uint32Array(W);
    for (let head = 0; head < queue.length; head++) {
      const x = queue[head];
      const bits = pending.get(x)!;
      pending.delete(x);
      const out = s.outEdgesOf(x);
      for (let k = 0; k < out.length; k++) {
        const e = out[k];
        s.policy.applyProgram(s.edgeProgram[e], bits, 0, image);
        remove(s.edgeTo[e], Uint32Array.from(image));
      }
    }
    // Rederive: what a remaining in-edge still brings.
    const rederived = new Map<number, Uint32Array>();
    for (const [x, gone] of deleted) {
      const support = new Uint32Array(W);
      const into = s.inEdgesOf(x);
      for (let k = 0; k < into.length; k++) {
        const e = into[k];
        s.policy.applyProgram(s.edgeProgram[e], effective, s.edgeFrom[e] * W, image);
        for (let i = 0; i < W; i++) support[i] |= image[i] & gone[i];
      }
      rederived.set(x, support);
    }
    this.insertLabels(rederived);
  }

  private edgeContribution(edge: number): Uint32Array {
    const image = new Uint32Array(this.state.W);
    flowingLabels(this.state, edge, image);
    return image;
  }

  // ---- changes ----

  private putEdge(edge: Edge): void {
    const s = this.state;
    for (const t of edge.transforms) if (t.startsWith("drop:")) this.requireCategory(t.slice(5));
    const from = this.assetNumber(edge.from);
    const to = this.assetNumber(edge.to);
    const existing = s.findEdge(from, to);
    if (existing >= 0) {
      const old = s.edges[existing]!;
      if (old.transforms.join("\u0000") === edge.transforms.join("\u0000")) {
        s.edges[existing] = edge; // signals, timestamps, review state: no effect on labels
        return;
      }
      this.removeEdge(existing);
    }
    const index = s.addEdgeRecord(edge);
    s.linkEdge(index);
    this.recording?.provenanceSeeds.add(to);
    this.insertLabels(new Map([[to, this.edgeContribution(index)]]));
    this.redecideCrossing(index);
  }

  private removeEdge(edge: number): void {
    const s = this.state;
    const contribution = this.edgeContribution(edge);
    const to = s.edgeTo[edge];
    s.unlinkEdge(edge);
    s.crossingViolations.delete(edge);
    this.recording?.edges.add(edge);
    this.recording?.provenanceSeeds.add(to);
    this.retractLabels(new Map([[to, contribution]]));
  }

  private declaredBits(asset: Asset): Uint32Array {
    const bits = new Uint32Array(this.state.W);
    for (const label of asset.labels) {
      this.requireCategory(label.category);
      const id = this.state.policy.labelId(label);
      bits[id >> 5] |= 1 << (id & 31);
    }
    return bits;
  }

  /** How many assets hold each (namespace, name), built on the first asset change: a new asset's check is then a lookup, not a scan of 100k. */
  private names: Map<string, number> | null = null;
  /** The asset number holding each (namespace, name), built on the first lookup by name (assetNamed). */
  private numbersByName: Map<string, number> | null = null;

  /** The asset a pipeline names (namespace, name), as OpenLineage does, if this world holds one. */
  assetNamed(namespace: string, name: string): Asset | undefined {
    if (!this.numbersByName) {
      const byName = new Map<string, number>();
      this.state.assets.forEach((asset, index) => {
        if (asset) byName.set(nameKey(asset), index);
      });
      this.numbersByName = byName;
    }
    const index = this.numbersByName.get(nameKey({ namespace, name }));
    return index === undefined ? undefined : (this.state.assets[index] ?? undefined);
  }

  /** Whether an asset has this id. */
  hasAsset(id: string): boolean {
    return this.state.assetIndex.has(id);
  }

  /** The edge between two assets (by id), if this world holds one. */
  edgeBetween(from: string, to: string): Edge | undefined {
    const s = this.state;
    const fromIndex = s.assetIndex.get(from);
    const toIndex = s.assetIndex.get(to);
    if (fromIndex === undefined || toIndex === undefined) return undefined;
    const edge = s.findEdge(fromIndex, toIndex);
    return edge < 0 ? undefined : (s.edges[edge] ?? undefined);
  }

  private renumberName(before: { namespace: string; name: string } | null, after: { namespace: string; name: string } | null, index: number): void {
    if (!this.numbersByName) return;
    if (before && this.numbersByName.get(nameKey(before)) === index) this.numbersByName.delete(nameKey(before));
    if (after) this.numbersByName.set(nameKey(after), index);
  }

  private assetNames(): Map<string, number> {
    if (this.names) return this.names;
    const names = new Map<string, number>();
    for (const asset of this.state.assets) if (asset) countName(names, nameKey(asset), 1);
    return (this.names = names);
  }

  private putAsset(asset: Asset): void {
    const s = this.state;
    const W = s.W;
    if (asset.zone !== null && !s.policy.zoneIndex.has(asset.zone)) throw new Error(`unknown zone "${asset.zone}"`);
    if (asset.purpose !== null) this.requirePurpose(asset.purpose);
    const labels = this.declaredBits(asset);
    const existing = s.assetIndex.get(asset.id);
    const names = this.assetNames();
    if (existing === undefined) {
      if (names.has(nameKey(asset))) throw new Error(`duplicate namespace and name "${asset.namespace}" / "${asset.name}"`);
      const index = s.addAssetRecord(asset);
      countName(names, nameKey(asset), 1);
      this.renumberName(null, asset, index);
      s.effective.set(s.declared.subarray(index * W, index * W + W), index * W);
      if (asset.zone !== null) this.zoneMembers[s.assetZone[index]].add(index);
      this.touched.add(index);
      return;
    }
    const oldZone = s.assetZone[existing];
    const oldPurpose = s.assetPurpose[existing];
    countName(names, nameKey(s.assets[existing]!), -1);
    countName(names, nameKey(asset), 1);
    this.renumberName(s.assets[existing]!, asset, existing);
    s.setAssetAttributes(existing, asset);
    if (oldZone >= 0) this.zoneMembers[oldZone].delete(existing);
    if (s.assetZone[existing] >= 0) this.zoneMembers[s.assetZone[existing]].add(existing);
    const removed = new Uint32Array(W);
    const added = new Uint32Array(W);
    let redeclared = 0;
    for (let i = 0; i < W; i++) {
      const before = s.declared[existing * W + i];
      removed[i] = before & ~labels[i];
      added[i] = labels[i] & ~before;
      redeclared |= removed[i] | added[i];
      s.declared[existing * W + i] = labels[i];
    }
    if (redeclared !== 0) this.recording?.provenanceSeeds.add(existing);
    this.retractLabels(new Map([[existing, removed]]));
    this.insertLabels(new Map([[existing, added]]));
    if (oldZone !== s.assetZone[existing] || oldPurpose !== s.assetPurpose[existing]) {
      this.touched.add(existing);
      const into = s.inEdgesOf(existing);
      for (let k = 0; k < into.length; k++) this.redecideCrossing(into[k]);
    }
  }

  private removeAsset(asset: number): void {
    const s = this.state;
    const W = s.W;
    for (const e of [...Array.from(s.inEdgesOf(asset)), ...Array.from(s.outEdgesOf(asset))]) {
      if (s.edges[e] !== null) this.removeEdge(e); // a self-loop is in both lists
    }
    s.declared.fill(0, asset * W, asset * W + W);
    s.effective.fill(0, asset * W, asset * W + W);
    if (s.assetZone[asset] >= 0) this.zoneMembers[s.assetZone[asset]].delete(asset);
    if (this.names) countName(this.names, nameKey(s.assets[asset]!), -1);
    this.renumberName(s.assets[asset]!, null, asset);
    s.assets[asset] = null;
    s.assetIndex.delete(s.assetIds[asset]);
    s.categoryViolations.delete(asset);
    s.purposeViolations.delete(asset);
    this.touched.delete(asset);
    this.recording?.assets.add(asset);
  }

  private putZone(zone: Zone): void {
    const s = this.state;
    for (const rule of zone.allow) this.requireCategory(rule.category);
    for (const purpose of zone.purposes) this.requirePurpose(purpose);
    const index = s.policy.setZone(zone);
    while (this.zoneMembers.length <= index) this.zoneMembers.push(new Set());
    // the zone's name is in the explanation of every crossing out of it, whose verdict it does not change
    this.recording?.zones.add(index);
    // Its rules decide its assets' violations; its purposes decide which purpose-named paths apply into it.
    for (const member of this.zoneMembers[index]) {
      this.redecideAsset(member);
      const into = s.inEdgesOf(member);
      for (let k = 0; k < into.length; k++) this.redecideCrossing(into[k]);
    }
  }

  private removeZone(id: string): void {
    const s = this.state;
    const index = s.policy.zoneIndex.get(id);
    if (index === undefined) throw new Error(`unknown zone "${id}"`);
    if (this.zoneMembers[index].size > 0) throw new Error(`zone "${id}" still has assets`);
    if (s.policy.paths.some((p) => p !== null && (p.from === index || p.to === index))) {
      throw new Error(`zone "${id}" is still named by a sanctioned path`);
    }
    s.policy.removeZone(id);
  }

  private putPath(path: SanctionedPath): void {
    const s = this.state;
    for (const category of path.categories) this.requireCategory(category);
    if (path.purpose !== null) this.requirePurpose(path.purpose);
    if (path.to === path.from) throw new Error("a sanctioned path must lead out of its zone");
    if (path.reviewer !== null && path.reviewer === path.requester) throw new Error("the reviewer must not be the requester");
    const previous = s.policy.pathIndex.get(path.id);
    const old = previous === undefined ? null : s.policy.paths[previous]!;
    const index = s.policy.setPath(path);
    const now = s.policy.paths[index]!;
    if (old && (old.from !== now.from || old.to !== now.to)) this.refreshCrossingsBetween(old.from, old.to);
    this.refreshCrossingsBetween(now.from, now.to);
  }

  /** Crossings from zone A to zone B (-1: out of all zones): the ones a path between them can change. */
  private refreshCrossingsBetween(from: number, to: number): void {
    const s = this.state;
    for (const member of this.zoneMembers[from]) {
      const out = s.outEdgesOf(member);
      for (let k = 0; k < out.length; k++) if (s.assetZone[s.edgeTo[out[k]]] === to) this.redecideCrossing(out[k]);
    }
  }
}
