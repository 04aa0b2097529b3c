// A statement runner that code shared by Prisma transactions and plain `pg`
// clients takes, so the SQL is written once: through Prisma for a write that
// belongs to a larger Prisma transaction, through `pg` on hot paths where
// Prisma's per-query cost (query compilation, row decoding) dominated.
import pg from "pg";
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

/** One SQL statement and its parameters ($1, $2, … in `text`). */
export type Statement = { text: string; params: unknown[] };

/**
 * Several writes as one statement, so they cost one round trip: each becomes a
 * data-modifying CTE, which PostgreSQL runs exactly once and to completion.
 * They share one snapshot, so none may read what another writes or change a
 * row another changes; foreign keys are checked at the end of the statement.
 * Their `$n` placeholders are renumbered into one parameter list.
 */
export function combineWrites(statements: readonly Statement[]): Statement {
  const params: unknown[] = [];
  const parts = statements.map((statement, i) => {
    const offset = params.length;
    params.push(...statement.params);
    const text = statement.params.length ? statement.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`) : statement.text;
    return `w${i} AS (${text})`;
  });
  return { text: `WITH ${parts.join(",\n")}\nSELECT 1 AS "done"`, params };
}

/**
 * A statement with its parameters written in as dollar-quoted literals (no
 * escaping to get wrong: the tag is one the value does not contain), for a
 * simple-protocol query, which takes several statements but no parameters.
 * Values as `pg` sends them (arrays in PostgreSQL's array syntax); the
 * statement's casts (`$1::jsonb`) apply to the literals as they did to them.
 */
export function withInlinedParameters(statement: Statement): string {
  const literals = statement.params.map((value) => {
    if (value === null || value === undefined) return "NULL";
    const text = String(prepareValue(value));
    let tag = "zl";
    while (`${text}$${tag}$`.indexOf(`$${tag}$`) !== text.length) tag += "_";
    return `$${tag}$${text}$${tag}$`;
  });
  return statement.text.replace(/\$(\d+)/g, (_, n: string) => literals[Number(n) - 1]);
}

// `pg`'s own serialization of a parameter (arrays in PostgreSQL's syntax, Dates, objects as JSON): exported by
// the package, not declared by its types
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils.prepareValue;

/** What a transaction's work returns to have its last write sent with COMMIT, in one round trip. */
export class EndingWith<T> {
  constructor(
    readonly result: T,
    readonly last: Statement,
  ) {}
}

/**
 * Runs `work` in a transaction on a connection of the app's pool (the one
 * Prisma uses too). `opening`, statements without parameters (a writer's
 * locks), go in the same round trip as BEGIN; `work` gets their rows, one
 * list per statement. When `work` returns an EndingWith, its last write goes
 * with COMMIT (withInlinedParameters): a failing write leaves COMMIT unrun.
 */
export async function inPgTransaction<T>(work: (client: pg.PoolClient, opened: unknown[][]) => Promise<T | EndingWith<T>>, opening: readonly string[] = []): Promise<T> {
  const client = await databasePool().connect();
  let broken: Error | undefined;
  try {
    let opened: unknown[][] = [];
    if (!opening.length) await client.query("BEGIN");
    else {
      // a simple-protocol query with several statements: one result per statement
      const results = (await client.query(["BEGIN", ...opening].join(";\n"))) as unknown as pg.QueryResult[];
      opened = results.slice(1).map((result) => result.rows);
    }
    const outcome = await work(client, opened);
    if (outcome instanceof EndingWith) {
      await client.query(`${withInlinedParameters(outcome.last)};\nCOMMIT`);
      return outcome.result;
    }
    await client.query("COMMIT");
    return outcome;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    // a connection whose ROLLBACK failed is in an unknown state: the pool drops it
    client.release(broken);
  }
}
