// The record of processing activities (GDPR Art. 30(1)), built from the
// lineage rather than from a questionnaire: one processing activity per zone,
// with (a) the controller's name and contact (Settings), (b) the purposes (the
// zone's allowed purposes, and the purposes its jobs run for), (c) the
// categories of data subjects (the zone's fideslang data subjects) and of
// personal data (the effective labels of the zone's assets, as the engine
// computes them), (d) the recipients (the zones, and the destinations outside
// every zone, that its approved, unexpired sanctioned paths send data to),
// (e) the transfers out of all zones (every edge from one of its assets to an
// asset in no zone that carries personal data, sanctioned or not), (f) the
// retention (a field on the zone).
//
// A pure view model: the page, the CSV, the XLSX and the PDF (its own and the
// audit report's section) are thin renderings of `RopaRecord` and `ropaTable`.
import type { Evaluation } from "../engine/evaluate.ts";
import { compareCodePoints, dataSubject, type Taxonomy } from "../taxonomy/index.ts";
import { worldTaxonomy } from "../world/parse.ts";
import { QUALIFIERS, type Qualifier, type World, type Zone } from "../world/schema.ts";

/** What the record needs from the engine: effective labels and what flows along an edge. */
export interface RopaEngine {
  /** per category present in the assets' effective labels: the qualifiers held, whether any label is unconsented, how many assets hold it */
  labelSummary(assetIds: readonly string[]): { category: string; qualifiers: Qualifier[]; unconsented: boolean; assets: number }[];
  /** categories flowing along the edge (its source's effective labels after its transforms), sorted */
  flowingCategories(from: string, to: string): string[];
  /** ids of the applicable sanctioned paths that allow a category flowing along a crossing edge */
  sanctionedPathsFor(from: string, to: string): string[];
  /** "violation" when the edge is an unsanctioned crossing (DESIGN 5) */
  edgeVerdict(from: string, to: string): "permitted" | "sanctioned" | "violation";
}

/** The engine's current evaluation as a RopaEngine (effective labels without provenance: nothing searched). */
export function ropaEngineOf(evaluation: Evaluation): RopaEngine {
  const state = evaluation.state;
  return {
    // straight from the label bitsets (one byte per category: bit 2·qualifier + consented), so a zone of
    // thousands of assets allocates nothing per label
    labelSummary(assetIds) {
      const { W, effective, policy } = state;
      const categories = policy.categoryKeys.length;
      const held = new Uint8Array(categories); // qualifier bits seen
      const unconsented = new Uint8Array(categories);
      const assets = new Int32Array(categories);
      for (const id of assetIds) {
        const index = state.assetIndex.get(id);
        if (index === undefined) continue;
        for (let i = 0; i < W; i++) {
          const word = effective[index * W + i];
          if (word === 0) continue;
          for (let b = 0; b < 4; b++) {
            const byte = (word >>> (b * 8)) & 0x3f;
            if (byte === 0) continue;
            const c = i * 4 + b;
            assets[c]++;
            for (let q = 0; q < 3; q++) if (byte & (3 << (2 * q))) held[c] |= 1 << q;
            if (byte & 0b010101) unconsented[c] = 1;
          }
        }
      }
      const out: ReturnType<RopaEngine["labelSummary"]> = [];
      for (let c = 0; c < categories; c++) {
        if (assets[c] === 0) continue;
        out.push({ category: policy.categoryKeys[c], qualifiers: QUALIFIERS.filter((_, q) => held[c] & (1 << q)), unconsented: unconsented[c] === 1, assets: assets[c] });
      }
      return out;
    },
    flowingCategories: (from, to) => evaluation.flowingCategories(from, to),
    sanctionedPathsFor: (from, to) => evaluation.sanctionedPathsFor(from, to),
    edgeVerdict: (from, to) => evaluation.edgeVerdict(from, to),
  };
}

export type RopaController = { organisationName: string; controllerName: string; controllerContact: string; dpoContact: string };

