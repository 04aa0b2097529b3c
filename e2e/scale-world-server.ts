// A Zoneline serving the generated 50-zone world (e2e/scale-world.ts) for e2e/graph-scale.spec.ts:
// a scratch database on DATABASE_URL's server (dropped on exit: Playwright stops it with SIGTERM, see
// playwright.config.ts; and the ones that killed runs left behind are dropped at start), or a fresh embedded one; the world
// imported and evaluated, the demo users created, then the production build served on --port.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { createScratchDatabase, dropStaleScratchDatabases } from "../server/db/scratch-database";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../server/db/embedded";
import { buildDashboard, buildStatus, distDirFromEnv } from "../scripts/lib/build";
import { scaleWorld } from "./scale-world";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { port: { type: "string" }, "data-dir": { type: "string", default: ".zoneline/e2e-scale-pgdata" } } });
const log = (message: string) => console.log(`[scale-world] ${message}`);

async function main() {
  const status = buildStatus(ROOT, distDirFromEnv());
  if (!status.current) buildDashboard({ root: ROOT, distDir: distDirFromEnv(), log });
  let scratch: { url: string; drop(): Promise<void> } | null = null;
  let embedded: EmbeddedDatabase | null = null;
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ZONELINE_ALERT_WORKER: "0" };
  if (process.env.DATABASE_URL) {
    const stale = await dropStaleScratchDatabases(process.env.DATABASE_URL, "e2e_scale");
    if (stale.length) log(`dropped ${stale.length} scratch database(s) earlier runs left behind: ${stale.join(", ")}`);
    scratch = await createScratchDatabase(process.env.DATABASE_URL, "e2e_scale", { owned: true });
    env.DATABASE_URL = scratch.url;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve(ROOT, values["data-dir"]!), fresh: true });
    env.DATABASE_URL = embedded.url;
    env.ZONELINE_EMBEDDED = "1";
  }
  // server modules read DATABASE_URL when first used
  process.env.DATABASE_URL = env.DATABASE_URL;
  if (embedded) process.env.ZONELINE_EMBEDDED = "1";
  const { migrate } = await import("../server/db/migrate");
  const { importWorld } = await import("../server/world/import-world");
  const { runEvaluation } = await import("../server/evaluations/run-evaluation");
  const { createUser } = await import("../server/users/manage-users");
  const { DEMO_USERS } = await import("../server/users/demo-users");
  const { disconnectPrisma } = await import("../server/db");
  await migrate(env.DATABASE_URL!);
  const started = performance.now();
  const world = scaleWorld();
  await importWorld({ world, actor: "e2e" });
  await runEvaluation({ trigger: "seed", actor: "e2e" });
  for (const user of DEMO_USERS) await createUser({ system: "cli" }, user, { password: user.password });
  await disconnectPrisma();
  log(`imported ${world.assets.length} assets, ${world.edges.length} edges, ${world.zones.length} zones in ${Math.round(performance.now() - started)} ms`);

  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const next = spawn(process.execPath, [nextBin, "start", "-p", values.port!, "-H", "127.0.0.1"], { cwd: ROOT, stdio: "inherit", env });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    await embedded?.stop().catch(() => {});
    await scratch?.drop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  next.on("exit", (code) => void stop(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(`[scale-world] ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
