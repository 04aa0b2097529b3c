import { defaultTaxonomy, parentKey } from "@/lib/taxonomy";
import { canonicalJson } from "@/lib/audit";
import type { World } from "@/lib/world/schema";
import { prisma, type Tx } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { AppError } from "../errors";
import { bulkUpsert, deleteWhereIn } from "./bulk-upsert";
import type { WorldChange } from "@/lib/engine/incremental";
import { readConsistentWorld } from "./world-state";
import { describeWorldChanges, lockWorldForWrite } from "./world-version";

export interface ImportSummary {
  created: Record<EntityKind, number>;
  updated: Record<EntityKind, number>;
  unchanged: Record<EntityKind, number>;
  changed: boolean;
}

type EntityKind = "categories" | "purposes" | "zones" | "assets" | "edges" | "sanctionedPaths";
const KINDS: EntityKind[] = ["categories", "purposes", "zones", "assets", "edges", "sanctionedPaths"];

const edgeKey = (edge: { from: string; to: string }) => `${edge.from}\u0000${edge.to}`;

class WorldMovedError extends Error {}

/**
 * Loads a parsed world into the database in one transaction: every entity of
 * the file is created or brought up to date, entities the file does not name
 * are left alone, and an entity that already matches is not written at all, so
 * importing the same file twice changes nothing (not even an audit entry).
 * What to write is worked out before the transaction, against the world as
 * read at some version; the transaction takes the world write lock, checks
 * that the version has not moved (else it starts over), and only writes, so
 * it stays short (on the embedded database a transaction holds the only
 * session, and every page waits for it).
 */
export async function importWorld({ world, actor = "cli" }: { world: World; actor?: string }): Promise<ImportSummary> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await importOnce(world, actor);
    } catch (error) {
      if (error instanceof WorldMovedError && attempt < 5) continue;
      if (error instanceof WorldMovedError) throw new AppError("CONFLICT", "the world kept changing while the import was prepared; try again");
      throw error;
    }
  }
}