export type RopaRef = { id: string; name: string };

export type RopaPurpose = { key: string; name: string; /** the zone permits it: one of its purposes covers it (DESIGN 4) */ allowed: boolean; /** jobs in the zone that run for it */ jobs: string[] };

export type RopaDataCategory = { key: string; name: string; /** the protection levels it is held at, weakest first */ qualifiers: Qualifier[]; /** held only with consent */ consentedOnly: boolean; /** how many of the zone's assets hold it */ assets: number };

export type RopaRecipient = {
  /** the receiving zone, or null: out of all zones */
  zone: RopaRef | null;
  pathId: string;
  categories: string[];
  purpose: string | null;
  expiresAt: string | null;
  /** for a path out of all zones: the assets outside every zone that the zone's assets send data to under it */
  destinations: RopaRef[];
};

export type RopaTransfer = {
  from: RopaRef;
  to: RopaRef & { namespace: string; kind: string; owner: string | null };
  categories: string[];
  /** the approved paths that allow what flows; empty: an unsanctioned crossing */
  pathIds: string[];
  /** every flowing category is allowed by an applicable path */
  sanctioned: boolean;
};

export type RopaActivity = {
  zone: { id: string; name: string; description: string | null; owner: string | null; mode: Zone["mode"] };
  purposes: RopaPurpose[];
  dataSubjects: { key: string; name: string }[];
  dataCategories: RopaDataCategory[];
  recipients: RopaRecipient[];
  transfers: RopaTransfer[];
  retention: string | null;
  assetCount: number;
};

export type RopaRecord = {
  generatedAt: string;
  controller: RopaController;
  activities: RopaActivity[];
};

export type RopaInput = {
  world: World;
  engine: RopaEngine;
  controller: RopaController;
  /** zone ids to include; empty: every zone */
  zones: readonly string[];
  /** paths apply when approved and not expired at this instant (DESIGN 5) */
  at: Date;
};

const byKey = <T extends { key: string }>(a: T, b: T) => compareCodePoints(a.key, b.key);

export function buildRopa({ world, engine, controller, zones, at }: RopaInput): RopaRecord {
  const taxonomy = worldTaxonomy(world);
  const wanted = zones.length ? new Set(zones) : null;
  const zoneById = new Map(world.zones.map((zone) => [zone.id, zone]));
  const assetById = new Map(world.assets.map((asset) => [asset.id, asset]));
  const assetsByZone = new Map<string, World["assets"]>();
  for (const asset of world.assets) {
    if (asset.zone === null) continue;
    const list = assetsByZone.get(asset.zone);
    if (list) list.push(asset);
    else assetsByZone.set(asset.zone, [asset]);
  }

  // transfers out of all zones: one pass over the edges
  const transfersByZone = new Map<string, RopaTransfer[]>();
  for (const edge of world.edges) {
    const from = assetById.get(edge.from);
    const to = assetById.get(edge.to);
    if (!from || !to || from.zone === null || to.zone !== null) continue;
    if (wanted && !wanted.has(from.zone)) continue;
    const categories = engine.flowingCategories(edge.from, edge.to);
    if (categories.length === 0) continue; // no personal data leaves
    const pathIds = engine.sanctionedPathsFor(edge.from, edge.to).sort(compareCodePoints);
    // the engine's verdict, not a second reading of the paths: any category no applicable path allows makes it a violation
    const sanctioned = engine.edgeVerdict(edge.from, edge.to) !== "violation";
    const transfer: RopaTransfer = {
      from: { id: from.id, name: from.name },
      to: { id: to.id, name: to.name, namespace: to.namespace, kind: to.kind, owner: to.owner },
      categories,
      pathIds,
      sanctioned,
    };
    const list = transfersByZone.get(from.zone);
    if (list) list.push(transfer);
    else transfersByZone.set(from.zone, [transfer]);
  }

  const activities = world.zones
    .filter((zone) => !wanted || wanted.has(zone.id))
    .sort((a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.id, b.id))
    .map((zone): RopaActivity => {
      const assets = assetsByZone.get(zone.id) ?? [];
      const transfers = (transfersByZone.get(zone.id) ?? []).sort((a, b) => compareCodePoints(a.from.id, b.from.id) || compareCodePoints(a.to.id, b.to.id));
      return {
        zone: { id: zone.id, name: zone.name, description: zone.description, owner: zone.owner, mode: zone.mode },
        purposes: purposesOf(zone, assets, taxonomy),
        // a zone replayed from a change logged before zones had data subjects may lack the field
        dataSubjects: (zone.dataSubjects ?? []).map((key) => ({ key, name: dataSubject(key)?.name ?? key })),
        dataCategories: categoriesOf(assets, engine, taxonomy),
        recipients: recipientsOf(zone, world, zoneById, transfers, at),
        transfers,
        retention: zone.retention ?? null,
        assetCount: assets.length,
      };
    });
  return { generatedAt: at.toISOString(), controller, activities };
}

