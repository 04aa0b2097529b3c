// A statement runner that code shared by Prisma transactions and plain `pg`
// clients takes, so the SQL is written once: through Prisma for a write that
// belongs to a larger Prisma transaction, through `pg` on hot paths where
// Prisma's per-query cost (query compilation, row decoding) dominated.
import type pg from "pg";
import { databasePool, type PrismaClient, type Tx } from "../db";

export type RunSql = <T>(text: string, params: unknown[]) => Promise<T[]>;

export const prismaSql =
  (tx: Tx | PrismaClient): RunSql =>
  <T>(text: string, params: unknown[]) =>
    tx.$queryRawUnsafe<T[]>(text, ...params);

/** Where a shared write can run: a Prisma transaction (or client), or a `pg` one through pgSql. */
export type SqlClient = Tx | PrismaClient | RunSql;

export const asSql = (db: SqlClient): RunSql => (typeof db === "function" ? db : prismaSql(db));

export const pgSql =
  (client: pg.ClientBase | pg.Pool): RunSql =>
  async <T>(text: string, params: unknown[]) =>
    (await client.query(text, params)).rows as T[];

/** Runs `work` in a transaction on a connection of the app's pool (the one Prisma uses too). */
export async function inPgTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await databasePool().connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    // a connection whose ROLLBACK failed is in an unknown state: the pool drops it
    client.release(broken);
  }
}
