// The world version (model WorldChange): a number that every committed write to
// the world moves on, read in one index lookup, and the log of what each
// version changed, so that every app process can catch up incrementally.
import type { WorldChange } from "@/lib/engine/incremental";
import { databasePool, prisma, type Tx } from "../db";
import { coalescedReader } from "../db/coalesced-read";
import { asSql, pgSql, prismaSql, type SqlClient, type Statement } from "../db/run-sql";

type Client = Tx | ReturnType<typeof prisma>;

/** Beyond this many changes a writer leaves its transaction undescribed: reloading is cheaper than replaying. */
export const MAX_DESCRIBED_CHANGES = 5_000;

const READ_VERSION = `SELECT coalesce(max("version"), 0)::int AS "version" FROM "WorldChange"`;

// every request reads the version: concurrent requests share a read (each one started after they asked), through `pg`
const readLatestVersion = coalescedReader(async () => {
  const [row] = await pgSql(databasePool())<{ version: number }>(READ_VERSION, []);
  return new Map([[null, row.version]]);
});

/** The latest committed version; in `client`'s transaction when given (its snapshot), else as of a read started now. */
export async function readWorldVersion(client?: Client): Promise<number> {
  if (!client) return (await readLatestVersion(null))!;
  const [row] = await prismaSql(client)<{ version: number }>(READ_VERSION, []);
  return row.version;
}

/**
 * Declares what this transaction changes in the world, as the engine's
 * WorldChange list, so other processes can apply it instead of reloading.
 * The list must cover every world write of the transaction (the triggers note
 * the transaction either way; an undescribed one makes readers reload).
 * "undescribable" (say, a taxonomy change the engine cannot replay) makes
 * readers reload. Returns the version this transaction will commit as.
 */
export async function describeWorldChanges(tx: SqlClient, changes: WorldChange[] | "undescribable"): Promise<number> {
  const sql = asSql(tx);
  const [{ version }] = await sql<{ version: number }>(LOCK_WORLD, []);
  const statement = describeWorldChangesStatement(version, changes);
  await sql(statement.text, statement.params);
  return version;
}

/** describeWorldChanges's write, for a writer that knows its version (lockWorldForWrite) and sends it with its other writes (combineWrites). */
export function describeWorldChangesStatement(version: number, changes: WorldChange[] | "undescribable"): Statement {
  return changes === "undescribable" || changes.length > MAX_DESCRIBED_CHANGES
    ? { text: `UPDATE "WorldChange" SET "described" = false, "changes" = '[]' WHERE "version" = $1 RETURNING "version"`, params: [version] }
    : { text: `UPDATE "WorldChange" SET "described" = true, "changes" = "changes" || $1::jsonb WHERE "version" = $2 RETURNING "version"`, params: [JSON.stringify(changes), version] };
}

/** Takes the world write lock (held to commit) and gives this transaction its version: a statement without parameters, so it can go with BEGIN (inPgTransaction's opening). */
export const LOCK_WORLD = `SELECT zl_note_world_change() AS "version"`;

/** The rows LOCK_WORLD reads, as the lock the writer holds. */
export const worldLockOf = ([{ version }]: { version: number }[]): { base: number; version: number } => ({ base: version - 1, version }); // versions are contiguous: max + 1 under the lock

/**
 * Takes the world write lock for this transaction (held to commit) and returns
 * the version the world had before it, so that a writer that computed its
 * change outside the transaction can check that nothing moved meanwhile.
 */
export async function lockWorldForWrite(tx: SqlClient): Promise<{ base: number; version: number }> {
  return worldLockOf(await asSql(tx)<{ version: number }>(LOCK_WORLD, []));
}

/** The advisory lock zl_note_world_change() takes (world_version migration): held by every world writer to commit. */
const WORLD_WRITE_LOCK = 7_106_502;

/**
 * Waits for the world writers of the moment and keeps new ones out until this
 * transaction ends, without making it a world version: for a transaction that
 * writes rows world writers also write (label suggestions) but not the world,
 * so that both take their locks in the same order.
 */
export async function serializeWithWorldWriters(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${WORLD_WRITE_LOCK}::bigint)`;
}

/**
 * What versions after `since` changed, oldest first, or null when they cannot
 * be replayed (a version was written without a description, or the log no
 * longer reaches back that far).
 */
export async function changesSince(since: number, upTo: number, client: Client = prisma()): Promise<WorldChange[] | null> {
  if (upTo <= since) return [];
  const rows = await client.$queryRaw<{ version: number; described: boolean; changes: WorldChange[] }[]>`
    SELECT "version", "described", "changes" FROM "WorldChange" WHERE "version" > ${since} AND "version" <= ${upTo} ORDER BY "version"`;
  if (rows.length !== upTo - since) return null;
  const all: WorldChange[] = [];
  for (const row of rows) {
    if (!row.described) return null;
    for (const change of row.changes) all.push(change);
    if (all.length > MAX_DESCRIBED_CHANGES) return null;
  }
  return all;
}
