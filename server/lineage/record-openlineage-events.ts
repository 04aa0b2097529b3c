// OpenLineage ingestion as a use case (DESIGN.md "OpenLineage mapping"): the
// events of one request (one event, or a batch) are written in one
// transaction, all or nothing: the raw events (evidence, keyed by their
// sha256), the datasets and jobs as assets, the edges input → job → output with
// signal `openlineage`, the latest facets per asset, the `zoneline` facets'
// labels / zone / purpose / kind, the world version's description and one
// audit entry. Then the world is re-evaluated (coalesced: schedule-evaluation).
//
// Every table is written set-based, never a query per row, and the request is
// planned before the world lock (storeFresh): under it, a batch of 100 events
// is two round trips.
import { canonicalJson } from "@/lib/audit";
import type { ParsedWorldChange } from "@/lib/engine/incremental";
import type { DatasetColumns } from "@/lib/labels/dataset-columns";
import { assetIdCandidates } from "@/lib/lineage/asset-id";
import { columnLineageOf, mergeFacets, schemaColumnsOf, type StoredFacets } from "@/lib/lineage/openlineage-facets";
import { zonelineReferences, type OpenLineageEvent, type ZonelineDatasetFacet, type ZonelineJobFacet } from "@/lib/lineage/openlineage-event";
import type { Asset, AssetKind, Edge, Label, Signal } from "@/lib/world/schema";
import { databasePool, prisma } from "../db";
import { combineWrites, EndingWith, inPgTransaction, pgSql, type RunSql, type Statement } from "../db/run-sql";
import { AppError } from "../errors";
import { chainAuditEntries, LOCK_AUDIT_TAIL, type AuditRecord, type AuditTail } from "../audit/record-audit-entry";
import { runEvaluation } from "../evaluations/run-evaluation";
import { scheduleEvaluation } from "../evaluations/schedule-evaluation";
import { planLabelSuggestions, unplannedDatasets } from "../labels/record-label-suggestions";
import { edgeOfRow, type EdgeRow } from "../world/load-world";
import { cachedWorld, noteOwnWorldChange, type WorldLookup } from "../world/world-state";
import { describeWorldChangesStatement, LOCK_WORLD, worldLockOf } from "../world/world-version";

const SIGNAL: Signal = "openlineage";

export interface RecordOpenLineageOptions {
  actor: string;
  events: OpenLineageEvent[];
  /** how the 422 names an event's fields: `[3].` for a batch, nothing for a single event */
  batch: boolean;
  /** routes schedule (coalesced, after answering); a CLI or a test may wait, or skip it */
  evaluate?: "schedule" | "wait" | "none";
}

export interface OpenLineageAnswer {
  /** events in the request */
  received: number;
  /** events stored now (new to Zoneline) */
  stored: number;
  /** events Zoneline already had (same sha256), or repeated within the request: they change nothing */
  replayed: number;
  assetsCreated: number;
  assetsUpdated: number;
  edgesCreated: number;
  edgesUpdated: number;
  /** the world version that holds these events' lineage; null when the world did not change */
  worldVersion: number | null;
  /** new label suggestions from the datasets' schema and column lineage (a reviewer accepts or dismisses them on /labels) */
  labelsSuggested: number;
}

type Role = "job" | "dataset";
interface AssetRef {
  namespace: string;
  name: string;
  role: Role;
  /** facets per event, in eventTime order */
  facets: { facets: Record<string, unknown>; eventTime: string }[];
}

type AssetRow = { id: string; namespace: string; name: string; kind: AssetKind; zoneId: string | null; purposeKey: string | null; owner: string | null; description: string | null };

const refKey = (namespace: string, name: string) => `${namespace}\u0000${name}`;
const edgeKey = (from: string, to: string) => `${from}\u0000${to}`;
// eventTimes and stored timestamps are all in the one normalized UTC form (normalizeTimestamp, toISOString),
// which sorts as text in time order: no Date.parse per comparison
const earlier = (a: string, b: string) => (a <= b ? a : b);
const later = (a: string, b: string) => (a >= b ? a : b);

export async function recordOpenLineageEvents({ actor, events, batch, evaluate = "schedule" }: RecordOpenLineageOptions): Promise<OpenLineageAnswer> {
  // an event repeated inside the request counts once (its first occurrence), like a replay
  const unique = new Map<string, { event: OpenLineageEvent; index: number }>();
  events.forEach((event, index) => {
    if (!unique.has(event.hash)) unique.set(event.hash, { event, index });
  });
  const answer: OpenLineageAnswer = { received: events.length, stored: 0, replayed: events.length, assetsCreated: 0, assetsUpdated: 0, edgesCreated: 0, edgesUpdated: 0, worldVersion: null, labelsSuggested: 0 };
  await inTurn(() => storeFresh(answer, actor, unique, events.length, batch));
  if (answer.worldVersion !== null && evaluate !== "none") {
    if (evaluate === "wait") await runEvaluation({ trigger: "lineage.openlineage", actor });
    else scheduleEvaluation({ trigger: "lineage.openlineage", actor });
  }
  return answer;
}

