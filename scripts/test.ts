// `npm test`: Vitest (unit + integration), a production build (type check
// included), then Playwright against it; prints one closing line
// "N passed, N failed" over both, and exits non-zero when anything failed.
// With DATABASE_URL set, integration tests and the browser tests each get fresh
// databases on that server; without it they use embedded, in-memory Postgres.
//
// Usage: scripts/test.ts [unit|e2e] [--vitest-config FILE] [--vitest-filter TEXT …]
// `unit` / `e2e` run one half; --vitest-config and --vitest-filter point Vitest
// at another suite (scripts/test-runner.test.ts runs its fixtures this way).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createScratchDatabase } from "../server/db/scratch-database.ts";
import { BuildError, buildDashboard } from "./lib/build.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const out = fs.mkdtempSync(path.join(os.tmpdir(), "zoneline-test-"));
const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    "vitest-config": { type: "string" },
    "vitest-filter": { type: "string", multiple: true, default: [] },
  },
});
const only = positionals[0];
if (only !== undefined && only !== "unit" && only !== "e2e") {
  console.error(`[test] unknown part "${only}": use unit or e2e`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

function run(label: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  console.log(`\n[test] ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit", env });
  return result.status ?? 1;
}

type Counts = { passed: number; failed: number };

function vitestCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 0 };
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  // a file that fails to load has no tests but must still count as a failure
  const brokenFiles = (report.testResults ?? []).filter((r: { status: string; assertionResults: unknown[] }) => r.status === "failed" && r.assertionResults.length === 0).length;
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + brokenFiles };
}

function playwrightCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 0 };
  const stats = JSON.parse(fs.readFileSync(file, "utf8")).stats ?? {};
  // a test that failed once and passed on CI's single retry counts as passed; the list reporter names it "flaky"
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: (stats.unexpected ?? 0) + (stats.errors?.length ?? 0) };
}

/**
 * The reports count tests, but the exit status is the runner's own verdict:
 * Vitest exits 1 for an unhandled error while its JSON report counts no failed
 * test (vitest #8669), and a runner that crashes writes no report at all. So a
 * non-zero exit with no failure counted is one failure, named here.
 */
function tally(runner: string, status: number, counts: Counts): Counts {
  let { passed, failed } = counts;
  if (status !== 0 && failed === 0) {
    failed = 1;
    console.log(`[test] ${runner} exited with status ${status} but its report counts no failed test (an unhandled error, or a crash): counted as 1 failure`);
  }
  console.log(`[test] ${runner}: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}

async function withE2eDatabase<T>(work: (env: NodeJS.ProcessEnv) => T): Promise<T> {
  const admin = process.env.DATABASE_URL;
  if (!admin) return work({ ...process.env });
  const scratch = await createScratchDatabase(admin, "e2e");
  try {
    return work({ ...process.env, DATABASE_URL: scratch.url });
  } finally {
    await scratch.drop().catch(() => {});
  }
}

const totals: Counts = { passed: 0, failed: 0 };
const add = (counts: Counts) => {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
};

try {
  if (only !== "e2e") {
    const vitestJson = path.join(out, "vitest.json");
    const config = options["vitest-config"] ? ["--config", path.resolve(options["vitest-config"])] : [];
    const status = run("vitest", [
      path.join(ROOT, "node_modules/vitest/vitest.mjs"),
      "run",
      ...config,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${vitestJson}`,
      ...options["vitest-filter"],
    ]);
    add(tally("vitest", status, vitestCounts(vitestJson)));
  }
  if (only !== "unit") {
    // a separate build folder: a dashboard already running from .next keeps working
    const distDir = ".next-test";
    process.env.ZONELINE_DIST_DIR = distDir;
    let built = false;
    console.log("\n[test] build");
    try {
      buildDashboard({ root: ROOT, distDir, log: (message) => console.log(`[test] ${message}`) });
      built = true;
    } catch (error) {
      if (!(error instanceof BuildError)) throw error;
      console.log(`[test] ${error.message}: browser tests not run`);
      add({ passed: 0, failed: 1 });
    }
    if (built) {
      const playwrightJson = path.join(out, "playwright.json");
      const status = await withE2eDatabase((env) =>
        run("playwright", [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }),
      );
      add(tally("playwright", status, playwrightCounts(playwrightJson)));
    }
  }
} catch (error) {
  // whatever broke, the closing line still comes, and says that something failed
  console.log(`[test] the run stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  totals.failed += 1;
}
if (totals.passed + totals.failed === 0) {
  console.log("[test] no test ran: counted as 1 failure");
  totals.failed = 1;
}
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
