// What `npm start` does to its database before serving: migrate, then seed the
// demo world only where that cannot touch anybody's data.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { migrate } from "../../server/db/migrate.ts";
import { WORLD_IS_EMPTY_SQL } from "../../server/world/is-world-empty.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface SeedOptions {
  /** the database is the embedded one `npm start` runs (no DATABASE_URL) */
  embedded: boolean;
  /** --seed */
  seed: boolean;
  /** --demo-users: seed the demo users even on a DATABASE_URL database (tests) */
  demoUsers?: boolean;
  /** --no-seed */
  noSeed: boolean;
}

export type SeedDecision = { seed: boolean; reason: string };

export function validateSeedOptions({ seed, noSeed }: SeedOptions): void {
  if (seed && noSeed) throw new Error("--seed and --no-seed contradict each other: give one");
}

/**
 * The embedded database is Zoneline's own, so a first start fills it with the
 * demo world. A DATABASE_URL database belongs to the user: it is seeded only
 * when they ask (--seed). Either way only an empty world is seeded, so that the
 * demo never lands among an organisation's real zones.
 */
export function decideSeeding(options: SeedOptions, worldIsEmpty: boolean): SeedDecision {
  validateSeedOptions(options);
  const { embedded, seed, noSeed } = options;
  if (noSeed) return { seed: false, reason: "--no-seed" };
  if (!worldIsEmpty) return { seed: false, reason: "the database already holds a world" };
  if (seed) return { seed: true, reason: "--seed" };
  if (embedded) return { seed: true, reason: "first start of the embedded database" };
  return { seed: false, reason: "DATABASE_URL's database is seeded only with --seed" };
}

async function worldIsEmpty(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ empty: boolean }>(WORLD_IS_EMPTY_SQL);
    return rows[0].empty;
  } finally {
    await client.end();
  }
}

export interface PreparedDatabase {
  applied: string[];
  worldWasEmpty: boolean;
  decision: SeedDecision;
}

/** Migrates the database `databaseUrl` points at, then seeds the demo world if `decideSeeding` says so. */
export async function prepareDatabase(
  databaseUrl: string,
  options: SeedOptions,
  { env = process.env, log = console.log }: { env?: NodeJS.ProcessEnv; log?: (message: string) => void } = {},
): Promise<PreparedDatabase> {
  validateSeedOptions(options); // before anything is written
  const { applied } = await migrate(databaseUrl);
  for (const name of applied) log(`applied migration ${name}`);
  const worldWasEmpty = await worldIsEmpty(databaseUrl);
  const decision = decideSeeding(options, worldWasEmpty);
  if (decision.seed) {
    log(`empty database (${decision.reason}): importing the demo world (examples/demo.world.json)…`);
    // in a child process: the embedded database lives in this one and must keep answering
    // demo users (with published passwords) only where the user is trying Zoneline, or asked for them
    const demoUsers = options.embedded || options.demoUsers ? ["--demo-users"] : [];
    const seeder = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "cli/main.ts"), "seed", ...demoUsers], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...env, DATABASE_URL: databaseUrl, ...(options.embedded ? { ZONELINE_EMBEDDED: "1" } : {}) },
    });
    const status = await new Promise<number | null>((resolve, reject) => seeder.on("error", reject).on("exit", resolve));
    if (status !== 0) throw new Error("seeding the demo world failed");
  }
  return { applied, worldWasEmpty, decision };
}