const turns = globalThis as unknown as { zonelineIngestionTurn?: Promise<unknown> };

/**
 * One request of this process at a time checks for replays, plans and writes
 * (storeFresh): each then plans against the version the one before it
 * committed, so its plan holds under the lock, instead of several planning
 * against the same version and all but one planning again under it. Parsing
 * and hashing (in the route) stay outside; the work inside is CPU-bound on
 * this one thread anyway. Other processes' writes still make a plan fall back.
 */
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const run = (turns.zonelineIngestionTurn ?? Promise.resolve()).then(work, work);
  turns.zonelineIngestionTurn = run.catch(() => {});
  return run;
}

async function storeFresh(answer: OpenLineageAnswer, actor: string, unique: Map<string, { event: OpenLineageEvent; index: number }>, received: number, batch: boolean): Promise<void> {
  // A replay changes nothing, and a request of replays only writes nothing at all (no audit entry either:
  // the events' first ingestion was audited, and a retrying pipeline must not grow the log).
  // The cached world's version first: the check for replays then sees every event up to it (see below).
  const cached = cachedWorld();
  const pool = pgSql(databasePool());
  // with the check for replays, in the same round trip, the stored facets the plan will merge into
  const all = [...unique.values()].map(({ event }) => event);
  const allPlan = cached ? planLineage(all) : null;
  const allRefs = allPlan?.refs ?? null;
  const knownAssets = cached ? knownInCache(cached.lookup, allRefs!) : null;
  const [{ known: knownList, facets }] = await pool<{ known: string[]; facets: ({ assetId: string } & StoredFacets)[] }>(
    `SELECT (SELECT coalesce(array_agg("hash"), '{}') FROM "OpenLineageEvent" WHERE "hash" = ANY($1::text[])) AS "known",
            (SELECT coalesce(jsonb_agg(f), '[]') FROM (${FACETS_OF.replace("$1", "$2")}) f) AS "facets"`,
    [[...unique.keys()], knownAssets ? idsWithIncomingFacets(knownAssets, allRefs!) : []],
  );
  const known = new Set(knownList);
  const fresh = [...unique.values()].filter(({ event }) => !known.has(event.hash));
  if (!fresh.length) return;
  await checkReferences(fresh, batch);

  // Planned before the world lock, against the cached world: under the lock there is then nothing left to
  // compute, so concurrent requests (other processes') spend their time outside it. The plan holds if no
  // other write committed meanwhile (the lock's base is the version planned on); otherwise it is made again
  // under the lock.
  const candidates = fresh.map(({ event }) => event);
  let planned: { base: number; write: PlannedWrite } | null = null;
  if (cached) {
    const facetsOf = new Map(facets.map(({ assetId, facets: byName, facetTimes }) => [assetId, { facets: byName, facetTimes: facetTimes ?? {} }]));
    for (const asset of knownAssets!.values()) asset.facets = facetsOf.get(asset.id) ?? null;
    // the plan of every event serves when none was a replay (the usual case)
    const plan = candidates.length === all.length ? allPlan! : planLineage(candidates);
    planned = { base: cached.version, write: await planLineageWrite(pool, actor, candidates, cachedSources(cached.lookup, knownAssets!), cached.version + 1, plan) };
  }

  // Through `pg`, not Prisma (a batch's rows go as JSON parameters, which Prisma copied and re-parsed). BEGIN,
  // the world lock and the audit chain's lock and tail in one round trip, then the writes with COMMIT in one:
  // the audit payload is planned already, so the chain's lock is held for that one round trip more.
  let lock = { base: 0, version: 0 };
  const written = await inPgTransaction(
    (client, [locked, tail]) => {
      lock = worldLockOf(locked as { version: number }[]);
      const sql = pgSql(client);
      // nothing committed since the plan's version, which committed before the check for replays began:
      // no other request can have stored these events meanwhile
      if (planned?.base === lock.base) return writePlanned(sql, planned.write, tail as AuditTail[], [insertEvents(actor, candidates)]);
      return writeLineageUnderLock(sql, actor, candidates, lock, tail as AuditTail[]);
    },
    [LOCK_WORLD, LOCK_AUDIT_TAIL],
  );
  // the next request (in turn) plans against this version, from memory
  noteOwnWorldChange(lock, written.changes);
  written.committed();
  const result = written.counts;
  Object.assign(answer, result, { replayed: received - result.stored });
}

