// A deliberately naive implementation of DESIGN.md "Semantics" 1–5 on plain
// objects (no bitsets, no SCCs, no lazy search), for differential tests of the
// engine on small worlds. Slow by design: it follows the text clause by clause.
import { compareCodePoints, covers } from "../taxonomy/index.ts";
import type { Label, World } from "../world/schema.ts";
import type { ViolationKind } from "./index.ts";
import { applyTransforms } from "./transforms.ts";

const RANK = { identified: 0, pseudonymized: 1, aggregated: 2 } as const;
const key = (l: Label) => `${l.category}|${RANK[l.qualifier]}|${l.consented ? 1 : 0}`;
const compareLabels = (a: Label, b: Label) =>
  compareCodePoints(a.category, b.category) || RANK[a.qualifier] - RANK[b.qualifier] || Number(a.consented) - Number(b.consented);
const comparePaths = (a: string[], b: string[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareCodePoints(a[i], b[i]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
};

export type ReferenceResult = {
  labels: Map<string, { label: Label; path: string[] }[]>;
  violations: { kind: ViolationKind; asset: string | null; edge: { from: string; to: string } | null; zone: string; categories: string[]; path: string[] }[];
};

export function referenceEvaluate(world: World, at: Date): ReferenceResult {
  const assets = new Map(world.assets.map((a) => [a.id, a]));
  const zones = new Map(world.zones.map((z) => [z.id, z]));
  // 2 + 3: breadth-first over (asset, label) states, layer by layer; a state's
  // path is the smallest (by asset ids) of its tight predecessors' paths + itself.
  const best = new Map<string, Map<string, { label: Label; path: string[] }>>();
  for (const a of world.assets) best.set(a.id, new Map());
  let layer: { asset: string; label: Label; path: string[] }[] = [];
  for (const a of world.assets) {
    for (const l of a.labels) {
      const k = key(l);
      if (!best.get(a.id)!.has(k)) {
        best.get(a.id)!.set(k, { label: l, path: [a.id] });
        layer.push({ asset: a.id, label: l, path: [a.id] });
      }
    }
  }
  while (layer.length > 0) {
    const candidates = new Map<string, { asset: string; label: Label; path: string[] }>();
    for (const state of layer) {
      for (const e of world.edges) {
        if (e.from !== state.asset) continue;
        for (const out of applyTransforms([state.label], e.transforms)) {
          if (best.get(e.to)!.has(key(out))) continue;
          const path = [...state.path, e.to];
          const k = `${e.to}#${key(out)}`;
          const known = candidates.get(k);
          if (!known || comparePaths(path, known.path) < 0) candidates.set(k, { asset: e.to, label: out, path });
        }
      }
    }
    layer = [...candidates.values()];
    for (const s of layer) best.get(s.asset)!.set(key(s.label), { label: s.label, path: s.path });
  }
  const labels = new Map<string, { label: Label; path: string[] }[]>();
  for (const [asset, states] of best) labels.set(asset, [...states.values()].sort((a, b) => compareLabels(a.label, b.label)));

  // 4
  const permitted = (zoneId: string, l: Label) =>
    zones.get(zoneId)!.allow.some(
      (r) => covers(r.category, l.category) && RANK[l.qualifier] >= RANK[r.minQualifier] && (l.consented || !r.requireConsent),
    );
  const purposePermitted = (zoneId: string, p: string) => zones.get(zoneId)!.purposes.some((allowed) => covers(allowed, p));
  // 5
  const violations: ReferenceResult["violations"] = [];
  const sortedUnique = (values: string[]) => [...new Set(values)].sort(compareCodePoints);
  for (const a of [...world.assets].sort((x, y) => compareCodePoints(x.id, y.id))) {
    if (a.zone === null) continue;
    const bad = labels.get(a.id)!.filter((s) => !permitted(a.zone!, s.label));
    if (bad.length > 0) {
      violations.push({ kind: "category_not_permitted", asset: a.id, edge: null, zone: a.zone, categories: sortedUnique(bad.map((s) => s.label.category)), path: bad[0].path });
    }
  }
  for (const a of [...world.assets].sort((x, y) => compareCodePoints(x.id, y.id))) {
    if (a.zone !== null && a.purpose !== null && !purposePermitted(a.zone, a.purpose)) {
      violations.push({ kind: "purpose_not_permitted", asset: a.id, edge: null, zone: a.zone, categories: [], path: [a.id] });
    }
  }
  const edges = [...world.edges].sort((x, y) => compareCodePoints(x.from, y.from) || compareCodePoints(x.to, y.to));
  for (const e of edges) {
    const u = assets.get(e.from)!;
    const v = assets.get(e.to)!;
    if (u.zone === null || v.zone === u.zone) continue;
    const applicable = world.sanctionedPaths.filter((p) => {
      if (p.status !== "approved" || (p.expiresAt !== null && Date.parse(p.expiresAt) <= at.getTime())) return false;
      if (p.from !== u.zone || p.to !== v.zone) return false;
      if (p.purpose === null) return true;
      if (v.purpose !== null) return covers(p.purpose, v.purpose);
      if (v.zone === null) return false;
      const zonePurposes = zones.get(v.zone)!.purposes;
      return zonePurposes.length > 0 && zonePurposes.every((zp) => covers(p.purpose!, zp));
    });
    const flows: { label: Label; path: string[] }[] = [];
    for (const s of labels.get(u.id)!) for (const out of applyTransforms([s.label], e.transforms)) flows.push({ label: out, path: [...s.path, v.id] });
    const bad = flows
      .filter((f) => !applicable.some((p) => p.categories.some((c) => covers(c, f.label.category))))
      .sort((x, y) => compareLabels(x.label, y.label));
    if (bad.length > 0) {
      violations.push({ kind: "unsanctioned_crossing", asset: null, edge: { from: u.id, to: v.id }, zone: u.zone, categories: sortedUnique(bad.map((f) => f.label.category)), path: bad[0].path });
    }
  }
  return { labels, violations };
}
