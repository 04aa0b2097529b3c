// The one cached engine state of this process, per world version. Every
// request reads the world version (one index lookup); when another process
// (or this one) has written, the state catches up by replaying the logged
// changes through the engine's IncrementalEvaluator, and reloads the world
// only when the changes were not described or the log no longer reaches back.
// Stateless app replicas on one Postgres therefore never answer with a stale
// verdict, and a small write costs milliseconds instead of a reload.
import { dryRun, type DryRun } from "@/lib/engine/dry-run";
import type { Evaluation, Violation } from "@/lib/engine/evaluate";
import { emptyChangeRecord, IncrementalEvaluator, type ChangeRecord, type ParsedWorldChange, type TrialChange, type WorldChange } from "@/lib/engine/incremental";
import { verdictsValidUntil } from "@/lib/engine/validity";
import type { SanctionedPath, World } from "@/lib/world/schema";
import { prisma } from "../db";
import { loadWorld } from "./load-world";
import { changesSince, readWorldVersion } from "./world-version";

export interface WorldState {
  /** The world version this state reflects. */
  readonly version: number;
  /** Changes whenever the state does (a new version, or a re-evaluation at a later instant). */
  readonly key: string;
  readonly evaluation: Evaluation;
  /** The world as the engine holds it (built on first use per version). */
  world(): World;
  /** How this state was reached: a full load or a replay of logged changes. */
  readonly reachedBy: "load" | "replay";
  /** What a path or zone change would resolve and open, tried on this state and undone before returning. */
  dryRun(change: TrialChange): DryRun;
  /** The last evaluation run stored from this state (server/evaluations/run-evaluation.ts), if any. */
  readonly storedRun: { id: number; version: number } | null;
  /** Notes that run `id` stored this state's verdicts as of `version`. */
  noteStoredRun(id: number, version: number): void;
  /**
   * The subjects whose stored violations the versions after `version` can
   * have altered, with their violations now; null when this state cannot tell
   * (it was loaded after that version, or has forgotten that far back).
   */
  changedSince(version: number, chunkSize?: number): ChangedSubjects | null;
}

/** See IncrementalEvaluator.changedSince: `violations` are explained chunk by chunk, and only while the state stays at this version. */
export type ChangedSubjects = { assets: string[]; edges: { from: string; to: string }[]; violations: Iterable<Violation[]> };

/** Replays remembered for incremental evaluation runs; beyond this, the oldest are forgotten (the next run is a full one). */
const MAX_REMEMBERED_REPLAYS = 2_000;

class CachedWorld implements WorldState {
  reachedBy: "load" | "replay" = "load";
  private materialised: { key: string; world: World } | null = null;
  private readonly paths = new Map<string, Pick<SanctionedPath, "status" | "expiresAt">>();
  /** Verdicts hold until this instant (ms); then the world is evaluated again at a later `at`. */
  validUntil = Infinity;
  storedRun: { id: number; version: number } | null = null;
  /** What each replay since `rememberedFrom` altered, oldest first (contiguous versions). */
  private replays: { from: number; to: number; record: ChangeRecord }[] = [];
  private rememberedFrom: number;

  constructor(
    public version: number,
    private readonly evaluator: IncrementalEvaluator,
    world: World,
    readonly at: Date,
  ) {
    for (const path of world.sanctionedPaths) this.paths.set(path.id, path);
    this.rememberedFrom = version;
    this.materialised = { key: this.key, world };
    this.refreshValidity();
  }

  get key(): string {
    return `${this.version}@${this.at.getTime()}`;
  }

  get evaluation(): Evaluation {
    return this.evaluator.evaluation;
  }

  world(): World {
    if (this.materialised?.key !== this.key) this.materialised = { key: this.key, world: this.evaluator.world() };
    return this.materialised.world;
  }

  dryRun(change: TrialChange): DryRun {
    return dryRun(this.evaluator, change);
  }

