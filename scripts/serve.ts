// `npm start`: build when the sources changed since the last build, start the
// embedded database when DATABASE_URL is unset, migrate, seed the demo world
// (into the embedded database on first start, into DATABASE_URL's only with
// --seed), and serve the production build. Options: --port N, --dev (next dev),
// --data-dir DIR, --fresh (wipe the embedded data folder first), --seed,
// --no-seed, --rebuild.
import { spawn } from "node:child_process";
import path from "node:path";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { DEFAULT_DATA_DIR, EmbeddedDatabaseBusyError, startEmbeddedPostgres, type EmbeddedDatabase } from "../server/db/embedded.ts";
import { BuildError, buildDashboard, buildStatus, distDirFromEnv } from "./lib/build.ts";
import { prepareDatabase, validateSeedOptions, type SeedOptions } from "./lib/prepare-database.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: options } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "3000" },
    dev: { type: "boolean", default: false },
    "data-dir": { type: "string" },
    fresh: { type: "boolean", default: false },
    seed: { type: "boolean", default: false },
    "no-seed": { type: "boolean", default: false },
    "demo-users": { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
  },
});
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const log = (message: string) => console.log(`[zoneline] ${message}`);

function buildIfNeeded() {
  if (options.dev) return;
  const distDir = distDirFromEnv();
  const status = options.rebuild ? ({ current: false, reason: "--rebuild" } as const) : buildStatus(ROOT, distDir);
  if (status.current) return;
  log(`building the dashboard (${status.reason})…`);
  buildDashboard({ root: ROOT, distDir, log });
}

async function main() {
  const embeddedDatabase = !process.env.DATABASE_URL;
  const seedOptions: SeedOptions = { embedded: embeddedDatabase, seed: options.seed, noSeed: options["no-seed"], demoUsers: options["demo-users"] };
  validateSeedOptions(seedOptions);
  buildIfNeeded();
  let embedded: EmbeddedDatabase | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (embeddedDatabase) {
    const dataDir = path.resolve(options["data-dir"] ?? DEFAULT_DATA_DIR);
    embedded = await startEmbeddedPostgres({ dataDir, fresh: options.fresh });
    log(`embedded Postgres (PGlite) in ${path.relative(ROOT, dataDir)} on 127.0.0.1:${embedded.port}`);
    env.DATABASE_URL = embedded.url;
    env.ZONELINE_EMBEDDED = "1";
  }
  const { decision, worldWasEmpty } = await prepareDatabase(env.DATABASE_URL!, seedOptions, { env, log });
  if (worldWasEmpty && !decision.seed) {
    log(`the world is empty (not seeded: ${decision.reason}). Import one with \`npm run zoneline -- import FILE\`, or restart with --seed for the demo world.`);
  }

  const args = [nextBin, options.dev ? "dev" : "start", "-p", options.port!, "-H", "127.0.0.1"];
  const next = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit", env });
  log(`Zoneline at http://localhost:${options.port}`);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    await embedded?.stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  next.on("exit", (code) => void stop(code ?? 0));
}

main().catch((error: unknown) => {
  if (error instanceof EmbeddedDatabaseBusyError || error instanceof BuildError) console.error(`[zoneline] cannot start: ${error.message}`);
  else console.error(`[zoneline] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
