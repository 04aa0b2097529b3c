// The files of an evidence bundle, each produced record by record: the world
// files from the process's cached engine state (the verdicts are the engine's,
// at one world version), the period's files from paged SQL, so 100k audit
// entries never sit in memory at once. README, "Evidence bundle", lists them.
import type { Prisma } from "@/generated/prisma/client";
import { canonicalJson, type JsonValue } from "@/lib/audit";
import { AUDIT_ENTRIES_PATH } from "@/lib/evidence/bundle-manifest";
import { csvFile, jsonArrayFile, jsonLinesFile, type BundleFileSource, type CsvColumn } from "@/lib/evidence/bundle-writer";
import { csvRecord } from "@/lib/evidence/csv";
import type { World } from "@/lib/world/schema";
import { databasePool, prisma } from "../db";
import type { WorldState } from "../world/world-state";
import { AuditSpool } from "./audit-spool";

// Rows per query: large enough that round trips do not dominate on a busy database, small enough to stay a few MB.
const PAGE = 5_000;

/** The audit chain segment of the period: contiguous, whatever the zones (the chain is global). */
export interface SegmentRange {
  first: number;
  last: number;
}

export interface BundleContext {
  from: Date;
  to: Date;
  /** the zones covered; null: every zone (including none: unzoned assets are in an all-zones bundle) */
  zones: ReadonlySet<string> | null;
  state: WorldState;
  segment: SegmentRange | null;
  /** set by the producers: the one pass over the segment's entries that the audit-derived files share */
  spool?: AuditSpool<AuditRow>;
}

// ---------------------------------------------------------------- the world, from the engine's state

// asset → zone, built once per world (each table's JSON and CSV passes share it)
const zoneMaps = new WeakMap<World, Map<string, string | null>>();
function zoneOf(world: World): Map<string, string | null> {
  let map = zoneMaps.get(world);
  if (!map) zoneMaps.set(world, (map = new Map(world.assets.map((asset) => [asset.id, asset.zone]))));
  return map;
}

const inScope = (context: BundleContext, ...zones: (string | null | undefined)[]) => context.zones === null || zones.some((zone) => zone != null && context.zones!.has(zone));

function zones(context: BundleContext) {
  return context.state.world().zones.filter((zone) => inScope(context, zone.id));
}

function assets(context: BundleContext) {
  return context.state.world().assets.filter((asset) => inScope(context, asset.zone));
}

function* edges(context: BundleContext) {
  const world = context.state.world();
  const zoneById = zoneOf(world);
  const { evaluation } = context.state;
  for (const edge of world.edges) {
    const fromZone = zoneById.get(edge.from) ?? null;
    const toZone = zoneById.get(edge.to) ?? null;
    if (!inScope(context, fromZone, toZone)) continue;
    const verdict = evaluation.edgeVerdict(edge.from, edge.to);
    // Spelled out, not `{ ...edge, fromZone, … }`: V8 gives a spread followed by more properties a fresh hidden
    // class per object, which made 200k edge rows cost seconds and most of the export's garbage collection.
    yield {
      from: edge.from,
      to: edge.to,
      transforms: edge.transforms,
      signals: edge.signals,
      firstSeen: edge.firstSeen,
      lastSeen: edge.lastSeen,
      reviewState: edge.reviewState,
      reviewedBy: edge.reviewedBy,
      reviewedAt: edge.reviewedAt,
      fromZone,
      toZone,
      verdict,
      sanctionedPaths: verdict === "sanctioned" ? evaluation.sanctionedPathsFor(edge.from, edge.to) : [],
    };
  }
}

function paths(context: BundleContext) {
  return context.state.world().sanctionedPaths.filter((path) => inScope(context, path.from, path.to));
}

// ---------------------------------------------------------------- the period, from paged SQL

type AuditRow = { sequence: number; at: Date; actor: string; action: string; subject: string; payload: Prisma.JsonValue; prevHash: string; hash: string };

/**
 * The segment's entries in pages by sequence, through `pg` rather than Prisma (Prisma 7 decoded these rows
 * at several times the cost of the query), with the next page's query in flight while this one is used.
 */
async function* auditRows(segment: SegmentRange | null): AsyncIterable<AuditRow> {
  if (!segment) return;
  const pool = databasePool();
  const page = (after: number) =>
    pool
      .query<AuditRow>({
        text: `SELECT "sequence", "at", "actor", "action", "subject", "payload", "prevHash", "hash" FROM "AuditEntry" WHERE "sequence" > $1 AND "sequence" <= $2 ORDER BY "sequence" LIMIT $3`,
        values: [after, segment.last, PAGE],
      })
      .then((result) => result.rows);
  // the next page is asked for as soon as this one arrives (keyed on its last row: a tampered log may have gaps)
  let next: Promise<AuditRow[]> | null = page(segment.first - 1);
  while (next) {
    const rows: AuditRow[] = await next;
    next = rows.length === PAGE ? page(rows[rows.length - 1].sequence) : null;
    next?.catch(() => {}); // awaited on the next turn; a reader that stops early must not leave it unhandled
    for (const row of rows) yield row;
  }
}

