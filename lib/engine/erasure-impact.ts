// Erasure impact (issue "Evidence", part 5): for a deletion request on a source
// asset (a user table, a logger), every asset that holds data derived from it.
// An asset is kept when at least one label of the source survives the
// transforms of the edges along some path to it, with the engine's own
// transform semantics (DESIGN 1, compiled in policy.ts: `applyProgram` for a
// set, `mapLabel` for one label), never a second rule set: `aggregate` and
// `pseudonymize` keep a label (its qualifier changes, the data is still
// derived from the person's), `filter_consented` and `drop:<category>` remove
// labels, and an asset a removed label no longer reaches is not listed.
//
// One breadth-first search over (asset, label) states, layer by layer, with the
// labels as the engine's bitsets: every state is reached once, so cycles end,
// and the first layer that reaches an asset gives its shortest path (fewest
// edges; within a layer, assets are expanded in code-point order of their ids,
// so the answer does not depend on the order edges were stored in).
import { compareCodePoints } from "../taxonomy/index.ts";
import type { Label } from "../world/schema.ts";
import type { EngineState } from "./state.ts";

export type ErasureImpactEntry = {
  /** the asset holding derived data */
  asset: string;
  /** edges from the source along `path` */
  distance: number;
  /** asset ids from the source to this asset, both included: one shortest path along which `pathLabel` survives */
  path: string[];
  /** the source's label followed along `path`, and what the transforms made of it on arrival */
  pathLabel: { atSource: Label; onArrival: Label };
  /** every label derived from the source's that reaches the asset (by any path), in the engine's label order */
  labels: Label[];
  /** their categories, sorted by code point, unique */
  categories: string[];
};

export type ErasureImpact = {
  source: string;
  /** the labels followed: the source's effective labels (declared, or reaching it from upstream) */
  sourceLabels: Label[];
  /** every other asset that holds data derived from the source, nearest first, then by id */
  reached: ErasureImpactEntry[];
  /** (asset, label) states visited: the search's work, for benchmarks */
  statesVisited: number;
};

export class UnknownAssetError extends Error {
  constructor(readonly asset: string) {
    super(`unknown asset "${asset}"`);
  }
}

export function erasureImpact(state: EngineState, sourceId: string): ErasureImpact {
  const source = state.assetIndex.get(sourceId);
  if (source === undefined || state.assets[source] === null) throw new UnknownAssetError(sourceId);
  const { policy, W } = state;
  const space = W * 32;
  const { rank } = state.assetRanks();

  // labels from the source found so far at each asset, and the states first reached in each layer
  const reached = new Map<number, Uint32Array>();
  // the state (asset · space + label) each non-seed state was first reached from
  const predecessor = new Map<number, number>();
  // per asset: the layer that first reached it, and the state that did
  const firstState = new Map<number, number>();
  const distance = new Map<number, number>();

  const seed = state.effective.slice(source * W, source * W + W);
  reached.set(source, seed.slice());
  let frontier = new Map<number, Uint32Array>([[source, seed]]);
  let statesVisited = state.labelsIn(seed).length;
  const image = new Uint32Array(W);

  for (let depth = 0; frontier.size > 0; depth++) {
    const next = new Map<number, Uint32Array>();
    const layer = [...frontier.keys()].sort((a, b) => rank[a] - rank[b]);
    for (const x of layer) {
      const bits = frontier.get(x)!;
      const out = state.outEdgesOf(x);
      for (let k = 0; k < out.length; k++) {
        const e = out[k];
        const y = state.edgeTo[e];
        if (state.assets[y] === null) continue;
        const program = state.edgeProgram[e];
        policy.applyProgram(program, bits, 0, image);
        let held = reached.get(y);
        let fresh: Uint32Array | undefined;
        for (let i = 0; i < W; i++) {
          const added = (image[i] & ~(held ? held[i] : 0)) >>> 0;
          if (added === 0) continue;
          if (!held) reached.set(y, (held = new Uint32Array(W)));
          if (!fresh) {
            fresh = next.get(y);
            if (!fresh) next.set(y, (fresh = new Uint32Array(W)));
          }
          held[i] |= added;
          fresh[i] |= added;
          // each new state remembers one state of x that the edge maps onto it
          let word = added;
          while (word !== 0) {
            const bit = 31 - Math.clz32(word & -word);
            word &= word - 1;
            const label = i * 32 + bit;
            const from = originOf(state, program, bits, label);
            predecessor.set(y * space + label, x * space + from);
            statesVisited++;
            if (!firstState.has(y)) {
              firstState.set(y, y * space + label);
              distance.set(y, depth + 1);
            }
          }
        }
      }
    }
    frontier = next;
  }

  const ids = state.assetIds;
  const reachedEntries: ErasureImpactEntry[] = [];
  for (const [asset, first] of firstState) {
    if (asset === source) continue; // data flowing back into the source is erased with it
    const path: number[] = [];
    let stateKey = first;
    for (;;) {
      path.push(Math.floor(stateKey / space));
      const previous = predecessor.get(stateKey);
      if (previous === undefined) break;
      stateKey = previous;
    }
    path.reverse();
    const labels = state.labelsIn(reached.get(asset)!).map((label) => policy.labelOf(label));
    reachedEntries.push({
      asset: ids[asset],
      distance: distance.get(asset)!,
      path: path.map((a) => ids[a]),
      pathLabel: { atSource: policy.labelOf(stateKey % space), onArrival: policy.labelOf(first % space) },
      labels,
      categories: [...new Set(labels.map((label) => label.category))].sort(compareCodePoints),
    });
  }
  reachedEntries.sort((a, b) => a.distance - b.distance || compareCodePoints(a.asset, b.asset));
  return { source: sourceId, sourceLabels: state.labelsIn(seed).map((label) => policy.labelOf(label)), reached: reachedEntries, statesVisited };
}

/** A label of `bits` that the edge's program maps onto `label` (one exists: `label` is in the program's image of `bits`). */
function originOf(state: EngineState, program: number, bits: Uint32Array, label: number): number {
  const base = label & ~7;
  for (let bit = 0; bit < 6; bit++) {
    const candidate = base | bit;
    if (((bits[candidate >> 5] >>> (candidate & 31)) & 1) === 1 && state.policy.mapLabel(program, candidate) === label) return candidate;
  }
  throw new Error("erasure impact: a reached label has no origin (bitsets out of date?)");
}
