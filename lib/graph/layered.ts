// A cheap deterministic layered (Sugiyama-style) layout, left to right:
// longest-path layering, sources pulled next to their consumers, barycentric
// ordering sweeps, then y placement that aligns a node with its predecessors.
// elkjs gives nicer pictures for small graphs but takes seconds to minutes on
// thousands of nodes (see the measurements), so large zones and large
// zone-level graphs use this instead. Same input → same output.

export interface LayeredNode {
  id: string;
  w: number;
  h: number;
}
export interface LayeredOptions {
  layerGap: number;
  nodeGap: number;
  sweeps?: number;
}
export interface LayeredResult {
  positions: Record<string, { x: number; y: number }>;
  width: number;
  height: number;
}

export function layeredLayout(
  nodes: LayeredNode[],
  edges: ReadonlyArray<readonly [string, string]>,
  options: LayeredOptions,
): LayeredResult {
  const sorted = [...nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = sorted.length;
  if (n === 0) return { positions: {}, width: 0, height: 0 };
  const index = new Map<string, number>();
  sorted.forEach((node, i) => index.set(node.id, i));

  const succ: number[][] = Array.from({ length: n }, () => []);
  const pred: number[][] = Array.from({ length: n }, () => []);
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  for (const [from, to] of edges) {
    const u = index.get(from);
    const v = index.get(to);
    if (u === undefined || v === undefined || u === v) continue;
    const key = `${u},${v}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push([u, v]);
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [u, v] of pairs) succ[u].push(v);

  // Break cycles: iterative DFS in id order; edges to a node on the stack are back edges.
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const dfsOrder: number[] = [];
  const dag: number[][] = Array.from({ length: n }, () => []);
  for (let root = 0; root < n; root++) {
    if (state[root]) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    dfsOrder.push(root);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [u, i] = top;
      if (i < succ[u].length) {
        top[1]++;
        const v = succ[u][i];
        if (state[v] === 1) continue; // back edge: ignored for layering
        dag[u].push(v);
        if (state[v] === 0) {
          state[v] = 1;
          dfsOrder.push(v);
          stack.push([v, 0]);
        }
      } else {
        state[u] = 2;
        stack.pop();
      }
    }
  }
  for (let u = 0; u < n; u++) for (const v of dag[u]) pred[v].push(u);

  // Longest-path layering in topological order (Kahn, deterministic by index).
  const indeg = new Int32Array(n);
  for (let u = 0; u < n; u++) for (const v of dag[u]) indeg[v]++;
  const layer = new Int32Array(n);
  const queue: number[] = [];
  for (let u = 0; u < n; u++) if (indeg[u] === 0) queue.push(u);
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head];
    for (const v of dag[u]) {
      if (layer[u] + 1 > layer[v]) layer[v] = layer[u] + 1;
      if (--indeg[v] === 0) queue.push(v);
    }
  }
  // Shorten edges (a cheap stand-in for elk's network simplex): long edges make a busy, slow
  // drawing. Each node moves, within what its neighbours allow, to the median layer of its
  // neighbours; sources end up beside their consumers, sinks beside their producers.
  for (let pass = 0; pass < 3; pass++) {
    for (const u of pass % 2 === 0 ? queue : [...queue].reverse()) {
      let lo = 0;
      for (const p of pred[u]) lo = Math.max(lo, layer[p] + 1);
      let hi = Infinity;
      for (const v of dag[u]) hi = Math.min(hi, layer[v] - 1);
      const wanted: number[] = [];
      for (const p of pred[u]) wanted.push(layer[p] + 1);
      for (const v of dag[u]) wanted.push(layer[v] - 1);
      if (!wanted.length) continue;
      wanted.sort((a, b) => a - b);
      const median = wanted[(wanted.length - 1) >> 1];
      const next = Math.min(hi, Math.max(lo, median));
      if (Number.isFinite(next)) layer[u] = next;
    }
  }

  let layerCount = 0;
  for (let u = 0; u < n; u++) layerCount = Math.max(layerCount, layer[u] + 1);
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (const u of dfsOrder) layers[layer[u]].push(u); // DFS order keeps chains together

  // Barycentric ordering sweeps (neighbours in any layer, normalised positions).
  const pos = new Float64Array(n);
  const assign = () => {
    for (const l of layers) l.forEach((u, i) => (pos[u] = l.length > 1 ? i / (l.length - 1) : 0.5));
  };
  assign();
  const sweeps = options.sweeps ?? 4;
  const bary = new Float64Array(n);
  for (let s = 0; s < sweeps; s++) {
    const down = s % 2 === 0;
    const order = down ? layers : [...layers].reverse();
    for (const l of order) {
      for (const u of l) {
        const nb = down ? pred[u] : dag[u];
        if (nb.length === 0) {
          bary[u] = pos[u];
          continue;
        }
        let sum = 0;
        for (const v of nb) sum += pos[v];
        bary[u] = sum / nb.length;
      }
      l.sort((a, b) => bary[a] - bary[b] || pos[a] - pos[b] || a - b);
      l.forEach((u, i) => (pos[u] = l.length > 1 ? i / (l.length - 1) : 0.5));
    }
  }

  // Coordinates: x by layer; y aligned with predecessors, then de-overlapped in order.
  const layerX: number[] = [];
  let x = 0;
  for (const l of layers) {
    layerX.push(x);
    let maxW = 0;
    for (const u of l) maxW = Math.max(maxW, sorted[u].w);
    x += maxW + options.layerGap;
  }
  // y: each layer stacked in its order and centred on the tallest layer; then each node is
  // nudged toward its predecessors' centre within the slack its neighbours leave, which
  // straightens chains without letting layers drift apart.
  const y = new Float64Array(n);
  const layerH = layers.map((l) => l.reduce((s, u) => s + sorted[u].h, 0) + Math.max(0, l.length - 1) * options.nodeGap);
  const maxH = Math.max(...layerH);
  layers.forEach((l, li) => {
    let cursor = (maxH - layerH[li]) / 2;
    for (const u of l) {
      y[u] = cursor;
      cursor += sorted[u].h + options.nodeGap;
    }
  });
  for (const l of layers) {
    for (let i = 0; i < l.length; i++) {
      const u = l[i];
      if (pred[u].length === 0) continue;
      let sum = 0;
      for (const v of pred[u]) sum += y[v] + sorted[v].h / 2;
      const desired = sum / pred[u].length - sorted[u].h / 2;
      const lo = i > 0 ? y[l[i - 1]] + sorted[l[i - 1]].h + options.nodeGap : 0;
      const hi = i < l.length - 1 ? y[l[i + 1]] - sorted[u].h - options.nodeGap : maxH - sorted[u].h;
      if (hi >= lo) y[u] = Math.min(hi, Math.max(lo, desired));
    }
  }
  let minY = Infinity;
  let maxY = -Infinity;
  for (let u = 0; u < n; u++) {
    minY = Math.min(minY, y[u]);
    maxY = Math.max(maxY, y[u] + sorted[u].h);
  }
  const positions: Record<string, { x: number; y: number }> = {};
  let width = 0;
  for (let u = 0; u < n; u++) {
    const px = layerX[layer[u]];
    positions[sorted[u].id] = { x: px, y: y[u] - minY };
    width = Math.max(width, px + sorted[u].w);
  }
  return { positions, width, height: maxY - minY };
}
