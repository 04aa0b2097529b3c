// A seeded generator of large, lineage-shaped worlds for the benchmarks (the
// engine's, the database's and the graph's). Shape: pipelines of ~200 assets
// (sources → tables → jobs) mostly inside one or two zones, edges mostly
// forward within a pipeline, a few back edges (cycles) and a few hand-offs to
// other pipelines — the locality real lineage has, which keeps label sets small.
import { defaultTaxonomy } from "../lib/taxonomy/index.ts";
import { ASSET_KINDS, type World } from "../lib/world/schema.ts";

export type GenerateWorldOptions = {
  assets: number;
  edges: number;
  zones: number;
  categories: number;
  paths: number;
  seed: number;
};

/** mulberry32: small, fast and good enough for reproducible test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QUALIFIERS = ["identified", "pseudonymized", "aggregated"] as const;
const PIPELINE_SIZE = 200;

export function generateWorld(options: GenerateWorldOptions): World {
  const random = prng(options.seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(values: readonly T[]): T => values[int(values.length)];
  const pad = (n: number, width: number) => String(n).padStart(width, "0");

  const taxonomy = defaultTaxonomy();
  const defaultKeys = taxonomy.categories.map((c) => c.key);
  const custom: { key: string; name: string; description: null }[] = [];
  const pool = defaultKeys.slice(0, Math.min(defaultKeys.length, options.categories));
  if (options.categories > defaultKeys.length) custom.push({ key: "user.generated", name: "Generated", description: null });
  for (let i = pool.length; i < options.categories; i++) {
    const key = `user.generated.c${pad(i, 4)}`;
    custom.push({ key, name: `Generated ${i}`, description: null });
    pool.push(key);
  }
  const userPool = pool.filter((k) => k.startsWith("user."));
  const purposes = taxonomy.purposes.map((p) => p.key);
  const broad = [...new Set(userPool.map((k) => k.split(".").slice(0, 2).join(".")))];

  const zones: World["zones"] = Array.from({ length: options.zones }, (_, z) => ({
    id: `zone_${pad(z, 2)}`,
    name: `Zone ${z}`,
    description: null,
    color: `#${((z * 0x3a5f1d) & 0xffffff).toString(16).padStart(6, "0")}`,
    owner: null,
    mode: random() < 0.8 ? "enforcing" : "logging",
    allow: Array.from({ length: 4 + int(4) }, () => ({
      category: random() < 0.8 ? pick(broad) : pick(userPool),
      minQualifier: pick(QUALIFIERS),
      requireConsent: random() < 0.2,
    })),
    purposes: [...new Set(Array.from({ length: 1 + int(2) }, () => pick(purposes)))],
  }));

  const pipelines = Math.max(1, Math.ceil(options.assets / PIPELINE_SIZE));
  const pipelineZones = Array.from({ length: pipelines }, () => [int(options.zones), int(options.zones)]);
  const pipelineCategories = Array.from({ length: pipelines }, () => Array.from({ length: 8 }, () => pick(pool)));
  // A zone permits, at some qualifier, the broad categories its pipelines carry
  // (most labels are where they belong); its random rules may still miss some.
  const broadKey = (key: string) => key.split(".").slice(0, 2).join(".");
  pipelineZones.forEach(([main], pipeline) => {
    if (options.zones === 0) return;
    const zone = zones[main];
    for (const key of new Set(pipelineCategories[pipeline].map(broadKey))) {
      if (!zone.allow.some((rule) => rule.category === key) && random() < 0.9) {
        zone.allow.push({ category: key, minQualifier: random() < 0.8 ? "identified" : "aggregated", requireConsent: false });
      }
    }
  });
  const width = String(options.assets).length;
  const assets: World["assets"] = [];
  for (let i = 0; i < options.assets; i++) {
    const pipeline = Math.floor(i / PIPELINE_SIZE);
    const position = i % PIPELINE_SIZE;
    const source = position < PIPELINE_SIZE / 10;
    const kind = source ? pick(["web_endpoint", "logger", "table"] as const) : pick(ASSET_KINDS);
    const isJob = kind === "batch_job" || kind === "training_job" || kind === "model_inference";
    const zoneDraw = random();
    const zone = options.zones === 0 || zoneDraw < 0.05 ? null : zones[pipelineZones[pipeline][zoneDraw < 0.85 ? 0 : 1]].id;
    assets.push({
      id: `asset_${pad(i, width)}`,
      namespace: `pipeline_${pipeline}`,
      name: `asset_${i}`,
      kind,
      zone,
      labels: source
        ? Array.from({ length: 1 + int(3) }, () => ({
            category: pick(pipelineCategories[pipeline]),
            qualifier: pick(QUALIFIERS),
            consented: random() < 0.5,
          }))
        : [],
      purpose: isJob && random() < 0.8 ? pick(purposes) : null,
      owner: null,
      description: null,
    });
  }

  const edges: World["edges"] = [];
  const seen = new Set<number>();
  const n = options.assets;
  const transformDraw = (): string[] => {
    const r = random();
    if (r < 0.1) return ["aggregate"];
    if (r < 0.15) return ["pseudonymize"];
    if (r < 0.2) return ["filter_consented"];
    if (r < 0.23) return [`drop:${pick(broad)}`];
    return [];
  };
  let attempts = 0;
  while (edges.length < options.edges && attempts < options.edges * 4 && n > 1) {
    attempts++;
    const from = int(n);
    const base = from - (from % PIPELINE_SIZE);
    const size = Math.min(PIPELINE_SIZE, n - base);
    const r = random();
    let to: number;
    if (r < 0.985) {
      const room = Math.min(30, base + size - from - 1); // forward within the pipeline
      if (room <= 0) continue;
      to = from + 1 + int(room);
    }
    else if (r < 0.99) to = base + int(size); // anywhere in the pipeline: cycles
    else {
      // Hand-off to the next pipeline of the same domain (five pipelines), as a
      // team's tables feed its neighbours' jobs but not the whole company's.
      const pipeline = base / PIPELINE_SIZE;
      if (pipeline % 5 === 4) continue;
      to = Math.min(n - 1, base + PIPELINE_SIZE + int(PIPELINE_SIZE));
    }
    if (to >= n || to === from) continue;
    const key = from * n + to;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({
      from: assets[from].id,
      to: assets[to].id,
      transforms: transformDraw(),
      signals: [pick(["sql", "processing_log", "openlineage", "logger_config"] as const)],
      firstSeen: null,
      lastSeen: null,
      reviewState: "reviewed",
    });
  }

  // Most paths sanction a pipeline's own hand-off from its main zone to its second
  // one, for the broad categories it carries: in a governed organisation most
  // crossings are sanctioned and violations are the exception.
  const broadOf = (key: string) => key.split(".").slice(0, 2).join(".");
  const sanctionedPaths: World["sanctionedPaths"] = [];
  for (let i = 0; i < options.paths && options.zones > 1; i++) {
    const pipeline = int(pipelines);
    const from = pipelineZones[pipeline][0];
    let to: number | null = random() < 0.1 ? null : pipelineZones[pipeline][1];
    if (to === from) to = (from + 1) % options.zones;
    const status = random() < 0.85 ? "approved" : pick(["pending", "rejected", "revoked"] as const);
    sanctionedPaths.push({
      id: `path_${pad(i, 4)}`,
      from: zones[from].id,
      to: to === null ? null : zones[to].id,
      categories: [...new Set(pipelineCategories[pipeline].map(broadOf))],
      purpose: random() < 0.2 ? pick(purposes) : null,
      justification: "generated",
      requester: "engineer",
      reviewer: status === "pending" ? null : "reviewer",
      status,
      expiresAt: random() < 0.05 ? "2025-01-01T00:00:00.000Z" : null,
      requestedAt: null,
      reviewedAt: null,
      reviewNote: null,
    });
  }

  return { taxonomy: { categories: custom, purposes: [] }, zones, assets, edges, sanctionedPaths };
}