// The raw OpenLineage events received in the period (DESIGN.md: "Raw events are kept, with their facets, as
// evidence"), by time received, which is when the ingestion's audit entry was written. A zone-filtered bundle
// keeps an event when its job or one of its datasets is an asset of a covered zone.
export const LINEAGE_EVENTS_PATH = "lineage-events.jsonl";
type LineageEventRow = { hash: string; eventTime: Date; receivedAt: Date; receivedBy: string; kind: string; eventType: string | null; runId: string | null; event: Prisma.JsonValue };

async function* lineageEvents(context: BundleContext): AsyncIterable<LineageEventRow> {
  const zoneByName = context.zones === null ? null : new Map(context.state.world().assets.map((asset) => [`${asset.namespace}\u0000${asset.name}`, asset.zone]));
  const named = (value: unknown) => {
    const ref = asObject(value);
    return zoneByName!.get(`${asString(ref.namespace)}\u0000${asString(ref.name)}`);
  };
  let after: { receivedAt: Date; hash: string } | null = null;
  for (;;) {
    const rows: LineageEventRow[] = await prisma().openLineageEvent.findMany({
      where: {
        receivedAt: { gte: context.from, lte: context.to },
        ...(after ? { OR: [{ receivedAt: { gt: after.receivedAt } }, { receivedAt: after.receivedAt, hash: { gt: after.hash } }] } : {}),
      },
      orderBy: [{ receivedAt: "asc" }, { hash: "asc" }],
      take: PAGE,
      select: { hash: true, eventTime: true, receivedAt: true, receivedBy: true, kind: true, eventType: true, runId: true, event: true },
    });
    for (const row of rows) {
      if (zoneByName !== null) {
        const event = asObject(row.event);
        const refs = [event.job, event.dataset, ...asArray(event.inputs), ...asArray(event.outputs)].filter((ref) => ref !== undefined);
        if (!inScope(context, ...refs.map(named))) continue;
      }
      yield row;
    }
    if (rows.length < PAGE) return;
    after = rows.at(-1)!;
  }
}

const lineageEventLine = (row: LineageEventRow) => ({
  sha256: row.hash,
  receivedAt: row.receivedAt.toISOString(),
  receivedBy: row.receivedBy,
  kind: row.kind,
  eventType: row.eventType,
  eventTime: row.eventTime.toISOString(),
  runId: row.runId,
  event: row.event as JsonValue,
});

/** Exactly the stored fields the chain hashes over, plus prevHash and hash (lib/audit's hashEntry). */
const auditLine = (row: AuditRow) => ({ sequence: row.sequence, at: row.at.toISOString(), actor: row.actor, action: row.action, subject: row.subject, payload: row.payload as JsonValue, prevHash: row.prevHash, hash: row.hash });

// The decisions DESIGN.md's roles table names: path transitions (path.*), edge reviews, zone changes, world imports.
const DECISION_ACTIONS = new Set(["edge.review", "zone.create", "zone.update", "world.import"]);

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** The zones a decision concerns, for the zone filter; null: every zone (a world import). */
function decisionZones(row: AuditRow, zoneById: Map<string, string | null>): (string | null)[] | null {
  const payload = asObject(row.payload);
  if (row.action.startsWith("path.")) {
    const path = asObject(payload.path);
    return [asString(path.from), asString(path.to)];
  }
  if (row.action.startsWith("zone.")) return [row.subject.replace(/^zone:/, "")];
  if (row.action === "edge.review") {
    return asArray(payload.edges).flatMap((edge) => [zoneById.get(asString(asObject(edge).from) ?? "") ?? null, zoneById.get(asString(asObject(edge).to) ?? "") ?? null]);
  }
  return null;
}

function decision(context: BundleContext, row: AuditRow) {
  if (!(row.action.startsWith("path.") || DECISION_ACTIONS.has(row.action))) return null;
  const concerned = decisionZones(row, zoneOf(context.state.world()));
  if (concerned !== null && !inScope(context, ...concerned)) return null;
  return { ...auditLine(row), zones: concerned === null ? null : [...new Set(concerned.filter((zone): zone is string => zone !== null))].sort() };
}

