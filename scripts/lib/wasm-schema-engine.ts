// Drives @prisma/schema-engine-wasm (Prisma's migration engine compiled to
// WASM) through a driver adapter, since the native engine cannot be downloaded
// here. Importing the engine needs `node --experimental-wasm-modules` on Node 20.
import fs from "node:fs";
import path from "node:path";
import { SchemaEngine } from "@prisma/schema-engine-wasm";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const SCHEMA_PATH = "prisma/schema.prisma";
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
const filters = { externalTables: [], externalEnums: [] };

export function schemaFiles() {
  return [{ path: SCHEMA_PATH, content: fs.readFileSync(path.join(ROOT, SCHEMA_PATH), "utf8") }];
}

function migrationsList() {
  const dirs = fs.existsSync(MIGRATIONS_DIR)
    ? fs
        .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lock) ? fs.readFileSync(lock, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((dir) => {
      const file = path.join(MIGRATIONS_DIR, dir, "migration.sql");
      return {
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
            : { tag: "error" as const, value: "missing" },
        },
      };
    }),
  };
}

export async function openSchemaEngine({ shadow }: { shadow: "pglite" }) {
  void shadow;
  const files = schemaFiles();
  const factory = new PrismaPGlite(await PGlite.create());
  const engine = await SchemaEngine.new(
    { datamodels: files.map((file) => [file.path, file.content]) },
    (...args: unknown[]) => {
      if (process.env.DEBUG_SCHEMA_ENGINE) console.error("[schema-engine]", ...args);
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    bindMigrationAwareSqlAdapterFactory(factory as any),
  );
  return {
    async replayMigrations() {
      await engine.applyMigrations({ migrationsList: migrationsList(), filters });
    },
    async diffShadowToSchema(): Promise<string> {
      const result = await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: ROOT },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: null,
        filters,
      });
      return result.stdout ?? "";
    },
    /** The SQL that builds the schema from an empty database (the drift check compares it with the migrations). */
    async diffEmptyToSchema(): Promise<string> {
      const result = await engine.diff({
        from: { tag: "empty" },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: null,
        filters,
      });
      return result.stdout ?? "";
    },
    free: () => engine.free(),
  };
}
