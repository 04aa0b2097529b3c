// The alert job queue (pg-boss, README "Alerts"): durable jobs in Postgres, so a delivery
// survives a restart; retries with exponential backoff; a job that was in flight when its
// process died expires and is handed out again. pg-boss speaks SQL through the app's own `pg`
// pool (databasePool) rather than a pool of its own: on the embedded database every connection
// shares one session, so a second pool would interleave its statements with Prisma's
// transactions. It polls (no LISTEN, which needs a connection of its own) with one job at a time.
//
// Evaluations write outbox rows (AlertDelivery, create-alert-deliveries.ts) in their own
// transaction, in whatever process they run (server, CLI, tests); the dispatcher here moves
// committed rows onto the queue, enqueueing each job in the same transaction that marks its row
// enqueued, so a row is put on the queue exactly once.
import type { PgBoss as PgBossType } from "pg-boss";
import { currentDatabaseUrl, databasePool, prisma } from "../db";
import { runInBackground } from "../run-in-background";
import { attemptAlertDelivery, DeliveryAttemptFailed, webhookTimeoutMs } from "./deliver-alert";

export const ALERT_QUEUE = "zoneline-alert-delivery";
const PGBOSS_SCHEMA = "pgboss";

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export function alertQueueConfig() {
  const timeoutSeconds = Math.ceil(webhookTimeoutMs() / 1000);
  return {
    /** retries after the first attempt: with the default delay, backoff spreads them over about a day */
    retryLimit: Math.floor(numberFromEnv("ZONELINE_WEBHOOK_RETRY_LIMIT", 10)),
    retryDelay: Math.floor(numberFromEnv("ZONELINE_WEBHOOK_RETRY_DELAY_SECONDS", 30)),
    retryDelayMax: 6 * 3600,
    /** an attempt in flight when its process died is retried after this (always longer than one attempt) */
    expireInSeconds: Math.max(timeoutSeconds + 5, Math.floor(numberFromEnv("ZONELINE_ALERT_EXPIRE_SECONDS", Math.max(30, timeoutSeconds * 3)))),
    /** how often pg-boss looks for expired jobs (its monitor and supervise passes) */
    monitorIntervalSeconds: Math.max(1, Math.floor(numberFromEnv("ZONELINE_ALERT_MONITOR_SECONDS", 30))),
    pollingIntervalSeconds: numberFromEnv("ZONELINE_ALERT_POLL_SECONDS", 2),
    sweepIntervalMs: numberFromEnv("ZONELINE_ALERT_SWEEP_SECONDS", 5) * 1000,
  };
}

type JobData = { deliveryId: string; retryLimit: number };

const globalForAlerts = globalThis as unknown as { zonelineAlerts?: { boss: PgBossType; sweep: NodeJS.Timeout; dispatching: Promise<number> | null } };

/** True when this process runs the alert worker (and so can enqueue). */
export function alertWorkerRunning(): boolean {
  return globalForAlerts.zonelineAlerts !== undefined;
}

/**
 * Starts the worker: installs or upgrades pg-boss's schema, then works the queue and sweeps
 * the outbox for rows that evaluations in other processes wrote. Idempotent.
 */
export async function startAlertWorker(): Promise<void> {
  if (globalForAlerts.zonelineAlerts) return;
  const { PgBoss } = await import("pg-boss");
  const pool = databasePool();
  const { embedded } = currentDatabaseUrl();
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) },
    schema: PGBOSS_SCHEMA,
    backend: embedded ? "pglite" : "postgres",
    // no cron schedules are used; maintenance (expiring and retrying jobs) stays on
    schedule: false,
    supervise: true,
    superviseIntervalSeconds: alertQueueConfig().monitorIntervalSeconds,
    monitorIntervalSeconds: alertQueueConfig().monitorIntervalSeconds,
  });
  boss.on("error", (error: unknown) => console.error("[zoneline] alert queue:", error));
  await boss.start();
  const config = alertQueueConfig();
  await boss.createQueue(ALERT_QUEUE).catch(() => {});
  await boss.work<JobData>(ALERT_QUEUE, { pollingIntervalSeconds: config.pollingIntervalSeconds, batchSize: 1 }, async ([job]) => {
    const outcome = await attemptAlertDelivery(job.data.deliveryId, { finalAttempt: job.retryCount >= job.data.retryLimit }).catch((error: unknown) => {
      if (error instanceof DeliveryAttemptFailed) throw error;
      throw new DeliveryAttemptFailed(`the attempt could not run: ${(error as Error).message}`);
    });
    return { outcome };
  });
  const sweep = setInterval(() => {
    nudgeAlertDispatch();
    void runInBackground("settle abandoned alert deliveries", settleAbandonedDeliveries);
  }, config.sweepIntervalMs);
  sweep.unref();
  globalForAlerts.zonelineAlerts = { boss, sweep, dispatching: null };
  // rows written while no worker ran (or by the CLI) go on the queue now
  await dispatchAlertDeliveries();
}

