// Canonical export: sections sorted by id (edges by from, then to), every field
// present in a fixed order, 2-space indent and a trailing newline, so that
// export → import → export is byte-identical and exports diff cleanly in git.
import { compareCodePoints } from "../taxonomy/index.ts";
import type { Asset, Edge, SanctionedPath, TaxonomyKey, World, Zone } from "./schema.ts";

const taxonomyKey = (entry: TaxonomyKey) => ({ key: entry.key, name: entry.name, description: entry.description });

const zone = (z: Zone) => ({
  id: z.id,
  name: z.name,
  description: z.description,
  color: z.color,
  owner: z.owner,
  mode: z.mode,
  allow: z.allow.map((rule) => ({ category: rule.category, minQualifier: rule.minQualifier, requireConsent: rule.requireConsent })),
  purposes: [...z.purposes],
  dataSubjects: [...z.dataSubjects],
  retention: z.retention,
});

const asset = (a: Asset) => ({
  id: a.id,
  namespace: a.namespace,
  name: a.name,
  kind: a.kind,
  zone: a.zone,
  labels: a.labels.map((label) => ({ category: label.category, qualifier: label.qualifier, consented: label.consented })),
  purpose: a.purpose,
  owner: a.owner,
  description: a.description,
});

const edge = (e: Edge) => ({
  from: e.from,
  to: e.to,
  transforms: [...e.transforms],
  signals: [...e.signals],
  firstSeen: e.firstSeen,
  lastSeen: e.lastSeen,
  reviewState: e.reviewState,
  reviewedBy: e.reviewedBy,
  reviewedAt: e.reviewedAt,
});

const sanctionedPath = (p: SanctionedPath) => ({
  id: p.id,
  from: p.from,
  to: p.to,
  categories: [...p.categories],
  purpose: p.purpose,
  justification: p.justification,
  requester: p.requester,
  reviewer: p.reviewer,
  status: p.status,
  expiresAt: p.expiresAt,
  requestedAt: p.requestedAt,
  reviewedAt: p.reviewedAt,
  reviewNote: p.reviewNote,
});

function sortedBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  return [...values].sort((a, b) => compareCodePoints(key(a), key(b)));
}

/** The canonical JSON object of a world (what serializeWorld writes). */
export function canonicalWorld(world: World) {
  return {
    taxonomy: {
      categories: sortedBy(world.taxonomy.categories, (e) => e.key).map(taxonomyKey),
      purposes: sortedBy(world.taxonomy.purposes, (e) => e.key).map(taxonomyKey),
    },
    zones: sortedBy(world.zones, (z) => z.id).map(zone),
    assets: sortedBy(world.assets, (a) => a.id).map(asset),
    edges: [...world.edges]
      .sort((a, b) => compareCodePoints(a.from, b.from) || compareCodePoints(a.to, b.to))
      .map(edge),
    sanctionedPaths: sortedBy(world.sanctionedPaths, (p) => p.id).map(sanctionedPath),
  };
}

export function serializeWorld(world: World): string {
  return `${JSON.stringify(canonicalWorld(world), null, 2)}\n`;
}
