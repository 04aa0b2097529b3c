import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

// A `prisma migrate deploy` equivalent (ENVIRONMENT.md: the native schema engine
// cannot be downloaded here). It keeps Prisma's own bookkeeping table and lock
// so that a machine with the real engine sees the database as in sync.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;
const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname ? path.resolve(import.meta.dirname, "../..") : process.cwd(), "prisma/migrations");

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

export function localMigrations(dir = MIGRATIONS_DIR): LocalMigration[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      // Prisma's checksum is the sha256 of the file's bytes
      return { name, sql: bytes.toString("utf8"), checksum: crypto.createHash("sha256").update(bytes).digest("hex") };
    });
}

export interface MigrateResult {
  applied: string[];
  pending: string[];
  warnings: string[];
}

export async function migrate(
  connectionString: string,
  { statusOnly = false, dir = MIGRATIONS_DIR }: { statusOnly?: boolean; dir?: string } = {},
): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const warnings: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE_DDL);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at');
    const failed = rows.filter((row) => !row.finished_at && !row.rolled_back_at);
    if (failed.length) {
      throw new Error(
        `the database has failed migrations (${failed.map((row) => row.migration_name).join(", ")}); resolve them first`,
      );
    }
    const applied = new Map(
      rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => [row.migration_name, row.checksum]),
    );
    const local = localMigrations(dir);
    const pending = local.filter((migration) => !applied.has(migration.name));
    for (const migration of local) {
      const checksum = applied.get(migration.name);
      if (checksum && checksum !== migration.checksum) warnings.push(`${migration.name} was modified after it was applied`);
    }
    for (const name of applied.keys()) {
      if (!local.some((migration) => migration.name === name)) warnings.push(`${name} is applied but missing locally`);
    }
    if (statusOnly) return { applied: [], pending: pending.map((m) => m.name), warnings };

    const done: string[] = [];
    for (const migration of pending) {
      await client.query("BEGIN");
      try {
        const id = crypto.randomUUID();
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
          [id, migration.checksum, migration.name],
        );
        await client.query(migration.sql);
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        );
        await client.query("COMMIT");
        done.push(migration.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(
          `migration ${migration.name} failed and was rolled back: ${error instanceof Error ? error.message : error}`,
        );
      }
    }
    return { applied: done, pending: [], warnings };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