  get lookup(): WorldLookup {
    return this.evaluator;
  }

  noteStoredRun(id: number, version: number): void {
    if (this.storedRun && this.storedRun.id > id) return; // a later run's note came first
    this.storedRun = { id, version };
    // what happened up to the stored version is in the stored verdicts now
    this.replays = this.replays.filter((replay) => replay.from >= version);
    this.rememberedFrom = Math.max(this.rememberedFrom, version);
  }

  changedSince(version: number, chunkSize?: number): ChangedSubjects | null {
    if (version < this.rememberedFrom || version > this.version) return null;
    const merged = emptyChangeRecord();
    let reached = this.version;
    for (let i = this.replays.length - 1; i >= 0 && reached > version; i--) {
      const { from, to, record } = this.replays[i];
      if (to !== reached) return null;
      for (const asset of record.assets) merged.assets.add(asset);
      for (const edge of record.edges) merged.edges.add(edge);
      for (const seed of record.provenanceSeeds) merged.provenanceSeeds.add(seed);
      for (const zone of record.zones) merged.zones.add(zone);
      reached = from;
    }
    if (reached !== version) return null; // `version` falls inside one replay
    return this.evaluator.changedSince(merged, chunkSize);
  }

  /** `parsed`: the changes are ParsedWorldChanges (this process's own), applied without parsing again. */
  replay(version: number, changes: WorldChange[], parsed = false): void {
    const record = emptyChangeRecord();
    this.evaluator.recordChanges(record);
    // only a path's status or expiry moves the instant verdicts hold until: lineage replays skip the scan of every path
    let pathsChanged = false;
    try {
      for (const change of changes) {
        if (parsed) this.evaluator.applyParsed(change as ParsedWorldChange);
        else this.evaluator.apply(change);
        if (change.kind === "putSanctionedPath") {
          this.paths.set(change.path.id, { status: change.path.status ?? "pending", expiresAt: change.path.expiresAt ?? null });
          pathsChanged = true;
        } else if (change.kind === "removeSanctionedPath") {
          this.paths.delete(change.id);
          pathsChanged = true;
        }
      }
    } finally {
      this.evaluator.recordChanges(null);
    }
    this.replays.push({ from: this.version, to: version, record });
    if (this.replays.length > MAX_REMEMBERED_REPLAYS) {
      this.replays = this.replays.slice(-MAX_REMEMBERED_REPLAYS / 2);
      this.rememberedFrom = this.replays[0].from;
    }
    this.version = version;
    this.reachedBy = "replay";
    if (pathsChanged) this.refreshValidity();
  }

  private refreshValidity(): void {
    this.validUntil = verdictsValidUntil(this.paths.values(), this.at)?.getTime() ?? Infinity;
  }
}

const memo = globalThis as unknown as { zonelineWorldState?: CachedWorld; zonelineWorldStateQueue?: Promise<unknown>; zonelineWorldStateBusy?: number };

/**
 * The world and its evaluation as of the latest committed version. One load
 * or catch-up runs at a time per process; concurrent requests share it.
 */
export async function currentWorldState(): Promise<WorldState> {
  const version = await readWorldVersion();
  const cached = memo.zonelineWorldState;
  if (cached && cached.version === version && Date.now() < cached.validUntil) return cached;
  return serialised(() => catchUp(version));
}

/**
 * Runs `work` on the current state while no catch-up can change it (catch-ups
 * queue behind it), so that work which yields to the event loop part way — a
 * full evaluation run explaining a 100k world in chunks — reads one version
 * throughout while other requests keep being served. Dry runs may still try a
 * change on the state meanwhile: they undo it before they return.
 */
export async function withWorldStateHeld<T>(work: (state: WorldState) => Promise<T>): Promise<T> {
  const version = await readWorldVersion();
  return serialised(async () => work(await catchUp(version)));
}

