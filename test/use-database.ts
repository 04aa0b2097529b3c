import { afterAll, beforeAll } from "vitest";
import { disconnectPrisma, prisma } from "@/server/db";
import { createMigratedDatabase, type TestDatabase } from "./database";

/**
 * Gives the calling test file its own migrated database and points the data
 * layer's Prisma client at it. Test files run in separate processes, so
 * setting DATABASE_URL here affects only this file.
 */
export function useTestDatabase(label = "t") {
  let database: TestDatabase | undefined;
  const originalUrl = process.env.DATABASE_URL;
  beforeAll(async () => {
    database = await createMigratedDatabase(label);
    if (!process.env.ZONELINE_TEST_ADMIN_URL && originalUrl) process.env.ZONELINE_TEST_ADMIN_URL = originalUrl;
    process.env.DATABASE_URL = database.url;
    if (database.kind === "pglite") process.env.ZONELINE_EMBEDDED = "1";
    await disconnectPrisma();
  });
  afterAll(async () => {
    await disconnectPrisma();
    await database?.drop();
    if (originalUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = originalUrl;
    delete process.env.ZONELINE_EMBEDDED;
  });
  return {
    get url() {
      if (!database) throw new Error("the test database is created in beforeAll");
      return database.url;
    },
    prisma,
  };
}
