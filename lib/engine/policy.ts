// The compiled policy: taxonomy, zones, transforms and sanctioned paths turned
// into integer tables so that the hot loops of the fixpoint and the violation
// scan only do word operations on label bitsets.
//
// Label encoding: every taxonomy category (sorted by code point) owns one byte of
// a bitset; six of its eight bits are the labels (qualifier × consented):
// bit = 2·qualifier + consented, qualifier identified 0 < pseudonymized 1 < aggregated 2.
// Ascending bit order is therefore (category, qualifier, consented) order.
// Transforms other than drop act inside one category's byte, and drop clears
// whole bytes, so an edge's transform list becomes a 64-entry byte table plus a
// mask of kept categories — and drops commute with the others.
import { compareCodePoints, covers, type Taxonomy } from "../taxonomy/index.ts";
import type { Label, Qualifier, SanctionedPath, Zone } from "../world/schema.ts";

export const QUALIFIER_ORDER: readonly Qualifier[] = ["identified", "pseudonymized", "aggregated"];
export const qualifierRank = (q: Qualifier): number => QUALIFIER_ORDER.indexOf(q);

export type Program = {
  identity: boolean;
  /** Image of a category's 6-bit label set. */
  table: Uint8Array;
  /** Image of one label bit (0..5) or -1 when the label is removed. */
  single: Int8Array;
  /** Per word: the bytes (categories) an edge keeps; null when nothing is dropped. */
  keep: Uint32Array | null;
};

export type CompiledPath = {
  path: SanctionedPath;
  from: number;
  to: number; // -1 = out of all zones
  /** Approved and not expired at `at`. */
  active: boolean;
  /** Labels of every category one of the path's categories covers. */
  mask: Uint32Array;
};

export type Allowed = { mask: Uint32Array; paths: number[] };

export function labelBit(qualifier: Qualifier, consented: boolean): number {
  return qualifierRank(qualifier) * 2 + (consented ? 1 : 0);
}

export class Policy {
  readonly categoryKeys: string[];
  readonly categoryIndex = new Map<string, number>();
  /** Words per label bitset (four categories per 32-bit word). */
  readonly W: number;
  readonly purposeKeys: string[];
  readonly purposeIndex = new Map<string, number>();
  readonly at: number;

  zones: (Zone | null)[] = [];
  readonly zoneIndex = new Map<string, number>();
  permitted: Uint32Array[] = [];
  private purposePermittedCache: (Int8Array | null)[] = [];

  readonly programs: Program[] = [];
  private readonly programIndex = new Map<string, number>();

  paths: (CompiledPath | null)[] = [];
  readonly pathIndex = new Map<string, number>();
  private readonly pathsByZonePair = new Map<string, Set<number>>();
  private allowedCache = new Map<number, Allowed>();

  constructor(readonly taxonomy: Taxonomy, at: Date) {
    this.at = at.getTime();
    this.categoryKeys = taxonomy.categoryKeys();
    this.categoryKeys.forEach((key, i) => this.categoryIndex.set(key, i));
    this.W = Math.max(1, Math.ceil(this.categoryKeys.length / 4));
    this.purposeKeys = taxonomy.purposeKeys();
    this.purposeKeys.forEach((key, i) => this.purposeIndex.set(key, i));
    this.programFor([]); // program 0 is the identity
  }

  // ---- labels ----

  labelId(label: Label): number {
    const category = this.categoryIndex.get(label.category);
    if (category === undefined) throw new Error(`unknown category "${label.category}"`);
    return category * 8 + labelBit(label.qualifier, label.consented);
  }

  labelOf(id: number): Label {
    const bit = id & 7;
    return { category: this.categoryKeys[id >> 3], qualifier: QUALIFIER_ORDER[bit >> 1], consented: (bit & 1) === 1 };
  }

  /** Bitset of every label whose category `key` covers. */
  coverMask(keys: Iterable<string>, qualifierAtLeast = 0, consentRequired = false): Uint32Array {
    const mask = new Uint32Array(this.W);
    let byte = 0;
    for (let q = qualifierAtLeast; q < 3; q++) {
      byte |= 1 << (2 * q + 1);
      if (!consentRequired) byte |= 1 << (2 * q);
    }
    for (const key of keys) {
      for (let c = 0; c < this.categoryKeys.length; c++) {
        if (covers(key, this.categoryKeys[c])) mask[c >> 2] |= byte << ((c & 3) * 8);
      }
    }
    return mask;
  }

  // ---- transforms ----