/** The version this process holds in memory, without reading the database (health, tests). */
export function cachedWorldVersion(): number | null {
  return memo.zonelineWorldState?.version ?? null;
}

/** Lookups by name and by edge ends in the cached world (IncrementalEvaluator). */
export type WorldLookup = Pick<IncrementalEvaluator, "assetNamed" | "edgeBetween" | "hasAsset">;

/**
 * A writer of this process committed `changes` as `lock.version` on top of
 * `lock.base`: the cached state replays them from memory when it is at the
 * base (at once when no catch-up or held work is under way, else in turn with
 * them), instead of reading them back from the log when the notice arrives.
 */
export function noteOwnWorldChange(lock: { base: number; version: number }, changes: ParsedWorldChange[]): void {
  const replayOwn = () => {
    const cached = memo.zonelineWorldState;
    if (!cached || cached.version !== lock.base || Date.now() >= cached.validUntil) return;
    try {
      cached.replay(lock.version, changes, true);
    } catch (error) {
      console.error(`[zoneline] replaying this process's own world version ${lock.version} failed; reloading the world`, error);
      memo.zonelineWorldState = undefined;
    }
  };
  if ((memo.zonelineWorldStateBusy ?? 0) === 0) replayOwn();
  else void serialised(async () => replayOwn());
}

/** The cached world's version and lookups, as they are now (null: none is cached). */
export function cachedWorld(): { version: number; lookup: WorldLookup } | null {
  const cached = memo.zonelineWorldState;
  return cached ? { version: cached.version, lookup: cached.lookup } : null;
}

/** Forgets the cached state (tests; a process that knows its state is broken). */
export function resetWorldState(): void {
  memo.zonelineWorldState = undefined;
}

function serialised<T>(work: () => Promise<T>): Promise<T> {
  // how many queued or running works: none means nothing can be part way through changing or reading the state
  memo.zonelineWorldStateBusy = (memo.zonelineWorldStateBusy ?? 0) + 1;
  const run = (memo.zonelineWorldStateQueue ?? Promise.resolve()).then(work, work);
  memo.zonelineWorldStateQueue = run.catch(() => {}).finally(() => {
    memo.zonelineWorldStateBusy! -= 1;
  });
  return run;
}

async function catchUp(target: number): Promise<CachedWorld> {
  const cached = memo.zonelineWorldState;
  const now = Date.now();
  if (cached && cached.version >= target && now < cached.validUntil) return cached; // a queued catch-up got here first
  if (cached && cached.version < target && now < cached.validUntil) {
    const changes = await changesSince(cached.version, target);
    if (changes) {
      try {
        cached.replay(target, changes);
        if (Date.now() < cached.validUntil) return cached;
      } catch (error) {
        // the log and the state disagree: never answer from a state that may be half-changed
        console.error(`[zoneline] replaying world versions ${cached.version + 1}..${target} failed; reloading the world`, error);
      }
    }
  }
  memo.zonelineWorldState = undefined;
  const fresh = await loadCurrentWorld();
  memo.zonelineWorldState = fresh;
  return fresh;
}

/**
 * Reads the world without holding a transaction open (on the embedded
 * database a transaction blocks every other connection): the version before
 * and after the reads; equal versions mean no write committed in between.
 */
export async function readConsistentWorld(): Promise<{ version: number; world: World }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await readWorldVersion();
    const world = await loadWorld();
    if ((await readWorldVersion()) === before) return { version: before, world };
  }
  // writes keep landing: read one snapshot instead
  return prisma().$transaction(async (tx) => ({ version: await readWorldVersion(tx), world: await loadWorld(tx) }), {
    isolationLevel: "RepeatableRead",
    timeout: 10 * 60_000,
    maxWait: 60_000,
  });
}

async function loadCurrentWorld(): Promise<CachedWorld> {
  const { version, world } = await readConsistentWorld();
  const at = new Date();
  return new CachedWorld(version, new IncrementalEvaluator(world, { at }), world, at);
}
