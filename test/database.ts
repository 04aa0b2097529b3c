import { startEmbeddedPostgres } from "@/server/db/embedded";
import { migrate } from "@/server/db/migrate";
import { createScratchDatabase } from "@/server/db/scratch-database";

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
  const scratch = await createScratchDatabase(admin, label);
  return { url: scratch.url, kind: "postgres", drop: scratch.drop };
}

export async function createMigratedDatabase(label = "t"): Promise<TestDatabase> {
  const database = await createEmptyDatabase(label);
  await migrate(database.url);
  return database;
}