  programFor(transforms: readonly string[]): number {
    const signature = transforms.join("\u0000");
    const existing = this.programIndex.get(signature);
    if (existing !== undefined) return existing;
    const single = new Int8Array(6);
    for (let bit = 0; bit < 6; bit++) {
      let qualifier = bit >> 1;
      const consented = (bit & 1) === 1;
      let kept = true;
      for (const transform of transforms) {
        if (transform === "aggregate") qualifier = 2;
        else if (transform === "pseudonymize") qualifier = qualifier === 0 ? 1 : qualifier;
        else if (transform === "filter_consented") kept &&= consented;
      }
      single[bit] = kept ? qualifier * 2 + (consented ? 1 : 0) : -1;
    }
    const table = new Uint8Array(64);
    for (let set = 0; set < 64; set++) {
      let image = 0;
      for (let bit = 0; bit < 6; bit++) if (set & (1 << bit) && single[bit] >= 0) image |= 1 << single[bit];
      table[set] = image;
    }
    const dropped = transforms.filter((t) => t.startsWith("drop:")).map((t) => t.slice(5));
    let keep: Uint32Array | null = null;
    if (dropped.length > 0) {
      const droppedMask = this.coverMask(dropped);
      keep = new Uint32Array(this.W);
      for (let i = 0; i < this.W; i++) {
        let word = 0;
        for (let b = 0; b < 4; b++) if (((droppedMask[i] >>> (b * 8)) & 0xff) === 0) word |= 0xff << (b * 8);
        keep[i] = word >>> 0;
      }
    }
    let identity = keep === null;
    for (let bit = 0; bit < 6; bit++) identity &&= single[bit] === bit;
    const program: Program = { identity, table, single, keep };
    this.programs.push(program);
    this.programIndex.set(signature, this.programs.length - 1);
    return this.programs.length - 1;
  }

  /** out[outOffset..] = program(source[sourceOffset..]) for one bitset. */
  applyProgram(programId: number, source: Uint32Array, sourceOffset: number, out: Uint32Array): void {
    const program = this.programs[programId];
    const W = this.W;
    if (program.identity) {
      for (let i = 0; i < W; i++) out[i] = source[sourceOffset + i];
      return;
    }
    const table = program.table;
    const keep = program.keep;
    for (let i = 0; i < W; i++) {
      const word = source[sourceOffset + i];
      let image = 0;
      if (word !== 0) {
        image = table[word & 63] | (table[(word >>> 8) & 63] << 8) | (table[(word >>> 16) & 63] << 16) | (table[(word >>> 24) & 63] << 24);
        if (keep !== null) image &= keep[i];
      }
      out[i] = image >>> 0;
    }
  }

  /** The label an edge turns `labelId` into, or -1. */
  mapLabel(programId: number, labelId: number): number {
    const program = this.programs[programId];
    if (program.keep !== null && ((program.keep[labelId >> 5] >>> (labelId & 31)) & 1) === 0) return -1;
    const image = program.single[labelId & 7];
    return image < 0 ? -1 : (labelId & ~7) | image;
  }

  // ---- zones ----

  setZone(zone: Zone): number {
    let index = this.zoneIndex.get(zone.id);
    if (index === undefined) {
      index = this.zones.length;
      this.zoneIndex.set(zone.id, index);
      this.zones.push(zone);
      this.permitted.push(new Uint32Array(this.W));
      this.purposePermittedCache.push(null);
    }
    this.zones[index] = zone;
    const permitted = new Uint32Array(this.W);
    for (const rule of zone.allow) {
      const mask = this.coverMask([rule.category], qualifierRank(rule.minQualifier), rule.requireConsent);
      for (let i = 0; i < this.W; i++) permitted[i] |= mask[i];
    }
    this.permitted[index] = permitted;
    this.purposePermittedCache[index] = null;
    this.allowedCache.clear();
    return index;
  }

  /** Removing a zone leaves a hole so that zone indices stay stable. */
  removeZone(id: string): number {
    const index = this.zoneIndex.get(id);
    if (index === undefined) throw new Error(`unknown zone "${id}"`);
    this.zones[index] = null;
    this.zoneIndex.delete(id);
    this.permitted[index] = new Uint32Array(this.W);
    this.allowedCache.clear();
    return index;
  }

  zoneId(index: number): string {
    return this.zones[index]!.id;
  }

  zoneName(index: number): string {
    return index < 0 ? "outside all zones" : this.zones[index]!.name;
  }

  enforcing(index: number): boolean {
    return this.zones[index]!.mode === "enforcing";
  }

