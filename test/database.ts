import crypto from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "@/server/db/embedded";
import { migrate } from "@/server/db/migrate";

// Tests that touch data use a real database, never a mock: a fresh database on
// the server DATABASE_URL points at (CI: the local PostgreSQL), or, without it,
// an in-memory embedded PGlite served over the wire like the app's default.
export interface TestDatabase {
  url: string;
  kind: "postgres" | "pglite";
  drop(): Promise<void>;
}

const adminUrl = () => process.env.ZONELINE_TEST_ADMIN_URL ?? process.env.DATABASE_URL;

export async function createEmptyDatabase(label = "t"): Promise<TestDatabase> {
  const admin = adminUrl();
  if (!admin) {
    const embedded = await startEmbeddedPostgres({ dataDir: null });
    return { url: embedded.url, kind: "pglite", drop: () => embedded.stop() };
  }
  const name = `zl_${label}_${crypto.randomBytes(5).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: "postgres",
    async drop() {
      const dropper = new pg.Client({ connectionString: admin });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export async function createMigratedDatabase(label = "t"): Promise<TestDatabase> {
  const database = await createEmptyDatabase(label);
  await migrate(database.url);
  return database;
}
