import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { EMBEDDED_POOL_MAX, embeddedUrl, findRunningEmbedded } from "./db/embedded";

export type { PrismaClient };
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export class DatabaseNotConfiguredError extends Error {
  constructor() {
    super(
      "no database: DATABASE_URL is not set and no embedded database is running. " +
        "Start Zoneline with `npm start` (it starts the embedded database) or set DATABASE_URL.",
    );
  }
}

/** DATABASE_URL, else the embedded server that `npm start` (or the CLI) is running. */
export function currentDatabaseUrl(): { url: string; embedded: boolean } {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: process.env.ZONELINE_EMBEDDED === "1" };
  }
  const running = findRunningEmbedded();
  if (running) return { url: embeddedUrl(running.port), embedded: true };
  throw new DatabaseNotConfiguredError();
}

const globalForPrisma = globalThis as unknown as { zonelinePrisma?: { url: string; client: PrismaClient; pool: pg.Pool } };

/** The process's Prisma client, created on first use so that builds and pure code never need a database. */
export function prisma(): PrismaClient {
  const { url, embedded } = currentDatabaseUrl();
  const cached = globalForPrisma.zonelinePrisma;
  if (cached && cached.url === url) return cached.client;
  const pool = new pg.Pool({
    connectionString: url,
    max: embedded ? EMBEDDED_POOL_MAX : Number(process.env.ZONELINE_DB_POOL_MAX ?? 10),
    connectionTimeoutMillis: 5_000,
    // adapter-pg reads every timestamptz as if the session were in UTC (it swaps the offset
    // for +00:00), so every session starts in UTC (the embedded PGlite always runs in UTC)
    options: "-c TimeZone=UTC",
  });
  pool.on("error", () => {}); // an idle connection that dies is replaced on next use
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  globalForPrisma.zonelinePrisma = { url, client, pool };
  return client;
}

/**
 * The `pg` pool behind the process's Prisma client, for a library that speaks SQL itself
 * (the alert job queue): it shares the app's connections instead of opening its own, which
 * on the embedded database (one session shared by every connection) would interleave its
 * statements with Prisma's transactions.
 */
export function databasePool(): pg.Pool {
  prisma();
  return globalForPrisma.zonelinePrisma!.pool;
}

export async function disconnectPrisma(): Promise<void> {
  const cached = globalForPrisma.zonelinePrisma;
  globalForPrisma.zonelinePrisma = undefined;
  await cached?.client.$disconnect();
  await cached?.pool.end().catch(() => {});
}