  /** DESIGN 4: purpose P is permitted in Z if some allowed purpose of Z covers P. */
  purposePermitted(zone: number, purpose: number): boolean {
    let cache = this.purposePermittedCache[zone];
    if (!cache) {
      cache = new Int8Array(this.purposeKeys.length).fill(-1);
      this.purposePermittedCache[zone] = cache;
    }
    if (cache[purpose] < 0) {
      const key = this.purposeKeys[purpose];
      cache[purpose] = this.zones[zone]!.purposes.some((allowed) => covers(allowed, key)) ? 1 : 0;
    }
    return cache[purpose] === 1;
  }

  // ---- sanctioned paths ----

  private static pairKey(from: number, to: number): string {
    return `${from}>${to}`;
  }

  setPath(path: SanctionedPath): number {
    const from = this.zoneIndex.get(path.from);
    const to = path.to === null ? -1 : this.zoneIndex.get(path.to);
    if (from === undefined) throw new Error(`unknown zone "${path.from}"`);
    if (to === undefined) throw new Error(`unknown zone "${path.to}"`);
    let index = this.pathIndex.get(path.id);
    if (index === undefined) {
      index = this.paths.length;
      this.pathIndex.set(path.id, index);
      this.paths.push(null);
    } else {
      const old = this.paths[index]!;
      this.pathsByZonePair.get(Policy.pairKey(old.from, old.to))?.delete(index);
    }
    const active = path.status === "approved" && (path.expiresAt === null || Date.parse(path.expiresAt) > this.at);
    this.paths[index] = { path, from, to, active, mask: this.coverMask(path.categories) };
    const key = Policy.pairKey(from, to);
    let bucket = this.pathsByZonePair.get(key);
    if (!bucket) this.pathsByZonePair.set(key, (bucket = new Set()));
    bucket.add(index);
    this.allowedCache.clear();
    return index;
  }

  removePath(id: string): CompiledPath {
    const index = this.pathIndex.get(id);
    if (index === undefined) throw new Error(`unknown sanctioned path "${id}"`);
    const old = this.paths[index]!;
    this.pathsByZonePair.get(Policy.pairKey(old.from, old.to))?.delete(index);
    this.paths[index] = null;
    this.pathIndex.delete(id);
    this.allowedCache.clear();
    return old;
  }

  /**
   * DESIGN 5: does a sanctioned path apply to data leaving `from` for an asset in
   * zone `to` (-1: none) with purpose `purpose` (-1: none)? If the path names a
   * purpose it must cover v's purpose or, when v has none, every purpose of v's
   * zone — which never holds for an unzoned v or a zone without purposes.
   */
  sanctionedPathApplies(path: CompiledPath, from: number, to: number, purpose: number): boolean {
    if (!path.active || path.from !== from || path.to !== to) return false;
    const named = path.path.purpose;
    if (named === null) return true;
    if (purpose >= 0) return covers(named, this.purposeKeys[purpose]);
    if (to < 0) return false;
    const zonePurposes = this.zones[to]!.purposes;
    return zonePurposes.length > 0 && zonePurposes.every((p) => covers(named, p));
  }

  /** The union of what every applicable path allows, and those paths (sorted by id). */
  allowed(from: number, to: number, purpose: number): Allowed {
    // A small-integer key (setZone clears the cache whenever the zone count changes).
    const key = (from * (this.zones.length + 1) + (to + 1)) * (this.purposeKeys.length + 1) + (purpose + 1);
    let allowed = this.allowedCache.get(key);
    if (allowed) return allowed;
    const mask = new Uint32Array(this.W);
    const paths: number[] = [];
    for (const index of this.pathsByZonePair.get(Policy.pairKey(from, to)) ?? []) {
      const path = this.paths[index]!;
      if (!this.sanctionedPathApplies(path, from, to, purpose)) continue;
      paths.push(index);
      for (let i = 0; i < this.W; i++) mask[i] |= path.mask[i];
    }
    paths.sort((a, b) => compareCodePoints(this.paths[a]!.path.id, this.paths[b]!.path.id));
    allowed = { mask, paths };
    this.allowedCache.set(key, allowed);
    return allowed;
  }

  /** Categories (indices, ascending) with at least one label set in `bits`. */
  categoriesOf(bits: Uint32Array, offset = 0): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.W; i++) {
      const word = bits[offset + i];
      if (word === 0) continue;
      for (let b = 0; b < 4; b++) if ((word >>> (b * 8)) & 0xff) out.push(i * 4 + b);
    }
    return out;
  }
}