/** Zones, categories and purposes named by `zoneline` facets must exist: 422 naming each field otherwise. */
async function checkReferences(fresh: { event: OpenLineageEvent; index: number }[], batch: boolean): Promise<void> {
  const references = zonelineReferences(
    fresh.map(({ event }) => event),
    (i) => (batch ? `[${fresh[i].index}]` : ""),
  );
  if (!references.length) return;
  const keys = (kind: string) => [...new Set(references.filter((r) => r.kind === kind).map((r) => r.key))];
  const db = prisma();
  const [zones, categories, purposes] = await Promise.all([
    db.zone.findMany({ where: { id: { in: keys("zone") } }, select: { id: true } }),
    db.dataCategory.findMany({ where: { key: { in: keys("category") } }, select: { key: true } }),
    db.purpose.findMany({ where: { key: { in: keys("purpose") } }, select: { key: true } }),
  ]);
  const exists = { zone: new Set(zones.map((z) => z.id)), category: new Set(categories.map((c) => c.key)), purpose: new Set(purposes.map((p) => p.key)) };
  const issues = references.filter((r) => !exists[r.kind].has(r.key)).map((r) => `${r.path}: unknown ${r.kind} ${JSON.stringify(r.key)}`);
  if (issues.length) throw new AppError("UNPROCESSABLE", issues.length === 1 ? issues[0] : `${issues[0]} (and ${issues.length - 1} more problems)`, issues.slice(0, 100));
}

/** Stores the raw events, returning the hashes this transaction inserted (not those another one stored first). */
function insertEvents(actor: string, events: OpenLineageEvent[]): Statement {
  // each event goes as the canonical JSON the parser already made (not serialized again), after its columns
  const rows = events.map((event) => {
    const columns = JSON.stringify({
      hash: event.hash,
      eventTime: event.eventTime,
      receivedBy: actor,
      kind: event.kind,
      eventType: event.eventType,
      runId: event.runId,
      jobNamespace: event.job?.namespace ?? null,
      jobName: event.job?.name ?? null,
    });
    return `${columns.slice(0, -1)},"event":${event.canonical}}`;
  });
  return {
    text: `INSERT INTO "OpenLineageEvent" ("hash", "eventTime", "receivedBy", "kind", "eventType", "runId", "jobNamespace", "jobName", "event")
     SELECT r."hash", r."eventTime", r."receivedBy", r."kind", r."eventType", r."runId", r."jobNamespace", r."jobName", r."event"
       FROM jsonb_to_recordset($1::jsonb) AS r("hash" text, "eventTime" timestamptz, "receivedBy" text, "kind" text, "eventType" text, "runId" text, "jobNamespace" text, "jobName" text, "event" jsonb)
     ON CONFLICT ("hash") DO NOTHING RETURNING "hash"`,
    params: [`[${rows.join(",")}]`],
  };
}

/** The assets and edges a request names, from its events in eventTime order. */
function planLineage(events: OpenLineageEvent[]) {
  // facets apply in eventTime order (latest wins), whatever order the events came in
  const ordered = [...events].sort((a, b) => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : 0));
  const refs = new Map<string, AssetRef>();
  const touch = (namespace: string, name: string, role: Role, facets: Record<string, unknown>, eventTime: string) => {
    const key = refKey(namespace, name);
    let ref = refs.get(key);
    if (!ref) refs.set(key, (ref = { namespace, name, role, facets: [] }));
    if (role === "job") ref.role = "job"; // a name used both ways is one asset; it was seen running
    if (Object.keys(facets).length) ref.facets.push({ facets, eventTime });
  };
  const flows: { from: string; to: string; eventTime: string }[] = [];
  for (const event of ordered) {
    if (event.dataset) touch(event.dataset.namespace, event.dataset.name, "dataset", event.dataset.facets, event.eventTime);
    for (const dataset of [...event.inputs, ...event.outputs]) touch(dataset.namespace, dataset.name, "dataset", dataset.facets, event.eventTime);
    if (!event.job) continue;
    touch(event.job.namespace, event.job.name, "job", event.job.facets, event.eventTime);
    const job = refKey(event.job.namespace, event.job.name);
    for (const input of event.inputs) flows.push({ from: refKey(input.namespace, input.name), to: job, eventTime: event.eventTime });
    for (const output of event.outputs) flows.push({ from: job, to: refKey(output.namespace, output.name), eventTime: event.eventTime });
  }
  return { refs, flows };
}

/** An asset the world already holds, with what ingestion may change of it. */
type KnownAsset = AssetRow & { labels: Label[]; facets: StoredFacets | null };

/**
 * What a request's lineage needs of the world at one version: the assets it
 * names, their labels and stored facets, the edges between them, the ids
 * already taken. From this process's cached world (cachedSources: before the
 * world lock, or under it when the cache is at its base version), else from
 * the database under the lock (readWorldAsOfLock).
 */
