// Provenance (DESIGN 3): one shortest path (fewest edges; ties broken by the
// paths' asset ids in order) from an asset that declares the label an
// effective label derives from. Two ways to find it, which must agree
// (properties.test.ts): `searchProvenance` answers one (asset, label) state with
// a backward search, for the few a reviewer looks at; `provenancePaths` answers
// many states at once, for explaining every violation of a large world, with
// one forward breadth-first search per category.
//
// Transforms never move a label to another category (policy.ts), so the
// (asset, label) graph splits into one small graph per category with six
// states per asset. Breadth-first layers give the fewest edges; for the tie
// break (smallest sequence of asset ids) every state of layer k gets the rank
// of its path among layer k's paths: all paths of a layer have the same length
// and end at their own asset, so a path's order is (rank of its best
// predecessor's path, rank of its asset id) — a numeric sort per layer, never
// a comparison of paths. Equal ranks mean equal paths.
import { compareCodePoints } from "../taxonomy/index.ts";
import type { EngineState } from "./state.ts";

/**
 * Provenance paths of many queries, flat: query i's path is
 * `nodes[start[i] .. start[i] + length[i]]`, asset numbers, origin first. Flat
 * typed arrays rather than one array per query, so that a million paths cost
 * a few bytes each and no garbage collection.
 */
export type ProvenancePaths = { start: Int32Array; length: Int32Array; nodes: Int32Array };

/**
 * For each query (assets[i], labels[i]), which must be an effective label of
 * the asset, the asset numbers of its provenance path, origin first.
 */