function purposesOf(zone: Zone, assets: World["assets"], taxonomy: Taxonomy): RopaPurpose[] {
  const purposes = new Map<string, RopaPurpose>();
  const entry = (key: string) => {
    let purpose = purposes.get(key);
    if (!purpose) purposes.set(key, (purpose = { key, name: taxonomy.purposes.get(key)?.name ?? key, allowed: false, jobs: [] }));
    return purpose;
  };
  for (const key of zone.purposes) entry(key);
  for (const asset of assets) if (asset.purpose !== null) entry(asset.purpose).jobs.push(asset.id);
  for (const purpose of purposes.values()) purpose.allowed = zone.purposes.some((allowed) => taxonomy.covers(allowed, purpose.key));
  for (const purpose of purposes.values()) purpose.jobs.sort(compareCodePoints);
  return [...purposes.values()].sort(byKey);
}

function categoriesOf(assets: World["assets"], engine: RopaEngine, taxonomy: Taxonomy): RopaDataCategory[] {
  return engine
    .labelSummary(assets.map((asset) => asset.id))
    .map((entry) => ({ key: entry.category, name: taxonomy.categories.get(entry.category)?.name ?? entry.category, qualifiers: entry.qualifiers, consentedOnly: !entry.unconsented, assets: entry.assets }))
    .sort(byKey);
}

function recipientsOf(zone: Zone, world: World, zoneById: Map<string, Zone>, transfers: RopaTransfer[], at: Date): RopaRecipient[] {
  return world.sanctionedPaths
    .filter((path) => path.from === zone.id && path.status === "approved" && (path.expiresAt === null || Date.parse(path.expiresAt) > at.getTime()))
    .map((path): RopaRecipient => {
      const to = path.to === null ? null : zoneById.get(path.to);
      const destinations = new Map<string, RopaRef>();
      if (path.to === null) for (const transfer of transfers) if (transfer.pathIds.includes(path.id)) destinations.set(transfer.to.id, { id: transfer.to.id, name: transfer.to.name });
      return {
        zone: to ? { id: to.id, name: to.name } : null,
        pathId: path.id,
        categories: [...path.categories].sort(compareCodePoints),
        purpose: path.purpose,
        expiresAt: path.expiresAt,
        destinations: [...destinations.values()].sort((a, b) => compareCodePoints(a.id, b.id)),
      };
    })
    .sort((a, b) => compareCodePoints(a.zone?.name ?? "\u{10FFFF}", b.zone?.name ?? "\u{10FFFF}") || compareCodePoints(a.pathId, b.pathId));
}

/**
 * What the PDF renderings print (the CSV and XLSX hold everything): a world of
 * 100k assets can send thousands of flows out of all zones, which is a
 * spreadsheet's job, not a printed record's. Each cut list says so.
 */