interface WorldSources {
  known: Map<string, KnownAsset>;
  edges(pairs: { from: string; to: string }[]): Promise<Map<string, Edge>>;
  /** ids of assets named (namespace, name) that no event of the request names (column-lineage inputs) */
  idsNamed(names: { namespace: string; name: string }[]): Promise<Map<string, string>>;
  /** which of these asset ids are taken */
  takenIds(ids: string[]): Promise<Set<string>>;
}

const FACETS_OF = `SELECT f."assetId", f."facets", f."facetTimes" FROM "AssetFacets" f WHERE f."assetId" = ANY($1::text[])`;

/** The assets of `refs` the cached world holds, without their stored facets yet (facets are not in the engine). */
function knownInCache(world: WorldLookup, refs: Map<string, AssetRef>): Map<string, KnownAsset> {
  const known = new Map<string, KnownAsset>();
  for (const [key, ref] of refs) {
    const asset = world.assetNamed(ref.namespace, ref.name);
    if (asset)
      known.set(key, { id: asset.id, namespace: asset.namespace, name: asset.name, kind: asset.kind, zoneId: asset.zone, purposeKey: asset.purpose, owner: asset.owner, description: asset.description, labels: asset.labels, facets: null });
  }
  return known;
}

/** The ids of the known assets that `refs` bring facets for: whose stored facets the plan merges into. */
const idsWithIncomingFacets = (known: Map<string, KnownAsset>, refs: Map<string, AssetRef>) =>
  [...refs].filter(([key, ref]) => ref.facets.length && known.has(key)).map(([key]) => known.get(key)!.id);

/** The sources from the cached world, `known` given with their stored facets. */
function cachedSources(world: WorldLookup, known: Map<string, KnownAsset>): WorldSources {
  return {
    known,
    edges: async (pairs) => {
      const stored = new Map<string, Edge>();
      for (const { from, to } of pairs) {
        const edge = world.edgeBetween(from, to);
        if (edge) stored.set(edgeKey(from, to), edge);
      }
      return stored;
    },
    idsNamed: async (names) => {
      const ids = new Map<string, string>();
      for (const { namespace, name } of names) {
        const asset = world.assetNamed(namespace, name);
        if (asset) ids.set(refKey(namespace, name), asset.id);
      }
      return ids;
    },
    takenIds: async (ids) => new Set(ids.filter((id) => world.hasAsset(id))),
  };
}

/** Under the world lock, from the database: inserts the events, then reads. */
async function readWorldAsOfLock(sql: RunSql, insert: Statement, refs: Map<string, AssetRef>): Promise<WorldSources & { inserted: Set<string> }> {
  const inserted = new Set((await sql<{ hash: string }>(insert.text, insert.params)).map((row) => row.hash));
  // existing assets by (namespace, name), in the same round trip their stored facets (only for assets this
  // request brings facets for) and labels (only where a `zoneline` facet may change them): most of a batch's
  // names are inputs and jobs without facets, and each skipped lookup is an index probe fewer per name
  const rows = await sql<AssetRow & { labels: Label[] | null; facets: Record<string, unknown> | null; facetTimes: Record<string, string> | null }>(
    `SELECT a."id", a."namespace", a."name", a."kind"::text AS "kind", a."zoneId", a."purposeKey", a."owner", a."description",
            (SELECT jsonb_agg(jsonb_build_object('category', l."categoryKey", 'qualifier', l."qualifier", 'consented', l."consented") ORDER BY l."position")
               FROM "AssetLabel" l WHERE r."withLabels" AND l."assetId" = a."id") AS "labels",
            f."facets", f."facetTimes"
       FROM jsonb_to_recordset($1::jsonb) AS r("namespace" text, "name" text, "withFacets" boolean, "withLabels" boolean)
       JOIN "Asset" a ON a."namespace" = r."namespace" AND a."name" = r."name"
       -- OFFSET 0 keeps the subquery from being flattened into a join, so the flag skips the probe rather than filtering after it
       LEFT JOIN LATERAL (SELECT f."facets", f."facetTimes" FROM "AssetFacets" f WHERE r."withFacets" AND f."assetId" = a."id" OFFSET 0) f ON true`,
    [
      JSON.stringify(
        [...refs.values()].map(({ namespace, name, facets }) => ({
          namespace,
          name,
          withFacets: facets.length > 0,
          withLabels: facets.some(({ facets: byName }) => "zoneline" in byName),
        })),
      ),
    ],
  );
  const known = new Map<string, KnownAsset>(
    rows.map(({ labels, facets, facetTimes, ...row }) => [refKey(row.namespace, row.name), { ...row, labels: labels ?? [], facets: facets === null ? null : { facets, facetTimes: facetTimes ?? {} } }]),
  );
  return {
    inserted,
    known,
    edges: async (pairs) => {
      if (!pairs.length) return new Map();
      const stored = await sql<EdgeRow>(
        `SELECT e."fromId", e."toId", e."transforms", e."signals"::text[] AS "signals", e."firstSeen", e."lastSeen", e."reviewState"::text AS "reviewState", e."reviewedBy", e."reviewedAt"
           FROM "LineageEdge" e JOIN jsonb_to_recordset($1::jsonb) AS r("from" text, "to" text) ON e."fromId" = r."from" AND e."toId" = r."to"`,
        [JSON.stringify(pairs)],
      );
      return new Map(stored.map((row) => [edgeKey(row.fromId, row.toId), edgeOfRow(row)]));
    },
    takenIds: async (ids) => new Set(ids.length ? (await sql<{ id: string }>(`SELECT "id" FROM "Asset" WHERE "id" = ANY($1::text[])`, [ids])).map((row) => row.id) : []),
    idsNamed: async (names) => {
      if (!names.length) return new Map();
      const found = await sql<{ id: string; namespace: string; name: string }>(
        `SELECT a."id", a."namespace", a."name" FROM "Asset" a JOIN jsonb_to_recordset($1::jsonb) AS r("namespace" text, "name" text) ON a."namespace" = r."namespace" AND a."name" = r."name"`,
        [JSON.stringify(names)],
      );
      return new Map(found.map((row) => [refKey(row.namespace, row.name), row.id]));
    },
  };
}