export function provenancePaths(state: EngineState, assets: Int32Array, labels: Int32Array): ProvenancePaths {
  const q = assets.length;
  const pathStart = new Int32Array(q);
  const pathLength = new Int32Array(q);
  // Paths are written category by category, so query i's path lands wherever its category's turn put it.
  let nodes = new Int32Array(Math.max(16, q * 4));
  let used = 0;
  if (q === 0) return { start: pathStart, length: pathLength, nodes };
  const n = state.assetCount;
  const W = state.W;
  const policy = state.policy;
  const programs = policy.programs;
  const { edgeTo, edgeProgram, declared } = state;
  const { rank: assetRank, byRank } = state.assetRanks();
  const { start, list } = state.adjacency.forward(n);
  const backward = state.adjacency.backward(n);
  const { edgeFrom, effective } = state;

  // Queries grouped by category.
  const categoryCount = policy.categoryKeys.length;
  const perCategory = new Int32Array(categoryCount + 1);
  for (let i = 0; i < q; i++) perCategory[(labels[i] >> 3) + 1]++;
  for (let c = 0; c < categoryCount; c++) perCategory[c + 1] += perCategory[c];
  const byCategory = new Int32Array(q);
  const fill = perCategory.slice(0, categoryCount);
  for (let i = 0; i < q; i++) byCategory[fill[labels[i] >> 3]++] = i;

  // Declaring assets of each queried category, in one pass over the declared bitsets.
  const declaring: number[][] = new Array(categoryCount);
  for (let c = 0; c < categoryCount; c++) if (perCategory[c + 1] > perCategory[c]) declaring[c] = [];
  for (let a = 0; a < n; a++) {
    for (let i = 0; i < W; i++) {
      const word = declared[a * W + i];
      if (word === 0) continue;
      for (let b = 0; b < 4; b++) {
        const c = i * 4 + b;
        if (((word >>> (b * 8)) & 0x3f) !== 0 && declaring[c] !== undefined) declaring[c].push(a);
      }
    }
  }

  // Each program's label image as one flat table (-1: removed), and per category
  // whether a program keeps it, so that the inner loop reads no objects.
  const singles = new Int8Array(programs.length * 6);
  programs.forEach((program, p) => singles.set(program.single, p * 6));
  const kept = new Uint8Array(programs.length);

  const states = n * 6;
  const distance = new Int32Array(states).fill(-1);
  const predecessor = new Int32Array(states);
  const bestRank = new Float64Array(states); // rank of the best predecessor's path
  const pathRank = new Float64Array(states); // rank of the state's own path in its layer
  const wanted = new Uint8Array(states);
  const touched: number[] = [];
  // Only ancestors of a queried asset can lie on its path: `relevant[a] === c + 1`
  // marks them for category c, so the search does not wander down other branches.
  const relevant = new Int32Array(n);
  const stack = new Int32Array(n);

  for (let c = 0; c < categoryCount; c++) {
    const from = perCategory[c];
    const to = perCategory[c + 1];
    if (from === to) continue;
    let pending = 0;
    for (let k = from; k < to; k++) {
      const i = byCategory[k];
      const s = assets[i] * 6 + (labels[i] & 7);
      if (wanted[s] === 0) {
        wanted[s] = 1;
        pending++;
      }
    }
    let layer: number[] = [];
    const word = c >> 2;
    const shift = (c & 3) * 8;
    for (const a of declaring[c]) {
      const byte = (declared[a * W + word] >>> shift) & 0x3f;
      for (let bit = 0; bit < 6; bit++) {
        if ((byte & (1 << bit)) === 0) continue;
        const s = a * 6 + bit;
        distance[s] = 0;
        predecessor[s] = -1;
        pathRank[s] = assetRank[a];
        touched.push(s);
        layer.push(s);
        if (wanted[s] === 1) pending--;
      }
    }
    for (let p = 0; p < programs.length; p++) {
      const keep = programs[p].keep;
      kept[p] = keep === null || ((keep[word] >>> shift) & 0xff) !== 0 ? 1 : 0;
    }
    const stamp = c + 1;
    let top = 0;
    for (let k = from; k < to; k++) {
      const a = assets[byCategory[k]];
      if (relevant[a] !== stamp) {
        relevant[a] = stamp;
        stack[top++] = a;
      }
    }
    while (top > 0) {
      const y = stack[--top];
      for (let j = backward.start[y], end = backward.start[y + 1]; j < end; j++) {
        const e = backward.list[j];
        const x = edgeFrom[e];
        if (relevant[x] === stamp || kept[edgeProgram[e]] === 0 || ((effective[x * W + word] >>> shift) & 0x3f) === 0) continue;
        relevant[x] = stamp;
        stack[top++] = x;
      }
    }
    let depth = 0;
    while (pending > 0 && layer.length > 0) {
      const next: number[] = [];
      pending = expandLayer(layer, next, depth, pending, start, list, edgeTo, edgeProgram, singles, kept, relevant, stamp, distance, predecessor, bestRank, pathRank, wanted, touched);
      depth++;
      if (pending === 0 || next.length === 0) break;
      // Rank the new layer's paths: (best predecessor's rank, own asset's rank), label bit last.
      const keys = new Float64Array(next.length);
      for (let k = 0; k < next.length; k++) {
        const t = next[k];
        const y = (t / 6) | 0;
        keys[k] = (bestRank[t] * n + assetRank[y]) * 8 + (t - y * 6);
      }
      keys.sort();
      let dense = -1;
      let previous = -1;
      for (let k = 0; k < keys.length; k++) {
        const path = Math.floor(keys[k] / 8);
        if (path !== previous) {
          dense++;
          previous = path;
        }
        const t = byRank[path % n] * 6 + (keys[k] - path * 8);
        next[k] = t;
        pathRank[t] = dense;
      }
      layer = next;
    }
    for (let k = from; k < to; k++) {
      const i = byCategory[k];
      let s = assets[i] * 6 + (labels[i] & 7);
      if (distance[s] < 0) throw new Error("provenance: a queried label is not effective (labels out of date?)");
      const length = distance[s] + 1;
      if (used + length > nodes.length) {
        const grown = new Int32Array(Math.max(used + length, nodes.length * 2));
        grown.set(nodes.subarray(0, used));
        nodes = grown;
      }
      pathStart[i] = used;
      pathLength[i] = length;
      for (let p = used + length - 1; p >= used; p--) {
        nodes[p] = (s / 6) | 0;
        s = predecessor[s];
      }
      used += length;
    }
    for (const s of touched) distance[s] = -1;
    touched.length = 0;
    for (let k = from; k < to; k++) {
      const i = byCategory[k];
      wanted[assets[i] * 6 + (labels[i] & 7)] = 0;
    }
  }
  return { start: pathStart, length: pathLength, nodes };
}

