// `npm start`: build if needed, start the embedded database when DATABASE_URL
// is unset, migrate, seed the demo world into an empty database, and serve the
// production build. Options: --port N, --dev (next dev), --data-dir DIR,
// --fresh (wipe the embedded data folder first), --no-seed.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { DEFAULT_DATA_DIR, EmbeddedDatabaseBusyError, startEmbeddedPostgres, type EmbeddedDatabase } from "../server/db/embedded.ts";
import { migrate } from "../server/db/migrate.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: options } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "3000" },
    dev: { type: "boolean", default: false },
    "data-dir": { type: "string" },
    fresh: { type: "boolean", default: false },
    "no-seed": { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
  },
});
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const log = (message: string) => console.log(`[zoneline] ${message}`);

function buildIfNeeded() {
  if (options.dev) return;
  if (!options.rebuild && fs.existsSync(path.join(ROOT, process.env.ZONELINE_DIST_DIR || ".next", "BUILD_ID"))) return;
  log("building the dashboard (first start only; `npm run build` rebuilds)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("next build failed");
}

async function main() {
  buildIfNeeded();
  let embedded: EmbeddedDatabase | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (!process.env.DATABASE_URL) {
    const dataDir = path.resolve(options["data-dir"] ?? DEFAULT_DATA_DIR);
    embedded = await startEmbeddedPostgres({ dataDir, fresh: options.fresh });
    log(`embedded Postgres (PGlite) in ${path.relative(ROOT, dataDir)} on 127.0.0.1:${embedded.port}`);
    env.DATABASE_URL = embedded.url;
    env.ZONELINE_EMBEDDED = "1";
  }
  const databaseUrl = env.DATABASE_URL!;
  const { applied } = await migrate(databaseUrl);
  for (const name of applied) log(`applied migration ${name}`);

  if (!options["no-seed"]) {
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "Zone"');
    await client.end();
    if (Number(rows[0].n) === 0) {
      log("empty database: importing the demo world (examples/demo.world.json)…");
      // asynchronously: the embedded database lives in this process and must keep answering
      const seeder = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "cli/main.ts"), "seed"], { cwd: ROOT, stdio: "inherit", env });
      const status = await new Promise<number | null>((resolve) => seeder.on("exit", resolve));
      if (status !== 0) throw new Error("seeding the demo world failed");
    }
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
  if (error instanceof EmbeddedDatabaseBusyError) console.error(`[zoneline] cannot start: ${error.message}`);
  else console.error(`[zoneline] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