type WriteResult = {
  counts: Omit<OpenLineageAnswer, "received" | "replayed">;
  changes: ParsedWorldChange[];
  /** notes, once committed, the datasets whose label suggestions were planned (unplannedDatasets) */
  committed(): void;
};

/** A request's writes, planned against the world at one version: sent as one statement with the audit entry (writePlanned). */
type PlannedWrite = WriteResult & { writes: Statement[]; audit: AuditRecord };

/**
 * The request's transaction when it could not be planned before the lock (no
 * cached world, or another write committed in between): after BEGIN and the
 * lock, the events and the first read in one round trip (readWorldAsOfLock),
 * then as writePlanned.
 */
async function writeLineageUnderLock(sql: RunSql, actor: string, candidates: OpenLineageEvent[], lock: { base: number; version: number }, auditTail: AuditTail[]): Promise<WriteResult | EndingWith<WriteResult>> {
  const candidatesPlan = planLineage(candidates);
  const read = await readWorldAsOfLock(sql, insertEvents(actor, candidates), candidatesPlan.refs);
  // a concurrent request may have stored some of them between the check for replays and the lock
  const events = candidates.filter((event) => read.inserted.has(event.hash));
  if (!events.length) {
    // the lock opened a version: it changed nothing (and the events' first ingestion was audited)
    const nothing = describeWorldChangesStatement(lock.version, []);
    await sql(nothing.text, nothing.params);
    return { counts: { stored: 0, assetsCreated: 0, assetsUpdated: 0, edgesCreated: 0, edgesUpdated: 0, worldVersion: null, labelsSuggested: 0 }, changes: [], committed: () => {} };
  }
  const plan = events.length === candidates.length ? candidatesPlan : planLineage(events);
  return writePlanned(sql, await planLineageWrite(sql, actor, events, read, lock.version, plan), auditTail);
}

/**
 * Every write and the audit entry, chained onto the tail read under the
 * chain's lock, as one statement (combineWrites), sent with COMMIT when no
 * checkpoint is due (a due one is signed in the same transaction, after it).
 */
async function writePlanned(sql: RunSql, planned: PlannedWrite, auditTail: AuditTail[], before: Statement[] = []): Promise<WriteResult | EndingWith<WriteResult>> {
  const audit = await chainAuditEntries(sql, [planned.audit], auditTail);
  const combined = combineWrites([...before, ...planned.writes, audit.insert]);
  const result = { counts: planned.counts, changes: planned.changes, committed: planned.committed };
  if (!audit.checkpointsDue) return new EndingWith(result, combined);
  await sql(combined.text, combined.params);
  await audit.signCheckpoints();
  return result;
}

/**
 * What `events` (planned as `plan`) change, against the world `sources` read at the version
 * before `version`: the writes, the change described for every process's
 * cached world, the counts and the audit record. Reads only to plan label
 * suggestions (through `sql`), and the database sources' lookups.
 */