async function importOnce(world: World, actor: string): Promise<ImportSummary> {
  const { version: base, world: current } = await readConsistentWorld();
  refuseNameClashes(world, current);
  const summary: ImportSummary = {
    created: zeroCounts(),
    updated: zeroCounts(),
    unchanged: zeroCounts(),
    changed: false,
  };
  const classify = <T>(kind: EntityKind, incoming: T[], existing: T[], keyOf: (item: T) => string) => {
    const before = new Map(existing.map((item) => [keyOf(item), canonicalJson(item)]));
    const toWrite: T[] = [];
    for (const item of incoming) {
      const previous = before.get(keyOf(item));
      if (previous === undefined) summary.created[kind]++;
      else if (previous !== canonicalJson(item)) summary.updated[kind]++;
      else {
        summary.unchanged[kind]++;
        continue;
      }
      toWrite.push(item);
    }
    return toWrite;
  };

  const categories = classify("categories", world.taxonomy.categories, current.taxonomy.categories, (c) => c.key);
  const purposes = classify("purposes", world.taxonomy.purposes, current.taxonomy.purposes, (p) => p.key);
  const zones = classify("zones", world.zones, current.zones, (z) => z.id);
  const assets = classify("assets", world.assets, current.assets, (a) => a.id);
  const edges = classify("edges", world.edges, current.edges, edgeKey);
  const paths = classify("sanctionedPaths", world.sanctionedPaths, current.sanctionedPaths, (p) => p.id);
  summary.changed = KINDS.some((kind) => summary.created[kind] + summary.updated[kind] > 0);
  if (!summary.changed) return summary;
  // the engine replays these in order (a zone before the assets in it, assets before their edges);
  // a taxonomy change it cannot replay, so other processes reload instead
  const changes: WorldChange[] | "undescribable" =
    categories.length || purposes.length
      ? "undescribable"
      : [
          ...zones.map((zone): WorldChange => ({ kind: "putZone", zone })),
          ...assets.map((asset): WorldChange => ({ kind: "putAsset", asset })),
          ...edges.map((edge): WorldChange => ({ kind: "putEdge", edge })),
          ...paths.map((path): WorldChange => ({ kind: "putSanctionedPath", path })),
        ];

  return prisma().$transaction(
    async (tx) => {
      const { base: now } = await lockWorldForWrite(tx);
      if (now !== base) throw new WorldMovedError();
      await ensureDefaultTaxonomy(tx);
      // custom keys sit under existing parents; parents first within one statement is fine
      // because foreign keys are checked at the end of the statement
      const taxonomyRow = (entry: { key: string; name: string; description: string | null }) => ({
        key: entry.key,
        name: entry.name,
        description: entry.description,
        parentKey: parentKey(entry.key),
        custom: true,
      });
      const taxonomyColumns = [
        { name: "key", type: "text" },
        { name: "name", type: "text" },
        { name: "description", type: "text" },
        { name: "parentKey", type: "text" },
        { name: "custom", type: "boolean" },
      ];
      await bulkUpsert(tx, "DataCategory", taxonomyColumns, categories.map(taxonomyRow), { conflict: ["key"], update: "all" });
      await bulkUpsert(tx, "Purpose", taxonomyColumns, purposes.map(taxonomyRow), { conflict: ["key"], update: "all" });

      await bulkUpsert(
        tx,
        "Zone",
        [
          { name: "id", type: "text" },
          { name: "name", type: "text" },
          { name: "description", type: "text" },
          { name: "color", type: "text" },
          { name: "owner", type: "text" },
          { name: "mode", type: "text", cast: `r."mode"::"ZoneMode"` },
          { name: "dataSubjects", type: "text[]" },
          { name: "retention", type: "text" },
        ],
        zones,
        { conflict: ["id"], update: "all", extra: [{ name: "updatedAt", value: "now()" }] },
      );
      await deleteWhereIn(tx, "ZoneCategoryRule", "zoneId", zones.map((z) => z.id));
      await deleteWhereIn(tx, "ZonePurpose", "zoneId", zones.map((z) => z.id));
      await bulkUpsert(
        tx,
        "ZoneCategoryRule",
        [
          { name: "zoneId", type: "text" },
          { name: "position", type: "int" },
          { name: "categoryKey", type: "text" },
          { name: "minQualifier", type: "text", cast: `r."minQualifier"::"Qualifier"` },
          { name: "requireConsent", type: "boolean" },
        ],
        zones.flatMap((zone) =>
          zone.allow.map((rule, position) => ({
            zoneId: zone.id,
            position,
            categoryKey: rule.category,
            minQualifier: rule.minQualifier,
            requireConsent: rule.requireConsent,
          })),
        ),
        { conflict: ["zoneId", "position"], update: "all" },
      );
      await bulkUpsert(
        tx,
        "ZonePurpose",
        [
          { name: "zoneId", type: "text" },
          { name: "position", type: "int" },
          { name: "purposeKey", type: "text" },
        ],
        zones.flatMap((zone) => zone.purposes.map((purposeKey, position) => ({ zoneId: zone.id, position, purposeKey }))),
        { conflict: ["zoneId", "position"], update: "all" },
      );

      await bulkUpsert(
        tx,
        "Asset",
        [
          { name: "id", type: "text" },
          { name: "namespace", type: "text" },
          { name: "name", type: "text" },
          { name: "kind", type: "text", cast: `r."kind"::"AssetKind"` },
          { name: "zoneId", type: "text" },
          { name: "purposeKey", type: "text" },
          { name: "owner", type: "text" },
          { name: "description", type: "text" },
        ],
        assets.map((asset) => ({
          id: asset.id,
          namespace: asset.namespace,
          name: asset.name,
          kind: asset.kind,
          zoneId: asset.zone,
          purposeKey: asset.purpose,
          owner: asset.owner,
          description: asset.description,
        })),
        { conflict: ["id"], update: "all", extra: [{ name: "updatedAt", value: "now()" }] },
      );
      await deleteWhereIn(tx, "AssetLabel", "assetId", assets.map((a) => a.id));
      await bulkUpsert(
        tx,
        "AssetLabel",
        [
          { name: "assetId", type: "text" },
          { name: "position", type: "int" },
          { name: "categoryKey", type: "text" },
          { name: "qualifier", type: "text", cast: `r."qualifier"::"Qualifier"` },
          { name: "consented", type: "boolean" },
        ],
        assets.flatMap((asset) =>
          asset.labels.map((label, position) => ({
            assetId: asset.id,
            position,
            categoryKey: label.category,
            qualifier: label.qualifier,
            consented: label.consented,
          })),
        ),
        { conflict: ["assetId", "position"], update: "all" },
      );

      await bulkUpsert(
        tx,
        "LineageEdge",
        [
          { name: "fromId", type: "text" },
          { name: "toId", type: "text" },
          { name: "signals", type: "text[]", cast: `r."signals"::"Signal"[]` },
          { name: "transforms", type: "text[]" },
          { name: "firstSeen", type: "timestamptz" },
          { name: "lastSeen", type: "timestamptz" },
          { name: "reviewState", type: "text", cast: `r."reviewState"::"ReviewState"` },
          { name: "reviewedBy", type: "text" },
          { name: "reviewedAt", type: "timestamptz" },
        ],
        edges.map((edge) => ({
          fromId: edge.from,
          toId: edge.to,
          signals: edge.signals,
          transforms: edge.transforms,
          firstSeen: edge.firstSeen,
          lastSeen: edge.lastSeen,
          reviewState: edge.reviewState,
          reviewedBy: edge.reviewedBy,
          reviewedAt: edge.reviewedAt,
        })),
        { conflict: ["fromId", "toId"], update: "all" },
      );

      await bulkUpsert(
        tx,
        "SanctionedPath",
        [
          { name: "id", type: "text" },
          { name: "fromZoneId", type: "text" },
          { name: "toZoneId", type: "text" },
          { name: "categories", type: "text[]" },
          { name: "purposeKey", type: "text" },
          { name: "justification", type: "text" },
          { name: "requester", type: "text" },
          { name: "reviewer", type: "text" },
          { name: "status", type: "text", cast: `r."status"::"PathStatus"` },
          { name: "expiresAt", type: "timestamptz" },
          { name: "requestedAt", type: "timestamptz" },
          { name: "reviewedAt", type: "timestamptz" },
          { name: "reviewNote", type: "text" },
        ],
        paths.map((path) => ({
          id: path.id,
          fromZoneId: path.from,
          toZoneId: path.to,
          categories: path.categories,
          purposeKey: path.purpose,
          justification: path.justification,
          requester: path.requester,
          reviewer: path.reviewer,
          status: path.status,
          expiresAt: path.expiresAt,
          requestedAt: path.requestedAt,
          reviewedAt: path.reviewedAt,
          reviewNote: path.reviewNote,
        })),
        { conflict: ["id"], update: "all" },
      );

      await describeWorldChanges(tx, changes);
      await recordAuditEntry(tx, {
        actor,
        action: "world.import",
        subject: "world",
        payload: { created: summary.created, updated: summary.updated },
      });
      return summary;
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}

function zeroCounts(): Record<EntityKind, number> {
  return Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<EntityKind, number>;
}

/** fideslang's keys are always present, so zone rules and labels can reference them. */
export async function ensureDefaultTaxonomy(tx: Tx): Promise<void> {
  const { categories, purposes } = defaultTaxonomy();
  const columns = [
    { name: "key", type: "text" },
    { name: "name", type: "text" },
    { name: "description", type: "text" },
    { name: "parentKey", type: "text" },
  ];
  const rows = (entries: typeof categories) =>
    entries.map((entry) => ({ key: entry.key, name: entry.name, description: entry.description, parentKey: entry.parent }));
  await bulkUpsert(tx, "DataCategory", columns, rows(categories), { conflict: ["key"], update: "nothing" });
  await bulkUpsert(tx, "Purpose", columns, rows(purposes), { conflict: ["key"], update: "nothing" });
}

/**
 * namespace + name is unique (as in OpenLineage). The parser checks the file on its
 * own; here the file meets the database: an asset may not take the name of another
 * asset that keeps it.
 */
function refuseNameClashes(world: World, current: World): void {
  const incoming = new Map(world.assets.map((asset) => [asset.id, asset]));
  const holder = new Map<string, string>();
  for (const asset of current.assets) {
    const renamed = incoming.get(asset.id);
    const keeps = !renamed || (renamed.namespace === asset.namespace && renamed.name === asset.name);
    if (keeps) holder.set(`${asset.namespace}\u0000${asset.name}`, asset.id);
  }
  const clashes = world.assets.flatMap((asset, index) => {
    const owner = holder.get(`${asset.namespace}\u0000${asset.name}`);
    return owner !== undefined && owner !== asset.id
      ? [`assets[${index}].name: "${asset.namespace}" / "${asset.name}" already belongs to asset "${owner}" in the database`]
      : [];
  });
  if (clashes.length) throw new AppError("INVALID_REQUEST", `the world clashes with the database (${clashes.length} error${clashes.length === 1 ? "" : "s"})`, clashes);
}