/**
 * For the server process (instrumentation.ts): starts the worker, and if the database is not
 * reachable yet, tries again with backoff instead of failing the server. ZONELINE_ALERT_WORKER=0
 * keeps a process from working the queue (its evaluations still write deliveries).
 */
export function startAlertWorkerInBackground(): void {
  if (process.env.ZONELINE_ALERT_WORKER === "0") return;
  const attempt = (delayMs: number) => {
    startAlertWorker().catch((error: unknown) => {
      console.error(`[zoneline] the alert worker could not start (trying again in ${delayMs / 1000} s):`, error);
      setTimeout(() => attempt(Math.min(delayMs * 2, 300_000)), delayMs).unref();
    });
  };
  attempt(5_000);
}

export async function stopAlertWorker(): Promise<void> {
  const state = globalForAlerts.zonelineAlerts;
  if (!state) return;
  globalForAlerts.zonelineAlerts = undefined;
  clearInterval(state.sweep);
  await state.dispatching?.catch(() => 0);
  // close: false leaves the app's pool open; the pool is not pg-boss's to end
  await state.boss.stop({ graceful: true, close: false, timeout: 5_000 });
}

/**
 * Puts committed, not yet enqueued deliveries on the queue: each job is sent in the transaction
 * that marks its row enqueued (pg-boss takes the transaction as its `db`), and rows are taken
 * with SKIP LOCKED, so two processes sweeping at once never enqueue one row twice.
 */
export async function dispatchAlertDeliveries(): Promise<number> {
  const state = globalForAlerts.zonelineAlerts;
  if (!state) return 0;
  if (state.dispatching) return state.dispatching;
  const { boss } = state;
  const config = alertQueueConfig();
  const run = (async () => {
    let total = 0;
    for (;;) {
      const sent = await prisma().$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "AlertDelivery" WHERE "enqueuedAt" IS NULL ORDER BY "createdAt", "id" LIMIT 100 FOR UPDATE SKIP LOCKED`;
        if (!rows.length) return 0;
        const db = { executeSql: async (text: string, values?: unknown[]) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...(values ?? [])) }) };
        for (const row of rows) {
          await boss.send(ALERT_QUEUE, { deliveryId: row.id, retryLimit: config.retryLimit } satisfies JobData, {
            db,
            retryLimit: config.retryLimit,
            retryDelay: config.retryDelay,
            retryBackoff: true,
            retryDelayMax: config.retryDelayMax,
            expireInSeconds: config.expireInSeconds,
          });
        }
        await tx.$executeRaw`UPDATE "AlertDelivery" SET "enqueuedAt" = now() WHERE "id" = ANY(${rows.map((r) => r.id)}::text[])`;
        return rows.length;
      });
      total += sent;
      if (sent < 100) return total;
    }
  })();
  state.dispatching = run;
  try {
    return await run;
  } finally {
    state.dispatching = null;
  }
}

/**
 * A delivery whose last allowed attempt was cut short (its process died mid-attempt) is failed by
 * the queue when the job expires, without our handler running: mark it failed here, so the zone's
 * page does not show it pending forever. Attempts are counted when claimed, so more attempts than
 * retries means every try was used.
 */
export async function settleAbandonedDeliveries(): Promise<number> {
  const { retryLimit } = alertQueueConfig();
  return prisma().$executeRaw`
    UPDATE "AlertDelivery" SET "status" = 'failed', "claimedUntil" = NULL,
           "lastError" = 'the last attempt was cut short (its process stopped) and no retry is left'
     WHERE "status" = 'pending' AND "enqueuedAt" IS NOT NULL AND "attempts" > ${retryLimit}
       AND "claimedUntil" IS NOT NULL AND "claimedUntil" < now()`;
}

/** After an evaluation opened alerts: enqueue them now rather than at the next sweep (errors are logged, never thrown). */
export function nudgeAlertDispatch(): void {
  if (!alertWorkerRunning()) return;
  void runInBackground("alert dispatch", dispatchAlertDeliveries);
}
