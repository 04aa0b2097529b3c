// A seeded generator of large, lineage-shaped worlds for the benchmarks (the
// engine's, the database's and the graph's). Shape: pipelines of ~200 assets
// (sources → tables → jobs), edges mostly forward within a pipeline, a few back
// edges (cycles) and a few hand-offs to the next pipeline of the same domain —
// the locality real lineage has, which keeps label sets small.
//
// Zones follow a pipeline's stages, as teams draw them: the first stages sit in
// the pipeline's main zone, and in most pipelines the later stages sit in a
// second zone (a reporting or ML zone) — so boundaries are crossed where a
// pipeline hands over, not on random edges. Each zone allows the categories its
// pipelines carry (not always at every qualifier), and most hand-overs have an
// approved sanctioned path for what they carry; what is left is the exceptions:
// missing, pending, revoked or expired paths, paths for another purpose, back
// edges and cross-pipeline hand-offs nobody sanctioned, unzoned exports, labels
// at a qualifier the zone does not accept.
// Edges are listed sorted by (from, to), as the data layer loads them.
//
// `dense: true` is the opposite, a stress test for `zoneline check`: every
// asset sits in a zone drawn at random, so nearly every edge crosses a zone
// boundary, and no path is generated unless asked for; at ten edges per asset
// that is about one violation per edge, each with an explanation and a path.
import { defaultTaxonomy } from "../lib/taxonomy/index.ts";
import { ASSET_KINDS, type World } from "../lib/world/schema.ts";

export type GenerateWorldOptions = {
  assets: number;
  edges: number;
  zones: number;
  categories: number;
  paths: number;
  seed: number;
  dense?: boolean;
};

export { prng } from "../lib/random.ts";
import { prng } from "../lib/random.ts";

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
    // fixed, not drawn from `random`, so the rest of a generated world stays what earlier benchmarks measured
    dataSubjects: ["customer"],
    retention: "13 months",
  }));

  const pipelines = Math.max(1, Math.ceil(options.assets / PIPELINE_SIZE));
  // [main zone, second zone or -1 (the whole pipeline in one zone)], and where the second zone starts.
  // The five pipelines of a domain (one team's) share its main zone and its data.
  const domainZones = Array.from({ length: Math.ceil(pipelines / 5) }, () => int(options.zones));
  const domainCategories = domainZones.map(() => Array.from({ length: 8 }, () => pick(pool)));
  const pipelineZones = Array.from({ length: pipelines }, (_, pipeline) => {
    const main = domainZones[Math.floor(pipeline / 5)];
    let second = options.zones > 1 && random() < 0.7 ? int(options.zones) : -1;
    if (second === main) second = (main + 1) % options.zones;
    return [main, second];
  });
  const pipelineSplit = Array.from({ length: pipelines }, () => Math.floor(PIPELINE_SIZE * (0.5 + 0.4 * random())));
  const pipelineCategories = Array.from({ length: pipelines }, (_, pipeline) => domainCategories[Math.floor(pipeline / 5)]);
  // A zone permits, at some qualifier, the broad categories its pipelines carry
  // (most labels are where they belong); its random rules may still miss some.
  const broadKey = (key: string) => key.split(".").slice(0, 2).join(".");
  pipelineZones.forEach((pair, pipeline) => {
    for (const z of pair) {
      if (z < 0) continue;
      const zone = zones[z];
      for (const key of new Set(pipelineCategories[pipeline].map(broadKey))) {
        const allowed = zone.allow.some((rule) => rule.category === key && rule.minQualifier === "identified" && !rule.requireConsent);
        if (!allowed && random() < 0.95) {
          zone.allow.push({ category: key, minQualifier: random() < 0.95 ? "identified" : "pseudonymized", requireConsent: false });
        }
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
    // A few assets (scratch tables, exported reports) are in no zone.
    const [main, second] = pipelineZones[pipeline];
    const stage = options.dense ? int(options.zones) : second >= 0 && position >= pipelineSplit[pipeline] ? second : main;
    const zone = options.zones === 0 || random() < 0.01 ? null : zones[stage].id;
    assets.push({
      id: `asset_${pad(i, width)}`,
      namespace: `pipeline_${pipeline}`,
      name: `asset_${i}`,
      kind,
      zone,
      labels: source
        ? Array.from({ length: 1 + int(3) }, () => ({
            category: pick(pipelineCategories[pipeline].slice(0, 4 + (pipeline % 5))),
            qualifier: pick(QUALIFIERS),
            consented: random() < 0.5,
          }))
        : [],
      // A job mostly runs for a purpose its zone allows; some do not.
      purpose: isJob && random() < 0.8 ? (zone !== null && random() < 0.9 ? pick(zones[stage].purposes) : pick(purposes)) : null,
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
  const pairs: number[] = [];
  let attempts = 0;
  while (pairs.length < options.edges && attempts < options.edges * 4 && n > 1) {
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
      to = Math.min(n - 1, base + PIPELINE_SIZE + int(PIPELINE_SIZE / 2)); // into its intake stages
    }
    if (to >= n || to === from) continue;
    const key = from * n + to;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push(key);
  }
  // Edges as the data layer loads them: sorted by (from, to) — ids are zero-padded,
  // so index order is id order — and created in that order, as a loaded world's are.
  const keys = Float64Array.from(pairs).sort();
  for (const key of keys) {
    const from = Math.floor(key / n);
    edges.push({
      from: assets[from].id,
      to: assets[key - from * n].id,
      transforms: transformDraw(),
      signals: [pick(["sql", "processing_log", "openlineage", "logger_config"] as const)],
      firstSeen: null,
      lastSeen: null,
      reviewState: "reviewed",
      reviewedBy: null,
      reviewedAt: null,
    });
  }

  // Paths sanction the pipelines' hand-overs from their main zone to their second
  // one, for the broad categories they carry, in pipeline order (then, if there
  // are more paths than hand-overs, pipelines' exports out of all zones): in a
  // governed organisation most crossings are sanctioned and violations are the
  // exception. A path that names a purpose names one its receiving zone allows.
  const broadOf = (key: string) => key.split(".").slice(0, 2).join(".");
  const sanctionedPaths: World["sanctionedPaths"] = [];
  const handOvers = pipelineZones.flatMap(([, second], pipeline) => (second >= 0 ? [pipeline] : []));
  for (let i = 0; i < options.paths && options.zones > 1; i++) {
    const exported = i >= handOvers.length;
    const pipeline = exported ? (i - handOvers.length) % pipelines : handOvers[i];
    const from = pipelineZones[pipeline][0];
    const to: number | null = exported ? null : pipelineZones[pipeline][1];
    const status = random() < 0.9 ? "approved" : pick(["pending", "rejected", "revoked"] as const);
    sanctionedPaths.push({
      id: `path_${pad(i, 4)}`,
      from: zones[from].id,
      to: to === null ? null : zones[to].id,
      categories: [...new Set(pipelineCategories[pipeline].map(broadOf))],
      purpose: to !== null && random() < 0.2 ? pick(zones[to].purposes) : null,
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
