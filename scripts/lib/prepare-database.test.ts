import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { localMigrations } from "@/server/db/migrate";
import { migrate } from "@/server/db/migrate";
import { createEmptyDatabase, type TestDatabase } from "@/test/database";
import { decideSeeding, prepareDatabase } from "./prepare-database";

const userDatabase = { embedded: false, seed: false, noSeed: false };
const embeddedDatabase = { embedded: true, seed: false, noSeed: false };

describe("whether npm start seeds the demo world", () => {
  it("seeds the embedded database on its first start", () => {
    expect(decideSeeding(embeddedDatabase, true).seed).toBe(true);
  });
  it("never seeds DATABASE_URL's database unless asked with --seed", () => {
    expect(decideSeeding(userDatabase, true)).toEqual({ seed: false, reason: "DATABASE_URL's database is seeded only with --seed" });
    expect(decideSeeding({ ...userDatabase, seed: true }, true).seed).toBe(true);
  });
  it("never seeds a database that already holds a world, even with --seed", () => {
    expect(decideSeeding({ ...userDatabase, seed: true }, false).seed).toBe(false);
    expect(decideSeeding(embeddedDatabase, false).seed).toBe(false);
  });
  it("--no-seed keeps the embedded database empty; --seed with --no-seed is refused", () => {
    expect(decideSeeding({ ...embeddedDatabase, noSeed: true }, true).seed).toBe(false);
    expect(() => decideSeeding({ ...userDatabase, seed: true, noSeed: true }, true)).toThrow(/contradict/);
  });
});

// Row counts of every table: what start wrote, beyond the schema.
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1",
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) counts[name] = Number((await client.query(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

describe("npm start's database step, on a real database", () => {
  const databases: TestDatabase[] = [];
  const fresh = async () => {
    const database = await createEmptyDatabase("start");
    databases.push(database);
    return database.url;
  };
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });
  const quiet = { log: () => {} };

  it("migrates an empty DATABASE_URL database and writes nothing else into it", async () => {
    const [started, migratedOnly] = [await fresh(), await fresh()];
    const prepared = await prepareDatabase(started, userDatabase, quiet);
    await migrate(migratedOnly);
    expect(prepared.applied).toEqual(localMigrations().map((migration) => migration.name));
    expect(prepared).toMatchObject({ worldWasEmpty: true, decision: { seed: false } });
    const counts = await rowCounts(started);
    expect(counts.Zone).toBe(0);
    expect(counts.AuditEntry).toBe(0);
    expect(counts).toEqual(await rowCounts(migratedOnly));
  });

  it("with --seed, imports and evaluates the demo world, once", async () => {
    const url = await fresh();
    // an in-memory PGlite stands in for the server when no DATABASE_URL is set: its clients must use one connection
    const seeding = { ...quiet, env: { ...process.env, ...(databases.at(-1)!.kind === "pglite" ? { ZONELINE_EMBEDDED: "1" } : {}) } };
    const prepared = await prepareDatabase(url, { ...userDatabase, seed: true }, seeding);
    expect(prepared.decision).toEqual({ seed: true, reason: "--seed" });
    const seeded = await rowCounts(url);
    expect(seeded.Zone).toBeGreaterThan(0);
    expect(seeded.Asset).toBeGreaterThan(0);
    expect(seeded.EvaluationRun).toBe(1);
    // the demo organisation names the reports' title page
    expect(seeded.OrganisationSettings).toBe(1);
    // a second start finds the world there and leaves it alone
    const again = await prepareDatabase(url, { ...userDatabase, seed: true }, seeding);
    expect(again).toMatchObject({ applied: [], worldWasEmpty: false, decision: { seed: false } });
    expect(await rowCounts(url)).toEqual(seeded);
  }, 120_000);
});
