// Which edges leave and enter each asset. The bulk build lays out-edges in
// compressed sparse rows (two integer arrays for a million edges); the in-edges'
// rows are built only when first asked for (incremental changes, provenance
// searches), since the full evaluation never needs them. An incremental change
// copies the touched asset's row into a plain list and edits that.
const NO_EDGES: number[] = [];

/** The edge tables adjacency is built over (EngineState's): edge e goes from edgeFrom[e] to edgeTo[e]. */
export type EdgeEnds = { readonly edgeFrom: Int32Array; readonly edgeTo: Int32Array };

export type Rows = { start: Int32Array; list: Int32Array };

export class Adjacency {
  private readonly outStart: Int32Array;
  private readonly outEdges: Int32Array;
  private inStart = new Int32Array(1);
  private inEdges = new Int32Array(0);
  private inBuilt = false;
  private readonly outOverride = new Map<number, number[]>();
  private readonly inOverride = new Map<number, number[]>();

  /** Rows for the first `csrAssets` assets and `csrEdges` edges of `ends`; later ones live in the overrides. */
  constructor(
    private readonly ends: EdgeEnds,
    private readonly csrAssets: number,
    private readonly csrEdges: number,
  ) {
    const n = csrAssets;
    const m = csrEdges;
    const edgeFrom = ends.edgeFrom;
    const outStart = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) outStart[edgeFrom[e] + 1]++;
    for (let i = 0; i < n; i++) outStart[i + 1] += outStart[i];
    const outEdges = new Int32Array(m);
    const outFill = outStart.slice(0, n);
    for (let e = 0; e < m; e++) outEdges[outFill[edgeFrom[e]]++] = e;
    this.outStart = outStart;
    this.outEdges = outEdges;
  }

  private buildInRows(): void {
    const n = this.csrAssets;
    const m = this.csrEdges;
    const edgeTo = this.ends.edgeTo;
    const inStart = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) inStart[edgeTo[e] + 1]++;
    for (let i = 0; i < n; i++) inStart[i + 1] += inStart[i];
    const inEdges = new Int32Array(m);
    const inFill = inStart.slice(0, n);
    for (let e = 0; e < m; e++) inEdges[inFill[edgeTo[e]]++] = e;
    this.inStart = inStart;
    this.inEdges = inEdges;
    this.inBuilt = true;
  }

  outOf(asset: number): ArrayLike<number> {
    const override = this.outOverride.get(asset);
    if (override) return override;
    if (asset >= this.csrAssets) return NO_EDGES;
    return this.outEdges.subarray(this.outStart[asset], this.outStart[asset + 1]);
  }

  inOf(asset: number): ArrayLike<number> {
    const override = this.inOverride.get(asset);
    if (override) return override;
    if (asset >= this.csrAssets) return NO_EDGES;
    if (!this.inBuilt) this.buildInRows();
    return this.inEdges.subarray(this.inStart[asset], this.inStart[asset + 1]);
  }

  private mutableList(map: Map<number, number[]>, asset: number, current: ArrayLike<number>): number[] {
    let list = map.get(asset);
    if (!list) map.set(asset, (list = Array.from(current)));
    return list;
  }

  link(edge: number): void {
    const from = this.ends.edgeFrom[edge];
    const to = this.ends.edgeTo[edge];
    this.mutableList(this.outOverride, from, this.outOf(from)).push(edge);
    this.mutableList(this.inOverride, to, this.inOf(to)).push(edge);
  }

  unlink(edge: number): void {
    const from = this.ends.edgeFrom[edge];
    const to = this.ends.edgeTo[edge];
    const out = this.mutableList(this.outOverride, from, this.outOf(from));
    out.splice(out.indexOf(edge), 1);
    const into = this.mutableList(this.inOverride, to, this.inOf(to));
    into.splice(into.indexOf(edge), 1);
  }

  /** Out-edges of assets 0..n-1 as compressed sparse rows, including incremental changes. */
  forward(n: number): Rows {
    if (this.outOverride.size === 0 && this.csrAssets === n) return { start: this.outStart, list: this.outEdges };
    return this.rows(n, (a) => this.outOf(a));
  }

  /** In-edges of assets 0..n-1 as compressed sparse rows, including incremental changes. */
  backward(n: number): Rows {
    if (this.inOverride.size === 0 && this.csrAssets === n) {
      if (!this.inBuilt) this.buildInRows();
      return { start: this.inStart, list: this.inEdges };
    }
    return this.rows(n, (a) => this.inOf(a));
  }

  private rows(n: number, of: (asset: number) => ArrayLike<number>): Rows {
    const start = new Int32Array(n + 1);
    for (let a = 0; a < n; a++) start[a + 1] = start[a] + of(a).length;
    const list = new Int32Array(start[n]);
    for (let a = 0; a < n; a++) list.set(of(a), start[a]);
    return { start, list };
  }
}
