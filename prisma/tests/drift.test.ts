import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate } from "@/server/db/migrate";
import { createEmptyDatabase } from "@/test/database";

const ROOT = path.resolve(import.meta.dirname, "../..");

// Everything about the schema that a migration can change, as comparable lines.
const CATALOG_SNAPSHOT = `
select 'col' as what, table_name||'.'||column_name as name,
       concat_ws(' ', udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, datetime_precision) as def
  from information_schema.columns where table_schema='public' and table_name<>'_prisma_migrations'
union all select 'idx', indexname, indexdef from pg_indexes where schemaname='public' and tablename<>'_prisma_migrations'
union all select 'con', conrelid::regclass::text||'.'||conname, pg_get_constraintdef(oid) from pg_constraint
  where connamespace='public'::regnamespace and conrelid::regclass::text<>'_prisma_migrations'
union all select 'enum', t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder)
  from pg_type t join pg_enum e on e.enumtypid=t.oid group by t.typname
order by 1, 2`;

async function catalog(url: string, setup?: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (setup) await client.query(setup);
    const { rows } = await client.query<{ what: string; name: string; def: string }>(CATALOG_SNAPSHOT);
    return rows.map((row) => `${row.what} ${row.name}: ${row.def}`);
  } finally {
    await client.end();
  }
}

describe("schema drift", () => {
  it("the migrations build exactly the database that prisma/schema.prisma describes", async () => {
    const fromSchemaSql = execFileSync(
      process.execPath,
      ["--experimental-wasm-modules", "--no-warnings", "--import", "tsx", "scripts/schema-sql.ts"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(fromSchemaSql).toContain('CREATE TABLE "Asset"');

    const viaMigrations = await createEmptyDatabase("drift_a");
    const viaSchema = await createEmptyDatabase("drift_b");
    try {
      await migrate(viaMigrations.url);
      const [migrated, described] = await Promise.all([
        catalog(viaMigrations.url),
        catalog(viaSchema.url, fromSchemaSql),
      ]);
      expect(migrated.length).toBeGreaterThan(50);
      // a readable diff when someone edits schema.prisma without `npm run db:migration -- <name>`;
      // zl_ objects are written by hand in migrations because Prisma cannot describe them (partial indexes)
      expect({ onlyInMigrations: migrated.filter((line) => !described.includes(line) && !line.startsWith("idx zl_")) }).toEqual({ onlyInMigrations: [] });
      expect({ onlyInSchema: described.filter((line) => !migrated.includes(line)) }).toEqual({ onlyInSchema: [] });
    } finally {
      await Promise.all([viaMigrations.drop(), viaSchema.drop()]);
    }
  }, 120_000);
});