function admissionCheck(context: BundleContext, row: AuditRow) {
  if (row.action !== "admission.check") return null;
  const zoneById = zoneOf(context.state.world());
  {
    const payload = asObject(row.payload);
    const request = asObject(payload.request);
    const answer = asObject(payload.answer);
    const reasons = asArray(answer.reasons).map(asObject);
    const inputs = asArray(request.inputs).map((input) => asString(input) ?? JSON.stringify(input));
    const job = asString(request.job);
    const concerned = [asString(request.zone), job ? (zoneById.get(job) ?? null) : null, ...inputs.map((input) => zoneById.get(input) ?? null), ...reasons.map((reason) => asString(reason.zone))];
    if (!inScope(context, ...concerned)) return null;
    return {
      sequence: row.sequence,
      at: row.at.toISOString(),
      actor: row.actor,
      checkId: asString(payload.checkId),
      job,
      purpose: asString(request.purpose),
      inputs,
      zone: asString(request.zone),
      allowed: answer.allowed === true,
      reasons,
      wouldDeny: asArray(payload.wouldDeny),
      worldVersion: typeof payload.worldVersion === "number" ? payload.worldVersion : null,
    };
  }
}

/** Violations opened or resolved in [from, to], or open at `to`. */
async function* violations(context: BundleContext) {
  const { from, to } = context;
  const where: Prisma.ViolationWhereInput = {
    ...(context.zones ? { zoneId: { in: [...context.zones] } } : {}),
    OR: [{ openedAt: { gte: from, lte: to } }, { resolvedAt: { gte: from, lte: to } }, { openedAt: { lte: to }, OR: [{ resolvedAt: null }, { resolvedAt: { gt: to } }] }],
  };
  let after = 0;
  for (;;) {
    const rows = await prisma().violation.findMany({ where: { ...where, id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE });
    for (const v of rows) {
      yield {
        id: v.id,
        kind: v.kind,
        subject: v.subject,
        zone: v.zoneId,
        asset: v.assetId,
        edge: v.edgeFromId && v.edgeToId ? { from: v.edgeFromId, to: v.edgeToId } : null,
        categories: v.categories,
        explanation: v.explanation,
        path: v.path,
        openedAt: v.openedAt.toISOString(),
        resolvedAt: v.resolvedAt?.toISOString() ?? null,
        openedInPeriod: v.openedAt >= from && v.openedAt <= to,
        resolvedInPeriod: v.resolvedAt !== null && v.resolvedAt >= from && v.resolvedAt <= to,
        openAtEnd: v.openedAt <= to && (v.resolvedAt === null || v.resolvedAt > to),
      };
    }
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.id;
  }
}

// ---------------------------------------------------------------- the files

type Row<F extends (context: BundleContext) => Iterable<unknown> | AsyncIterable<unknown>> = F extends (context: BundleContext) => Iterable<infer R> | AsyncIterable<infer R> ? R : never;

/** A table as JSON (every field) and CSV (the columns a spreadsheet user reads). */
function table<F extends (context: BundleContext) => Iterable<unknown> | AsyncIterable<unknown>>(name: string, rows: F, columns: readonly CsvColumn<Row<F>>[]) {
  return (context: BundleContext): BundleFileSource[] => [
    jsonArrayFile(`${name}.json`, () => rows(context) as Iterable<Row<F>>),
    csvFile(`${name}.csv`, columns, () => rows(context) as Iterable<Row<F>>),
  ];
}

// Every file drawn from the audit entries, with how its record is written (as jsonArrayFile, csvFile and
// jsonLinesFile write theirs); the spool reads the segment once and feeds them all.
type AuditDerived = { path: string; separator: string; record: (context: BundleContext, row: AuditRow) => string | null };
const AUDIT_DERIVED: AuditDerived[] = [];

function spoolOf(context: BundleContext): AuditSpool<AuditRow> {
  context.spool ??= new AuditSpool(
    () => auditRows(context.segment),
    [...AUDIT_DERIVED, { path: AUDIT_ENTRIES_PATH, separator: "", record: (_context: BundleContext, row: AuditRow) => `${canonicalJson(auditLine(row))}\n` }].map((file) => ({ path: file.path, separator: file.separator, record: (row: AuditRow) => file.record(context, row) })),
  );
  return context.spool;
}

/** Starts the one pass over the period's audit entries now, so that it overlaps the world files. */
export function startAuditSpool(context: BundleContext): void {
  void spoolOf(context).start();
}

/** A table of rows drawn from audit entries, as JSON and CSV, written from the shared pass. */
function auditTable<R>(name: string, toRow: (context: BundleContext, row: AuditRow) => R | null, columns: readonly CsvColumn<R>[]) {
  const json = `${name}.json`;
  const csv = `${name}.csv`;
  // the spool asks for the JSON record, then the CSV record, of each entry: the row is made once for both
  let last: { entry: AuditRow; row: R | null } | null = null;
  const rowOf = (context: BundleContext, entry: AuditRow) => (last?.entry === entry ? last.row : (last = { entry, row: toRow(context, entry) }).row);
  const jsonFile = jsonArrayFile(json, () => []);
  const csvFileOf = csvFile(csv, columns, () => []);
  AUDIT_DERIVED.push(
    { path: json, separator: jsonFile.separator ?? "", record: (context, entry) => { const row = rowOf(context, entry); return row === null ? null : JSON.stringify(row); } },
    { path: csv, separator: csvFileOf.separator ?? "", record: (context, entry) => { const row = rowOf(context, entry); return row === null ? null : csvRecord(columns.map(([, value]) => value(row))); } },
  );
  return (context: BundleContext): BundleFileSource[] => [
    { ...jsonFile, body: () => spoolOf(context).body(json) },
    { ...csvFileOf, body: () => spoolOf(context).body(csv) },
  ];
}

/**
 * The bundle's files in the order they are written (manifest.json comes last,
 * from the writer). One producer per entry; the lead adds the raw lineage
 * events where marked.
 */
export const BUNDLE_FILE_PRODUCERS: ((context: BundleContext) => BundleFileSource[])[] = [
  table("zones", zones, [
    ["id", (z) => z.id], ["name", (z) => z.name], ["mode", (z) => z.mode], ["owner", (z) => z.owner], ["description", (z) => z.description],
    ["allowed_categories", (z) => z.allow.map((rule) => `${rule.category} (≥ ${rule.minQualifier}${rule.requireConsent ? ", consent" : ""})`)], ["purposes", (z) => z.purposes],
  ]),
  table("assets", assets, [
    ["id", (a) => a.id], ["namespace", (a) => a.namespace], ["name", (a) => a.name], ["kind", (a) => a.kind], ["zone", (a) => a.zone], ["purpose", (a) => a.purpose], ["owner", (a) => a.owner],
    ["labels", (a) => a.labels.map((label) => `${label.category} (${label.qualifier}${label.consented ? ", consented" : ""})`)],
  ]),
  table("edges", edges, [
    ["from", (e) => e.from], ["to", (e) => e.to], ["from_zone", (e) => e.fromZone], ["to_zone", (e) => e.toZone], ["verdict", (e) => e.verdict], ["sanctioned_by", (e) => e.sanctionedPaths],
    ["transforms", (e) => e.transforms], ["signals", (e) => e.signals], ["review_state", (e) => e.reviewState], ["reviewed_by", (e) => e.reviewedBy], ["first_seen", (e) => e.firstSeen], ["last_seen", (e) => e.lastSeen],
  ]),
  table("sanctioned-paths", paths, [
    ["id", (p) => p.id], ["from_zone", (p) => p.from], ["to_zone", (p) => p.to], ["categories", (p) => p.categories], ["purpose", (p) => p.purpose], ["status", (p) => p.status], ["expires_at", (p) => p.expiresAt],
    ["requester", (p) => p.requester], ["reviewer", (p) => p.reviewer], ["requested_at", (p) => p.requestedAt], ["reviewed_at", (p) => p.reviewedAt], ["justification", (p) => p.justification], ["review_note", (p) => p.reviewNote],
  ]),
  auditTable("decisions", decision, [
    ["sequence", (d) => d.sequence], ["at", (d) => d.at], ["actor", (d) => d.actor], ["action", (d) => d.action], ["subject", (d) => d.subject], ["zones", (d) => d.zones ?? "all"], ["details", (d) => d.payload], ["hash", (d) => d.hash],
  ]),
  auditTable("admission-checks", admissionCheck, [
    ["sequence", (a) => a.sequence], ["at", (a) => a.at], ["actor", (a) => a.actor], ["job", (a) => a.job], ["purpose", (a) => a.purpose], ["inputs", (a) => a.inputs], ["zone", (a) => a.zone], ["allowed", (a) => a.allowed],
    ["reasons", (a) => a.reasons.map((reason) => `${String(reason.kind)}${reason.input ? ` (${String(reason.input)})` : ""} in ${String(reason.zone)}${reason.enforced ? "" : " [logging]"}`)], ["check_id", (a) => a.checkId],
  ]),
  table("violations", violations, [
    ["id", (v) => v.id], ["kind", (v) => v.kind], ["subject", (v) => v.subject], ["zone", (v) => v.zone], ["categories", (v) => v.categories], ["opened_at", (v) => v.openedAt], ["resolved_at", (v) => v.resolvedAt],
    ["opened_in_period", (v) => v.openedInPeriod], ["resolved_in_period", (v) => v.resolvedInPeriod], ["open_at_end", (v) => v.openAtEnd], ["explanation", (v) => v.explanation],
  ]),
  (context) => [jsonLinesFile(LINEAGE_EVENTS_PATH, () => lineageEvents(context), lineageEventLine)],
  (context) => [{ ...jsonLinesFile(AUDIT_ENTRIES_PATH, () => []), body: () => spoolOf(context).body(AUDIT_ENTRIES_PATH) }],
];