async function planLineageWrite(sql: RunSql, actor: string, events: OpenLineageEvent[], sources: WorldSources, version: number, plan: ReturnType<typeof planLineage>): Promise<PlannedWrite> {
  const counts = { stored: events.length, assetsCreated: 0, assetsUpdated: 0, edgesCreated: 0, edgesUpdated: 0, worldVersion: null as number | null, labelsSuggested: 0 };
  const { refs, flows } = plan;

  // ---- resolve to assets: existing ones by (namespace, name); new ones get `namespace:name` (asset-id.ts)
  const byRef = new Map<string, AssetRow>();
  for (const key of refs.keys()) {
    const known = sources.known.get(key);
    if (known) byRef.set(key, known);
  }
  const missing = [...refs.entries()].filter(([key]) => !byRef.has(key));
  const candidatesForIds = missing.flatMap(([, ref]) => assetIdCandidates(ref.namespace, ref.name));
  const takenIds = await sources.takenIds(candidatesForIds);
  const created = new Set<string>();
  for (const [key, ref] of missing) {
    const id = assetIdCandidates(ref.namespace, ref.name).find((candidate) => !takenIds.has(candidate));
    if (id === undefined) throw new Error(`no free asset id for ${ref.namespace} / ${ref.name}`);
    takenIds.add(id);
    created.add(id);
    byRef.set(key, { id, namespace: ref.namespace, name: ref.name, kind: ref.role === "job" ? "batch_job" : "table", zoneId: null, purposeKey: null, owner: null, description: null });
  }
  const idOf = (key: string) => byRef.get(key)!.id;

  // ---- facets: per asset, per facet name, the latest eventTime wins; a changed `zoneline` facet updates the asset
  const labelsOf = new Map<string, Label[]>([...sources.known.values()].map((asset) => [asset.id, asset.labels]));
  const facetRows: { assetId: string; facets: Record<string, unknown>; facetTimes: Record<string, string> }[] = [];
  const assetUpdates: AssetRow[] = [];
  const labelUpdates = new Map<string, Label[]>();
  const latestFacets = new Map<string, Record<string, unknown>>();
  for (const [key, ref] of refs) {
    const row = byRef.get(key)!;
    if (!ref.facets.length) continue;
    const merged = mergeFacets(sources.known.get(key)?.facets ?? { facets: {}, facetTimes: {} }, ref.facets);
    latestFacets.set(row.id, merged.facets);
    if (!merged.changed.length) continue;
    facetRows.push({ assetId: row.id, facets: merged.facets, facetTimes: merged.facetTimes });
    if (!merged.changed.includes("zoneline")) continue;
    const facet = merged.facets.zoneline as ZonelineDatasetFacet & ZonelineJobFacet;
    const next = { ...row };
    if (facet.kind !== undefined) next.kind = facet.kind;
    if (facet.zone !== undefined) next.zoneId = facet.zone;
    if (ref.role === "job" && facet.purpose !== undefined) next.purposeKey = facet.purpose;
    if (next.kind !== row.kind || next.zoneId !== row.zoneId || next.purposeKey !== row.purposeKey) {
      byRef.set(key, next);
      if (!created.has(row.id)) assetUpdates.push(next);
    }
    if (facet.labels !== undefined && canonicalJson(facet.labels) !== canonicalJson(labelsOf.get(row.id) ?? [])) {
      labelUpdates.set(row.id, facet.labels);
      labelsOf.set(row.id, facet.labels);
    }
  }

  // ---- edges: each pair's earliest and latest eventTime; existing edges gain the signal and widen their seen range
  const pairs = new Map<string, { from: string; to: string; firstSeen: string; lastSeen: string }>();
  for (const flow of flows) {
    const from = idOf(flow.from);
    const to = idOf(flow.to);
    if (from === to) continue; // a job named like its own dataset is that dataset: no edge to itself
    const key = edgeKey(from, to);
    const pair = pairs.get(key);
    if (!pair) pairs.set(key, { from, to, firstSeen: flow.eventTime, lastSeen: flow.eventTime });
    else {
      pair.firstSeen = earlier(pair.firstSeen, flow.eventTime);
      pair.lastSeen = later(pair.lastSeen, flow.eventTime);
    }
  }
  // an edge can only exist between assets that did: pairs with a new asset need no lookup
  const storedEdges = await sources.edges([...pairs.values()].filter(({ from, to }) => !created.has(from) && !created.has(to)).map(({ from, to }) => ({ from, to })));
  const newEdges: Edge[] = [];
  const changedEdges: Edge[] = [];
  for (const [key, pair] of pairs) {
    const edge = storedEdges.get(key);
    if (!edge) {
      newEdges.push({ from: pair.from, to: pair.to, transforms: [], signals: [SIGNAL], firstSeen: pair.firstSeen, lastSeen: pair.lastSeen, reviewState: "unreviewed", reviewedBy: null, reviewedAt: null });
      continue;
    }
    const next: Edge = {
      ...edge,
      signals: edge.signals.includes(SIGNAL) ? edge.signals : [...edge.signals, SIGNAL],
      firstSeen: edge.firstSeen === null ? pair.firstSeen : earlier(edge.firstSeen, pair.firstSeen),
      lastSeen: edge.lastSeen === null ? pair.lastSeen : later(edge.lastSeen, pair.lastSeen),
    };
    if (next.signals.length !== edge.signals.length || next.firstSeen !== edge.firstSeen || next.lastSeen !== edge.lastSeen) changedEdges.push(next);
  }

  // ---- the change, described for every process's cached world
  const assetOf = (row: AssetRow): Asset => ({
    id: row.id,
    namespace: row.namespace,
    name: row.name,
    kind: row.kind,
    zone: row.zoneId,
    labels: labelsOf.get(row.id) ?? [],
    purpose: row.purposeKey,
    owner: row.owner,
    description: row.description,
  });
  const newAssets = [...byRef.values()].filter((row) => created.has(row.id));
  const changedAssetIds = new Set([...newAssets.map((a) => a.id), ...assetUpdates.map((a) => a.id), ...labelUpdates.keys()]);
  const changes: ParsedWorldChange[] = [
    ...[...byRef.values()].filter((row) => changedAssetIds.has(row.id)).map((row): ParsedWorldChange => ({ kind: "putAsset", asset: assetOf(row) })),
    ...newEdges.map((edge): ParsedWorldChange => ({ kind: "putEdge", edge })),
    ...changedEdges.map((edge): ParsedWorldChange => ({ kind: "putEdge", edge })),
  ];
  counts.assetsCreated = newAssets.length;
  counts.assetsUpdated = changedAssetIds.size - newAssets.length;
  counts.edgesCreated = newEdges.length;
  counts.edgesUpdated = changedEdges.length;
  counts.worldVersion = changes.length ? version : null;

  // ---- column evidence for label suggestions (datasets whose events carry a schema or columnLineage facet)
  const columns = unplannedDatasets(await buildDatasetColumns(sources, refs, byRef, latestFacets));
  const suggestions = await planLabelSuggestions(sql, columns.datasets);
  counts.labelsSuggested = suggestions?.suggested ?? 0;

  // ---- writes, sent as one statement: a relabelled asset's labels are upserted by position and the positions
  // beyond its new list deleted (disjoint rows, as one statement needs)
  const writes: Statement[] = [];
  if (labelUpdates.size) {
    const labelRows = [...labelUpdates].flatMap(([assetId, labels]) => labels.map((label, position) => ({ assetId, position, categoryKey: label.category, qualifier: label.qualifier, consented: label.consented })));
    writes.push({
      text: `DELETE FROM "AssetLabel" l USING jsonb_to_recordset($1::jsonb) AS r("assetId" text, "count" int) WHERE l."assetId" = r."assetId" AND l."position" >= r."count"`,
      params: [JSON.stringify([...labelUpdates].map(([assetId, labels]) => ({ assetId, count: labels.length })))],
    });
    if (labelRows.length) {
      writes.push({
        text: `INSERT INTO "AssetLabel" ("assetId", "position", "categoryKey", "qualifier", "consented")
           SELECT r."assetId", r."position", r."categoryKey", r."qualifier"::"Qualifier", r."consented"
             FROM jsonb_to_recordset($1::jsonb) AS r("assetId" text, "position" int, "categoryKey" text, "qualifier" text, "consented" boolean)
           ON CONFLICT ("assetId", "position") DO UPDATE SET "categoryKey" = EXCLUDED."categoryKey", "qualifier" = EXCLUDED."qualifier", "consented" = EXCLUDED."consented"`,
        params: [JSON.stringify(labelRows)],
      });
    }
  }
  if (newAssets.length) {
    writes.push({
      text: `INSERT INTO "Asset" ("id", "namespace", "name", "kind", "zoneId", "purposeKey", "updatedAt")
       SELECT r."id", r."namespace", r."name", r."kind"::"AssetKind", r."zoneId", r."purposeKey", now()
         FROM jsonb_to_recordset($1::jsonb) AS r("id" text, "namespace" text, "name" text, "kind" text, "zoneId" text, "purposeKey" text)`,
      params: [JSON.stringify(newAssets)],
    });
  }
  if (assetUpdates.length) {
    writes.push({
      text: `UPDATE "Asset" a SET "kind" = r."kind"::"AssetKind", "zoneId" = r."zoneId", "purposeKey" = r."purposeKey", "updatedAt" = now()
         FROM jsonb_to_recordset($1::jsonb) AS r("id" text, "kind" text, "zoneId" text, "purposeKey" text) WHERE a."id" = r."id"`,
      params: [JSON.stringify(assetUpdates)],
    });
  }
  if (facetRows.length) {
    writes.push({
      text: `INSERT INTO "AssetFacets" ("assetId", "facets", "facetTimes", "updatedAt")
       SELECT r."assetId", r."facets", r."facetTimes", now() FROM jsonb_to_recordset($1::jsonb) AS r("assetId" text, "facets" jsonb, "facetTimes" jsonb)
       ON CONFLICT ("assetId") DO UPDATE SET "facets" = EXCLUDED."facets", "facetTimes" = EXCLUDED."facetTimes", "updatedAt" = now()`,
      params: [JSON.stringify(facetRows)],
    });
  }
  if (newEdges.length) {
    writes.push({
      text: `INSERT INTO "LineageEdge" ("fromId", "toId", "signals", "transforms", "firstSeen", "lastSeen", "reviewState")
       SELECT r."from", r."to", ARRAY['openlineage']::"Signal"[], ARRAY[]::text[], r."firstSeen", r."lastSeen", 'unreviewed'
         FROM jsonb_to_recordset($1::jsonb) AS r("from" text, "to" text, "firstSeen" timestamptz, "lastSeen" timestamptz)`,
      params: [JSON.stringify(newEdges.map(({ from, to, firstSeen, lastSeen }) => ({ from, to, firstSeen, lastSeen })))],
    });
  }
  if (changedEdges.length) {
    writes.push({
      text: `UPDATE "LineageEdge" e SET "signals" = r."signals"::"Signal"[], "firstSeen" = r."firstSeen", "lastSeen" = r."lastSeen"
         FROM jsonb_to_recordset($1::jsonb) AS r("from" text, "to" text, "signals" text[], "firstSeen" timestamptz, "lastSeen" timestamptz)
        WHERE e."fromId" = r."from" AND e."toId" = r."to"`,
      params: [JSON.stringify(changedEdges.map(({ from, to, signals, firstSeen, lastSeen }) => ({ from, to, signals, firstSeen, lastSeen })))],
    });
  }
  if (suggestions) writes.push(suggestions.insert);
  writes.push(describeWorldChangesStatement(version, changes));
  return {
    counts,
    changes,
    committed: columns.remember,
    writes,
    audit: {
      actor,
      action: "lineage.openlineage",
      subject: "openlineage",
      payload: {
        events: events.length,
        runs: new Set(events.map((e) => e.runId).filter((id) => id !== null)).size,
        eventTypes: Object.fromEntries(Object.entries(countBy(events, (e) => e.eventType ?? "none")).sort()),
        assetsCreated: counts.assetsCreated,
        assetsUpdated: counts.assetsUpdated,
        edgesCreated: counts.edgesCreated,
        edgesUpdated: counts.edgesUpdated,
        worldVersion: counts.worldVersion,
        labelsSuggested: counts.labelsSuggested,
        eventHashes: events.map((e) => e.hash),
      },
    },
  };
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[keyOf(item)] = (out[keyOf(item)] ?? 0) + 1;
  return out;
}

