// Effective labels (DESIGN 2) of a whole world: the least fixpoint of pushing
// every asset's labels along its out-edges, through the edges' transforms.
// Lineage has cycles, so labels are pushed one strongly connected component at
// a time in topological order: an acyclic part is settled in one pass, and only
// inside a cycle does a sweep repeat until nothing changes. Changes after the
// bulk build are the incremental evaluator's (incremental.ts).
import type { Program } from "./policy.ts";
import type { EngineState } from "./state.ts";

/**
 * Which words of each asset's effective bitset are non-zero (one bit per
 * word): real assets carry a few categories, so most words are empty, and the
 * fixpoint and the violation scan skip them.
 */
function summarize(effective: Uint32Array, n: number, W: number, S: number): Uint32Array {
  const summary = new Uint32Array(n * S);
  for (let a = 0; a < n; a++) {
    const base = a * W;
    for (let i = 0; i < W; i++) if (effective[base + i] !== 0) summary[a * S + (i >> 5)] |= 1 << (i & 31);
  }
  return summary;
}

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

/**
 * Sets every asset's effective labels from its declared ones and the edges of
 * the bulk build; returns the summary of non-zero words for the violation scan.
 */
export function computeFixpoint(state: EngineState): Uint32Array {
  const n = state.assetCount;
  const W = state.W;
  const S = (W + 31) >> 5;
  const effective = state.effective;
  effective.set(state.declared.subarray(0, n * W));
  const summary = summarize(effective, n, W, S);
  // Only the bulk build runs the fixpoint, before any incremental change to the adjacency.
  const { start: outStart, list: outEdges } = state.adjacency.forward(n);
  const { edgeTo, edgeProgram } = state;
  const programs = state.policy.programs;
  const { order, component } = stronglyConnectedComponents(n, outStart, outEdges, edgeTo);
  // Inside a component, assets are swept in reverse postorder, which follows
  // every edge but the back edges: one sweep settles what a pipeline-shaped
  // cycle carries forward, and only what a back edge brings needs another —
  // instead of a FIFO worklist revisiting assets once per step of the pipeline.
  const dirty = new Uint8Array(n);
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
  return summary;
}

/**
 * Iterative Tarjan over n assets and out-edges in compressed sparse rows;
 * `order` lists assets grouped by component, sink components first, and each
 * component's members in reverse postorder.
 */
function stronglyConnectedComponents(n: number, outStart: Int32Array, outEdges: Int32Array, edgeTo: Int32Array): { order: Int32Array; component: Int32Array } {
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
        const w = edgeTo[outEdges[outStart[v] + edgeCursor[v]++]];
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
