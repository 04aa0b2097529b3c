import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { evaluate, type Violation as EngineViolation } from "@/lib/engine/evaluate";
import { appendAuditEntries } from "../audit/record-audit-entry";
import { inPgTransaction, pgSql, type RunSql } from "../db/run-sql";
import { readConsistentWorld, withWorldStateHeld, type WorldState } from "../world/world-state";
import { createAlertDeliveries } from "../alerts/create-alert-deliveries";
import { nudgeAlertDispatch } from "../alerts/alert-queue";

export interface EvaluationSummary {
  runId: number;
  at: Date;
  worldVersion: number;
  violationCount: number;
  newViolations: number;
  resolvedViolations: number;
  /** open violations whose categories, explanation or path changed */
  changedViolations: number;
  /** true when a run of a newer world version was already stored: this one stored nothing */
  superseded: boolean;
  /** true when only what changed since the previous run was explained and compared (see evaluateAndStore) */
  incremental: boolean;
  /** webhook deliveries this run created for the violations it opened (README "Alerts") */
  alerts: number;
  /** storeWaitMs: of storeMs, the time spent waiting for PostgreSQL, when this process was free to answer requests */
  timings: { loadMs: number; evaluateMs: number; storeMs: number; storeWaitMs: number };
}

/** One violation per kind and subject (DESIGN.md 5), kept apart per zone: an asset that moves zones opens a new one. */
export const violationIdentity = (v: { kind: string; subject: string; zoneId: string }) => `${v.kind}\u0000${v.subject}\u0000${v.zoneId}`;

export const subjectOf = (v: { asset: string | null; edge: { from: string; to: string } | null }) =>
  v.asset !== null ? `asset:${v.asset}` : `edge:${v.edge!.from}->${v.edge!.to}`;

const EXPLAIN_CHUNK = 2_048;

// Runs are serialised: each compares itself with the stored open violations, so two at once would both claim the same news.
const EVALUATION_LOCK = 7_106_501;

/** categories and path as JSON text: `pg` parses text[] columns character by character, which for the tens of thousands of rows a run over new lineage compares cost more than the comparison */
type StoredOpen = { id: number; kind: string; subject: string; zoneId: string; categories: string; explanation: string; path: string };

/**
 * Evaluates the current world and stores what changed since the stored state:
 * violations opened (new), resolved (gone) and revised (other categories,
 * explanation or path), plus an audit entry with the news (DESIGN.md 7: new
 * violations raise an alert). Everything is computed outside the transaction
 * from the process's cached world state; the transaction only writes the
 * difference, so it stays short and readers on the embedded database (where
 * a transaction holds the only session) keep being answered.
 * `at` evaluates at another instant (tests, what-ifs) on a freshly read world.
 */
export async function runEvaluation({ trigger, actor = "system", at }: { trigger: string; actor?: string; at?: Date }): Promise<EvaluationSummary> {
  const first = await evaluateAndStore({ trigger, actor, at, allowIncremental: true });
  // another run was stored since the one this incremental run built on: diff everything instead
  return first ?? (await evaluateAndStore({ trigger, actor, at, allowIncremental: false }))!;
}

type Found = {
  kind: string;
  subject: string;
  assetId: string | null;
  edgeFromId: string | null;
  edgeToId: string | null;
  zoneId: string;
  categories: string[];
  explanation: string;
  path: string[];
};

const asFound = (v: EngineViolation): Found => ({
  kind: v.kind,
  subject: subjectOf(v),
  assetId: v.asset,
  edgeFromId: v.edge?.from ?? null,
  edgeToId: v.edge?.to ?? null,
  zoneId: v.zone,
  categories: v.categories,
  explanation: v.explanation,
  path: v.path,
});

/**
 * One run. Incremental when this process's cached state stored the last run
 * and knows what changed since (server/world/world-state.ts): then only the
 * changed subjects are explained and compared with their stored open
 * violations, which gives what a full run would store, for a fraction of the
 * work. Null when that last run turned out not to be the latest stored one.
 */