/**
 * The DatasetColumns of the datasets whose events in this request carried a
 * schema or columnLineage facet, from the asset's latest facets. Input columns
 * of datasets Zoneline does not hold are left out (there is no asset to name).
 */
async function buildDatasetColumns(
  read: Pick<WorldSources, "idsNamed">,
  refs: Map<string, AssetRef>,
  byRef: Map<string, AssetRow>,
  latestFacets: Map<string, Record<string, unknown>>,
): Promise<DatasetColumns[]> {
  const wanted = [...refs.entries()].filter(([, ref]) => ref.role === "dataset" && ref.facets.some(({ facets }) => "schema" in facets || "columnLineage" in facets));
  if (!wanted.length) return [];
  const lineage = new Map(wanted.map(([key]) => [key, columnLineageOf(latestFacets.get(byRef.get(key)!.id) ?? {})]));
  const unresolved = new Map<string, { namespace: string; name: string }>();
  for (const entries of lineage.values())
    for (const entry of entries) for (const input of entry.inputs) if (!byRef.has(refKey(input.namespace, input.name))) unresolved.set(refKey(input.namespace, input.name), input);
  const resolved = new Map([...byRef].map(([key, row]) => [key, row.id]));
  for (const [key, id] of await read.idsNamed([...unresolved.values()])) resolved.set(key, id);
  return wanted.map(([key]) => {
    const assetId = byRef.get(key)!.id;
    return {
      assetId,
      columns: schemaColumnsOf(latestFacets.get(assetId) ?? {}).map(({ name, type }) => ({ name, type })),
      columnLineage: lineage.get(key)!.map((entry) => ({
        column: entry.column,
        inputs: entry.inputs.flatMap((input) => {
          const assetId = resolved.get(refKey(input.namespace, input.name));
          return assetId ? [{ assetId, column: input.field }] : [];
        }),
      })),
    };
  });
}