/**
 * Every state one edge away from layer `depth` that no earlier layer holds joins
 * the next layer, keeping its best (smallest-ranked) predecessor; returns how
 * many wanted states are still unreached. A function of its own so that the JIT
 * optimises it after a few calls.
 */
function expandLayer(
  layer: number[],
  next: number[],
  depth: number,
  pending: number,
  start: Int32Array,
  list: Int32Array,
  edgeTo: Int32Array,
  edgeProgram: Int32Array,
  singles: Int8Array,
  kept: Uint8Array,
  relevant: Int32Array,
  stamp: number,
  distance: Int32Array,
  predecessor: Int32Array,
  bestRank: Float64Array,
  pathRank: Float64Array,
  wanted: Uint8Array,
  touched: number[],
): number {
  for (let k = 0; k < layer.length; k++) {
    const s = layer[k];
    const x = (s / 6) | 0;
    const bit = s - x * 6;
    const rank = pathRank[s];
    for (let j = start[x], end = start[x + 1]; j < end; j++) {
      const e = list[j];
      const program = edgeProgram[e];
      if (kept[program] === 0) continue;
      const image = singles[program * 6 + bit];
      if (image < 0) continue;
      const y = edgeTo[e];
      if (relevant[y] !== stamp) continue;
      const t = y * 6 + image;
      const d = distance[t];
      if (d === -1) {
        distance[t] = depth + 1;
        predecessor[t] = s;
        bestRank[t] = rank;
        touched.push(t);
        next.push(t);
        if (wanted[t] === 1) pending--;
      } else if (d === depth + 1 && rank < bestRank[t]) {
        predecessor[t] = s;
        bestRank[t] = rank;
      }
    }
  }
  return pending;
}

export type Provenance = { path: number[]; originLabel: number };

/**
 * One state's provenance: a backward breadth-first search over (asset, label)
 * states finds the distance d of the nearest declaring asset, then a forward
 * walk from the smallest such source keeps, at each step, only the smallest
 * next asset among the states still on a shortest path to the target.
 */
export function searchProvenance(state: EngineState, target: number, targetLabel: number): Provenance {
  const space = state.W * 32;
  const key = (asset: number, label: number) => asset * space + label;
  const distance = new Map<number, number>([[key(target, targetLabel), 0]]);
  let layer: number[] = [target, targetLabel];
  let depth = 0;
  const sources: number[] = state.hasDeclared(target, targetLabel) ? [target, targetLabel] : [];
  while (sources.length === 0) {
    const next: number[] = [];
    depth++;
    for (let k = 0; k < layer.length; k += 2) {
      const x = layer[k];
      const label = layer[k + 1];
      const into = state.inEdgesOf(x);
      for (let j = 0; j < into.length; j++) {
        const e = into[j];
        const w = state.edgeFrom[e];
        const program = state.edgeProgram[e];
        // Every label of w's category that the edge maps onto `label`.
        const base = label & ~7;
        for (let bit = 0; bit < 6; bit++) {
          const candidate = base | bit;
          if (!state.hasEffective(w, candidate) || state.policy.mapLabel(program, candidate) !== label) continue;
          const k2 = key(w, candidate);
          if (distance.has(k2)) continue;
          distance.set(k2, depth);
          next.push(w, candidate);
          if (state.hasDeclared(w, candidate)) sources.push(w, candidate);
        }
      }
    }
    if (next.length === 0) throw new Error("provenance search found no declaring asset (labels out of date?)");
    layer = next;
  }
  // The smallest source asset; all its declared states at that distance stay candidates.
  let best = sources[0];
  for (let k = 2; k < sources.length; k += 2) if (compareCodePoints(state.assetIds[sources[k]], state.assetIds[best]) < 0) best = sources[k];
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
      const out = state.outEdgesOf(x);
      for (let j = 0; j < out.length; j++) {
        const e = out[j];
        const y = state.edgeTo[e];
        const mapped = state.policy.mapLabel(state.edgeProgram[e], label);
        if (mapped < 0 || distance.get(key(y, mapped)) !== remaining - 1) continue;
        const order = nextAsset < 0 ? -1 : compareCodePoints(state.assetIds[y], state.assetIds[nextAsset]);
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