async function evaluateAndStore({
  trigger,
  actor,
  at,
  allowIncremental,
}: {
  trigger: string;
  actor: string;
  at?: Date;
  allowIncremental: boolean;
}): Promise<EvaluationSummary | null> {
  const timings = { loadMs: 0, evaluateMs: 0, storeMs: 0, storeWaitMs: 0 };
  const t0 = performance.now();
  let worldVersion: number;
  let counts: { assets: number; edges: number };
  let evaluatedAt: Date;
  let found: Found[];
  let violationCount: number;
  /** incremental: the run it builds on and the subjects it re-decided (null: a full run) */
  let scope: { basedOn: number; subjects: string[] } | null = null;
  let state: WorldState | null = null;
  if (at) {
    const { version, world } = await readConsistentWorld();
    timings.loadMs = performance.now() - t0;
    worldVersion = version;
    const t1 = performance.now();
    found = evaluate(world, { at }).explainAll().map(asFound);
    timings.evaluateMs = performance.now() - t1;
    violationCount = found.length;
    counts = { assets: world.assets.length, edges: world.edges.length };
    evaluatedAt = at;
  } else {
    const computed = await withWorldStateHeld(async (held) => {
      timings.loadMs = performance.now() - t0;
      const t1 = performance.now();
      const changed = allowIncremental && held.storedRun ? held.changedSince(held.storedRun.version, EXPLAIN_CHUNK) : null;
      let scope: { basedOn: number; subjects: string[] } | null = null;
      if (changed && held.storedRun) {
        const subjects = new Set([...changed.assets.map((id) => `asset:${id}`), ...changed.edges.map((e) => subjectOf({ asset: null, edge: e }))]);
        scope = { basedOn: held.storedRun.id, subjects: [...subjects] };
      }
      // explanations of a 100k world take seconds: in chunks, so that requests are answered in between
      const found: Found[] = [];
      for (const chunk of changed ? changed.violations : held.evaluation.explainedViolations(EXPLAIN_CHUNK)) {
        for (const v of chunk) found.push(asFound(v));
        await yieldToEventLoop();
      }
      timings.evaluateMs = performance.now() - t1;
      const { assetIndex, presentEdgeCount } = held.evaluation.state;
      const counts = { assets: assetIndex.size, edges: presentEdgeCount };
      return { state: held, found, scope, worldVersion: held.version, violationCount: held.evaluation.violationCount, counts };
    });
    ({ state, found, scope, worldVersion, violationCount, counts } = computed);
    // the cached state's verdicts hold until its next path expiry, which lies after now
    evaluatedAt = new Date();
  }
  const t2 = performance.now();

  // through `pg`, not Prisma: a run's rows go as multi-megabyte JSON parameters, which Prisma copied and re-parsed
  const result = await inPgTransaction(async (client) => {
    const untimed = pgSql(client);
    const sql: RunSql = async <T,>(text: string, values: unknown[]) => {
      const sent = performance.now();
      try {
        return await untimed<T>(text, values);
      } finally {
        timings.storeWaitMs += performance.now() - sent;
      }
    };
    await sql(`SELECT pg_advisory_xact_lock(${EVALUATION_LOCK})::text`, []);
    const [latest] = await sql<{ id: number; worldVersion: number; violationCount: number }>(
      `SELECT "id", "worldVersion", "violationCount" FROM "EvaluationRun" ORDER BY "id" DESC LIMIT 1`,
      [],
    );
    if (!at && latest && latest.worldVersion > worldVersion) {
      return { runId: latest.id, opened: 0, resolved: 0, changed: 0, violationCount: latest.violationCount, superseded: true, alerts: 0 };
    }
    if (scope && latest?.id !== scope.basedOn) return null;
    const open = await sql<StoredOpen>(
      `SELECT "id", "kind"::text AS "kind", "subject", "zoneId", array_to_json("categories")::text AS "categories", "explanation", array_to_json("path")::text AS "path" FROM "Violation"
        WHERE "resolvedRunId" IS NULL${scope ? ` AND "kind" = ANY(ARRAY['category_not_permitted', 'purpose_not_permitted', 'unsanctioned_crossing']::"ViolationKind"[]) AND "subject" = ANY($1::text[])` : ""}`,
      scope ? [scope.subjects] : [],
    );
    const stored = new Map(open.map((row) => [violationIdentity(row), row]));
    const opened: Found[] = [];
    const revised: { id: number; categories: string[]; explanation: string; path: string[]; categoriesChanged: boolean }[] = [];
    const seen = new Set<string>();
    for (const v of found) {
      const key = violationIdentity(v);
      seen.add(key);
      const before = stored.get(key);
      if (!before) opened.push(v);
      else {
        const categoriesChanged = !sameJsonList(before.categories, v.categories);
        if (categoriesChanged || before.explanation !== v.explanation || !sameJsonList(before.path, v.path)) {
          revised.push({ id: before.id, categories: v.categories, explanation: v.explanation, path: v.path, categoriesChanged });
        }
      }
    }
    const resolved = open.filter((row) => !seen.has(violationIdentity(row)));

    const [run] = await sql<{ id: number }>(
      `INSERT INTO "EvaluationRun" ("at", "trigger", "actor", "worldVersion", "assetCount", "edgeCount", "violationCount", "openedCount", "resolvedCount", "finishedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) RETURNING "id"`,
      [evaluatedAt, trigger, actor, worldVersion, counts.assets, counts.edges, violationCount, opened.length, resolved.length],
    );
    const CHUNK = 5_000;
    for (let i = 0; i < opened.length; i += CHUNK) {
      const rows = opened.slice(i, i + CHUNK).map((v) => ({ ...v, openedRunId: run.id, openedAt: evaluatedAt.toISOString() }));
      await sql(
        `WITH inserted AS (
           INSERT INTO "Violation" ("kind", "subject", "assetId", "edgeFromId", "edgeToId", "zoneId", "categories", "explanation", "path", "openedRunId", "openedAt")
           SELECT r."kind"::"ViolationKind", r."subject", r."assetId", r."edgeFromId", r."edgeToId", r."zoneId", r."categories", r."explanation", r."path", r."openedRunId", r."openedAt"
             FROM jsonb_to_recordset($1::jsonb) AS r("kind" text, "subject" text, "assetId" text, "edgeFromId" text, "edgeToId" text,
                  "zoneId" text, "categories" text[], "explanation" text, "path" text[], "openedRunId" int, "openedAt" timestamptz)
           RETURNING "id", "categories", "openedRunId")
         INSERT INTO "ViolationRevision" ("violationId", "runId", "categories") SELECT "id", "openedRunId", "categories" FROM inserted`,
        [JSON.stringify(rows)],
      );
    }
    for (let i = 0; i < resolved.length; i += CHUNK * 4) {
      const ids = resolved.slice(i, i + CHUNK * 4).map((row) => row.id);
      await sql(`UPDATE "Violation" SET "resolvedRunId" = $1, "resolvedAt" = $2 WHERE "id" = ANY($3::int[])`, [run.id, evaluatedAt, ids]);
    }
    for (let i = 0; i < revised.length; i += CHUNK) {
      const rows = revised.slice(i, i + CHUNK);
      await sql(
        `UPDATE "Violation" v SET "categories" = r."categories", "explanation" = r."explanation", "path" = r."path"
           FROM jsonb_to_recordset($1::jsonb) AS r("id" int, "categories" text[], "explanation" text, "path" text[])
          WHERE v."id" = r."id"`,
        [JSON.stringify(rows)],
      );
      const recategorised = rows.filter((row) => row.categoriesChanged).map((row) => ({ id: row.id, categories: row.categories }));
      if (recategorised.length) {
        await sql(
          `INSERT INTO "ViolationRevision" ("violationId", "runId", "categories")
           SELECT r."id", $1, r."categories" FROM jsonb_to_recordset($2::jsonb) AS r("id" int, "categories" text[])`,
          [run.id, JSON.stringify(recategorised)],
        );
      }
    }
    // the alerts for what opened, in this transaction: committed with the violations or not at all
    const alerts = opened.length ? await createAlertDeliveries(sql, { id: run.id, at: evaluatedAt, worldVersion }) : 0;
    const describe = (v: { kind: string; subject: string }) => `${v.kind} ${v.subject}`;
    await appendAuditEntries(sql, [
      {
        actor,
        action: "evaluation.run",
        subject: `evaluation:${run.id}`,
        payload: {
          trigger,
          at: evaluatedAt.toISOString(),
          worldVersion,
          violations: violationCount,
          new: opened.slice(0, 100).map(describe),
          newCount: opened.length,
          resolved: resolved.slice(0, 100).map(describe),
          resolvedCount: resolved.length,
          ...(alerts ? { alerts } : {}),
        },
      },
    ]);
    return { runId: run.id, opened: opened.length, resolved: resolved.length, changed: revised.length, violationCount, superseded: false, alerts };
  });
  if (result === null) return null;
  if (state && !result.superseded) state.noteStoredRun(result.runId, worldVersion);
  timings.storeMs = performance.now() - t2;
  if (result.alerts) nudgeAlertDispatch();
  return {
    runId: result.runId,
    at: evaluatedAt,
    worldVersion,
    violationCount: result.violationCount,
    newViolations: result.opened,
    resolvedViolations: result.resolved,
    changedViolations: result.changed,
    superseded: result.superseded,
    incremental: scope !== null,
    alerts: result.alerts,
    timings,
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether PostgreSQL's JSON of a text[] holds `list`: equal text is equal for certain; otherwise the parsed lists decide (escapes may be spelled differently). */
function sameJsonList(stored: string, list: readonly string[]): boolean {
  return stored === JSON.stringify(list) || sameList(JSON.parse(stored) as string[], list);
}
