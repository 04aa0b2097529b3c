// The zone matrix: the zone-level graph (zone-flows.ts) as a from × to grid,
// for organisations with more zones than a map can show side by side. Rows and
// columns are the same groups in the same order (so the diagonal — flows
// inside one zone, which are not flows between zones — stays a diagonal), real
// zones first, then the pseudo-zones of unzoned assets. Pure.
import type { ZoneFlow, ZoneFlowGraph, ZoneGroup } from "./zone-flows.ts";

export const MATRIX_SORTS = ["violations", "flow", "name"] as const;
export type MatrixSort = (typeof MATRIX_SORTS)[number];
export const MATRIX_SORT_LABEL: Record<MatrixSort, string> = {
  violations: "Most violations",
  flow: "Most edges",
  name: "Name",
};

export interface MatrixGroup extends ZoneGroup {
  /** Edges leaving / entering it to or from other groups, and the violations among them. */
  out: number;
  in: number;
  flowViolations: number;
}

export interface ZoneMatrix {
  /** Rows and columns alike: real zones, then pseudo-zones, each part in the sort's order. */
  groups: MatrixGroup[];
  /** How many of `groups` are real zones (the pseudo-zones follow, drawn apart). */
  realCount: number;
  /** Flows by `${from}->${to}`. */
  flows: Map<string, ZoneFlow>;
  /** Groups left out because they have neither assets nor flows (under the filter). */
  hiddenEmpty: number;
  totals: { edges: number; violation: number; sanctioned: number; permitted: number; unreviewed: number };
}

const byName = (a: MatrixGroup, b: MatrixGroup) => a.name.localeCompare(b.name, "en") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const COMPARE: Record<MatrixSort, (a: MatrixGroup, b: MatrixGroup) => number> = {
  name: byName,
  violations: (a, b) => b.flowViolations - a.flowViolations || b.violations - a.violations || byName(a, b),
  flow: (a, b) => b.out + b.in - (a.out + a.in) || byName(a, b),
};

export function zoneMatrix(graph: ZoneFlowGraph, sort: MatrixSort): ZoneMatrix {
  const stats = new Map<string, { out: number; in: number; flowViolations: number }>();
  const stat = (id: string) => stats.get(id) ?? stats.set(id, { out: 0, in: 0, flowViolations: 0 }).get(id)!;
  const totals = { edges: 0, violation: 0, sanctioned: 0, permitted: 0, unreviewed: 0 };
  const flows = new Map<string, ZoneFlow>();
  for (const f of graph.flows) {
    flows.set(f.id, f);
    stat(f.from).out += f.edges;
    stat(f.to).in += f.edges;
    stat(f.from).flowViolations += f.violation;
    stat(f.to).flowViolations += f.violation;
    totals.edges += f.edges;
    totals.violation += f.violation;
    totals.sanctioned += f.sanctioned;
    totals.permitted += f.permitted;
    totals.unreviewed += f.unreviewed;
  }
  const shown: MatrixGroup[] = [];
  let hiddenEmpty = 0;
  for (const g of graph.groups) {
    const s = stats.get(g.id);
    if (!s && g.assets === 0) {
      hiddenEmpty++;
      continue;
    }
    shown.push({ ...g, out: s?.out ?? 0, in: s?.in ?? 0, flowViolations: s?.flowViolations ?? 0 });
  }
  const real = shown.filter((g) => !g.pseudo).sort(COMPARE[sort]);
  const pseudo = shown.filter((g) => g.pseudo).sort(COMPARE[sort]);
  return { groups: [...real, ...pseudo], realCount: real.length, flows, hiddenEmpty, totals };
}
