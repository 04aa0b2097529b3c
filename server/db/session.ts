import { currentDatabaseUrl, disconnectPrisma } from "../db";
import { startEmbeddedPostgres, waitForRunningEmbedded } from "./embedded";
import { migrate } from "./migrate";

/**
 * For one-shot processes (CLI, scripts): use DATABASE_URL, or the embedded
 * database that `npm start` is serving, or else open the embedded data folder
 * ourselves for the duration of `work`. Pending migrations are applied first.
 */
export async function withDatabase<T>(
  work: (url: string) => Promise<T>,
  { applyMigrations = true }: { applyMigrations?: boolean } = {},
): Promise<T> {
  if (process.env.DATABASE_URL || (await waitForRunningEmbedded())) {
    const { url } = currentDatabaseUrl();
    if (applyMigrations) await migrate(url);
    try {
      return await work(url);
    } finally {
      await disconnectPrisma();
    }
  }
  const embedded = await startEmbeddedPostgres();
  process.env.DATABASE_URL = embedded.url;
  process.env.ZONELINE_EMBEDDED = "1";
  try {
    if (applyMigrations) await migrate(embedded.url);
    return await work(embedded.url);
  } finally {
    await disconnectPrisma();
    delete process.env.DATABASE_URL;
    delete process.env.ZONELINE_EMBEDDED;
    await embedded.stop();
  }
}
