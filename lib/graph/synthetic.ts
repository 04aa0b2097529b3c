// Deterministic synthetic worlds for benchmarks and tests: pipelines that flow
// left to right through stages, mostly inside a zone, sometimes crossing into
// the next zone (some crossings sanctioned, some not), a few unzoned assets.
import { prng as mulberry32 } from "../random.ts";
import type { GraphSource } from "./types.ts";


const KINDS = ["web_endpoint", "logger", "table", "stream", "batch_job", "rpc_service", "model_inference", "training_job", "checkpoint", "report"];
const COLORS = ["#2563eb", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#db2777", "#65a30d", "#4f46e5"];

export interface SyntheticOptions {
  assets: number;
  edges: number;
  zones: number;
  unzonedShare?: number;
  seed?: number;
}

/** A world in DESIGN.md's world-file format. */
export function syntheticWorld(options: SyntheticOptions) {
  const rand = mulberry32(options.seed ?? 7);
  const zoneCount = options.zones;
  const zones = Array.from({ length: zoneCount }, (_, i) => ({
    id: `z${String(i).padStart(2, "0")}`,
    name: `Zone ${i + 1}`,
    color: COLORS[i % COLORS.length],
    allow: [{ category: "user", minQualifier: i % 3 === 2 ? "aggregated" : "identified", requireConsent: false }],
    purposes: ["analytics"],
  }));
  const stages = 12;
  const assets: {
    id: string;
    namespace: string;
    name: string;
    kind: string;
    zone: string | null;
    labels: { category: string; qualifier: string; consented: boolean }[];
  }[] = [];
  const stageOf: number[] = [];
  const byZoneStage = new Map<string, number[]>();
  for (let i = 0; i < options.assets; i++) {
    const unzoned = rand() < (options.unzonedShare ?? 0.02);
    const zoneIndex = Math.floor((i / options.assets) * zoneCount);
    const zone = unzoned ? null : zones[zoneIndex].id;
    const stage = Math.floor(rand() * stages);
    const id = `a${String(i).padStart(6, "0")}`;
    assets.push({
      id,
      namespace: zone ? `ns_${zone}` : "shared",
      name: `${KINDS[i % KINDS.length]}_${i}`,
      kind: KINDS[i % KINDS.length],
      zone,
      labels: stage === 0 && rand() < 0.5 ? [{ category: "user.behavior.purchase_history", qualifier: "identified", consented: false }] : [],
    });
    stageOf.push(stage);
    const key = `${zone ?? "-"}:${stage}`;
    (byZoneStage.get(key) ?? byZoneStage.set(key, []).get(key)!).push(i);
  }
  const edgeSet = new Set<string>();
  const edges: { from: string; to: string; transforms: string[]; signals: string[]; reviewState?: string }[] = [];
  let guard = 0;
  while (edges.length < options.edges && guard++ < options.edges * 20) {
    const u = Math.floor(rand() * options.assets);
    const su = stageOf[u];
    if (su === stages - 1) continue;
    const zu = assets[u].zone;
    const crossing = rand() < 0.04;
    let zv = zu;
    if (crossing || !zu) {
      const zi = zu ? zones.findIndex((z) => z.id === zu) : Math.floor(rand() * zoneCount);
      zv = zones[Math.min(zoneCount - 1, zi + 1)].id;
    }
    const sv = Math.min(stages - 1, su + 1 + (rand() < 0.3 ? 1 : 0));
    const pool = byZoneStage.get(`${zv ?? "-"}:${sv}`);
    if (!pool?.length) continue;
    const v = pool[Math.floor(rand() * pool.length)];
    const key = `${u}>${v}`;
    if (u === v || edgeSet.has(key)) continue;
    edgeSet.add(key);
    edges.push({
      from: assets[u].id,
      to: assets[v].id,
      transforms: rand() < 0.2 ? ["aggregate"] : [],
      signals: ["sql"],
      ...(rand() < 0.02 ? { reviewState: "unreviewed" } : { reviewState: "reviewed" }),
    });
  }
  const sanctionedPaths = zones
    .slice(0, -1)
    .filter((_, i) => i % 2 === 0)
    .map((z, i) => ({ id: `p${i}`, from: z.id, to: zones[zones.indexOf(z) + 1].id, categories: ["user"], status: "approved", expiresAt: null }));
  return { zones, assets, edges, sanctionedPaths };
}

/**
 * The same world as a GraphSource, with verdicts approximated without the
 * engine (crossings sanctioned when a path exists between the two zones,
 * otherwise a violation): for layout and view benchmarks in isolation.
 */
export function syntheticSource(options: SyntheticOptions): GraphSource {
  const world = syntheticWorld(options);
  const zoneOf = new Map(world.assets.map((a) => [a.id, a.zone]));
  const sanctioned = new Map(world.sanctionedPaths.map((p) => [`${p.from}>${p.to}`, p.id]));
  const violations = new Map<string, number>();
  const edges = world.edges.map((e) => {
    const zf = zoneOf.get(e.from);
    const zt = zoneOf.get(e.to);
    let verdict: "permitted" | "sanctioned" | "violation" = "permitted";
    let paths: string[] = [];
    if (zf && zf !== zt) {
      const p = sanctioned.get(`${zf}>${zt}`);
      if (p) {
        verdict = "sanctioned";
        paths = [p];
      } else {
        verdict = "violation";
        violations.set(e.from, (violations.get(e.from) ?? 0) + 1);
        violations.set(e.to, (violations.get(e.to) ?? 0) + 1);
      }
    }
    return { from: e.from, to: e.to, verdict, unreviewed: e.reviewState === "unreviewed", paths };
  });
  return {
    zones: world.zones.map((z) => ({ id: z.id, name: z.name, color: z.color })),
    assets: world.assets.map((a) => ({
      id: a.id,
      name: a.name,
      namespace: a.namespace,
      kind: a.kind,
      zone: a.zone,
      categories: a.labels.map((l) => l.category),
      violations: violations.get(a.id) ?? 0,
    })),
    edges,
  };
}
