import type { ParseContext } from "@/lib/world";
import type { World } from "@/lib/world/schema";
import { prisma, type Tx } from "../db";

type Client = Tx | ReturnType<typeof prisma>;

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** A LineageEdge row as raw SQL reads it (signals and review state cast to text). */
export type EdgeRow = {
  fromId: string;
  toId: string;
  transforms: string[];
  signals: string[];
  firstSeen: Date | null;
  lastSeen: Date | null;
  reviewState: "unreviewed" | "reviewed";
  reviewedBy: string | null;
  reviewedAt: Date | null;
};

/** The world file's edge for a row: the one translation, for loading and for describing a write. */
export function edgeOfRow(row: EdgeRow): World["edges"][number] {
  return {
    from: row.fromId,
    to: row.toId,
    transforms: row.transforms,
    signals: row.signals as World["edges"][number]["signals"],
    firstSeen: iso(row.firstSeen),
    lastSeen: iso(row.lastSeen),
    reviewState: row.reviewState,
    reviewedBy: row.reviewedBy,
    reviewedAt: iso(row.reviewedAt),
  };
}

type AssetRow = { id: string; namespace: string; name: string; kind: string; zoneId: string | null; purposeKey: string | null; owner: string | null; description: string | null };
type AssetLabelRow = { categoryKey: string; qualifier: string; consented: boolean };

/** The world file's asset for a row and its labels (in position order): for loading and for describing a write. */
export function assetOfRow(asset: AssetRow, labels: readonly AssetLabelRow[]): World["assets"][number] {
  return {
    id: asset.id,
    namespace: asset.namespace,
    name: asset.name,
    kind: asset.kind as World["assets"][number]["kind"],
    zone: asset.zoneId,
    labels: labels.map((label) => ({
      category: label.categoryKey,
      qualifier: label.qualifier as World["assets"][number]["labels"][number]["qualifier"],
      consented: label.consented,
    })),
    purpose: asset.purposeKey,
    owner: asset.owner,
    description: asset.description,
  };
}

/**
 * The database as a world file (DESIGN.md "World file"): everything an export
 * needs and what the policy engine evaluates. Reads are set-based (a handful
 * of queries whatever the size of the graph), never one query per row.
 */
export async function loadWorld(client: Client = prisma()): Promise<World> {
  const [customCategories, customPurposes, zones, rules, zonePurposes, assets, labels, edges, paths] = await Promise.all([
    client.dataCategory.findMany({ where: { custom: true }, orderBy: { key: "asc" } }),
    client.purpose.findMany({ where: { custom: true }, orderBy: { key: "asc" } }),
    client.zone.findMany({ orderBy: { id: "asc" } }),
    client.zoneCategoryRule.findMany({ orderBy: [{ zoneId: "asc" }, { position: "asc" }] }),
    client.zonePurpose.findMany({ orderBy: [{ zoneId: "asc" }, { position: "asc" }] }),
    client.asset.findMany({ orderBy: { id: "asc" } }),
    client.assetLabel.findMany({ orderBy: [{ assetId: "asc" }, { position: "asc" }] }),
    client.$queryRaw<EdgeRow[]>`SELECT "fromId", "toId", "transforms", "signals"::text[] AS "signals", "firstSeen", "lastSeen", "reviewState"::text AS "reviewState",
             "reviewedBy", "reviewedAt"
      FROM "LineageEdge" ORDER BY "fromId", "toId"`,
    client.sanctionedPath.findMany({ orderBy: { id: "asc" } }),
  ]);

  const rulesByZone = groupBy(rules, (rule) => rule.zoneId);
  const purposesByZone = groupBy(zonePurposes, (purpose) => purpose.zoneId);
  const labelsByAsset = groupBy(labels, (label) => label.assetId);

  return {
    taxonomy: {
      categories: customCategories.map((c) => ({ key: c.key, name: c.name, description: c.description })),
      purposes: customPurposes.map((p) => ({ key: p.key, name: p.name, description: p.description })),
    },
    zones: zones.map((zone) => ({
      id: zone.id,
      name: zone.name,
      description: zone.description,
      color: zone.color,
      owner: zone.owner,
      mode: zone.mode,
      allow: (rulesByZone.get(zone.id) ?? []).map((rule) => ({
        category: rule.categoryKey,
        minQualifier: rule.minQualifier,
        requireConsent: rule.requireConsent,
      })),
      purposes: (purposesByZone.get(zone.id) ?? []).map((purpose) => purpose.purposeKey),
      dataSubjects: zone.dataSubjects,
      retention: zone.retention,
    })),
    assets: assets.map((asset) => assetOfRow(asset, labelsByAsset.get(asset.id) ?? [])),
    edges: edges.map(edgeOfRow),
    sanctionedPaths: paths.map((path) => ({
      id: path.id,
      from: path.fromZoneId,
      to: path.toZoneId,
      categories: path.categories,
      purpose: path.purposeKey,
      justification: path.justification,
      requester: path.requester,
      reviewer: path.reviewer,
      status: path.status,
      expiresAt: iso(path.expiresAt),
      requestedAt: iso(path.requestedAt),
      reviewedAt: iso(path.reviewedAt),
      reviewNote: path.reviewNote,
    })),
  };
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** The ids and custom taxonomy a partial world file may refer to (see ParseContext). */
export async function loadParseContext(client: Client = prisma()): Promise<ParseContext> {
  const [zones, assets, categories, purposes] = await Promise.all([
    client.zone.findMany({ select: { id: true } }),
    client.asset.findMany({ select: { id: true } }),
    client.dataCategory.findMany({ where: { custom: true }, select: { key: true, name: true } }),
    client.purpose.findMany({ where: { custom: true }, select: { key: true, name: true } }),
  ]);
  return { zoneIds: zones.map((z) => z.id), assetIds: assets.map((a) => a.id), taxonomy: { categories, purposes } };
}