export const ROPA_PDF_LIMITS = {
  /** transfers out of all zones printed per activity, unsanctioned ones first */
  transfersPerActivity: 40,
  /** job names printed beside each purpose */
  jobsPerPurpose: 8,
  /** the audit report's section is a summary of each activity (the record's own PDF has the tables): items per list */
  summaryItems: 30,
  /** unsanctioned transfers named in the audit report's summary of an activity */
  summaryTransfers: 5,
} as const;

// ---- the table every flat rendering shares (CSV, XLSX) ----

export const ROPA_COLUMNS = [
  "Processing activity",
  "Zone id",
  "Description",
  "Owner",
  "Controller",
  "Controller contact",
  "DPO contact",
  "Purposes of the processing",
  "Categories of data subjects",
  "Categories of personal data",
  "Recipients",
  "Transfers out of all zones",
  "Retention",
  "Assets",
] as const;

export const describePurpose = (purpose: RopaPurpose) =>
  `${purpose.key} (${purpose.name})${purpose.allowed ? "" : " [not allowed by the zone]"}${purpose.jobs.length ? ` used by ${purpose.jobs.join(", ")}` : ""}`;

export const describeDataCategory = (category: RopaDataCategory) => `${category.key} (${category.qualifiers.join(", ")}${category.consentedOnly ? ", consented" : ""})`;

export const describeRecipient = (recipient: RopaRecipient) =>
  `${recipient.zone ? `${recipient.zone.name} (${recipient.zone.id})` : `outside all zones${recipient.destinations.length ? `: ${recipient.destinations.map((d) => d.name).join(", ")}` : ""}`}` +
  `: ${recipient.categories.join(", ")}${recipient.purpose ? ` for ${recipient.purpose}` : ""} [path ${recipient.pathId}${recipient.expiresAt ? `, until ${recipient.expiresAt.slice(0, 10)}` : ""}]`;

export const describeTransfer = (transfer: RopaTransfer) =>
  `${transfer.from.name} → ${transfer.to.namespace}/${transfer.to.name}: ${transfer.categories.join(", ")} ${transfer.sanctioned ? `[sanctioned: ${transfer.pathIds.join(", ")}]` : "[NOT SANCTIONED]"}`;

/** Art. 30(1)(a): the controller; the organisation's name when no separate controller is named. */
const controllerName = (controller: RopaController) => controller.controllerName || controller.organisationName;

/** One row per processing activity, multi-valued cells joined with "; ". */
export function ropaTable(record: RopaRecord): { header: readonly string[]; rows: string[][] } {
  const { controller } = record;
  const rows = record.activities.map((activity) => [
    activity.zone.name,
    activity.zone.id,
    activity.zone.description ?? "",
    activity.zone.owner ?? "",
    controllerName(controller),
    controller.controllerContact,
    controller.dpoContact,
    activity.purposes.map(describePurpose).join("; "),
    activity.dataSubjects.map((subject) => subject.name).join("; "),
    activity.dataCategories.map(describeDataCategory).join("; "),
    activity.recipients.map(describeRecipient).join("; "),
    activity.transfers.map(describeTransfer).join("; "),
    activity.retention ?? "",
    String(activity.assetCount),
  ]);
  return { header: ROPA_COLUMNS, rows };
}

export const ROPA_TRANSFER_COLUMNS = ["Processing activity", "Zone id", "From asset", "To asset", "To namespace", "To kind", "To owner", "Categories", "Sanctioned", "Sanctioned paths"] as const;

/** One row per transfer out of all zones (the XLSX's second sheet). */
export function ropaTransferTable(record: RopaRecord): { header: readonly string[]; rows: string[][] } {
  const rows = record.activities.flatMap((activity) =>
    activity.transfers.map((transfer) => [
      activity.zone.name,
      activity.zone.id,
      transfer.from.id,
      transfer.to.id,
      transfer.to.namespace,
      transfer.to.kind,
      transfer.to.owner ?? "",
      transfer.categories.join("; "),
      transfer.sanctioned ? "yes" : "no",
      transfer.pathIds.join("; "),
    ]),
  );
  return { header: ROPA_TRANSFER_COLUMNS, rows };
}
