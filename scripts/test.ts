// `npm test`: Vitest (unit + integration), a production build, then Playwright
// against it; prints one closing line "N passed, N failed" over both.
// With DATABASE_URL set, integration tests and the browser tests each get fresh
// databases on that server; without it they use embedded, in-memory Postgres.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { createScratchDatabase } from "../server/db/scratch-database.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const out = fs.mkdtempSync(path.join(os.tmpdir(), "zoneline-test-"));
const only = process.argv[2]; // "unit" or "e2e" to run one half

function run(label: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  console.log(`\n[test] ${label}`);
  return spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit", env }).status ?? 1;
}

type Counts = { passed: number; failed: number };

function vitestCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  // a file that fails to load has no tests but must still count as a failure
  const brokenFiles = (report.testResults ?? []).filter((r: { status: string; assertionResults: unknown[] }) => r.status === "failed" && r.assertionResults.length === 0).length;
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + brokenFiles };
}

function playwrightCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1 };
  const stats = JSON.parse(fs.readFileSync(file, "utf8")).stats ?? {};
  // a test that failed once and passed on CI's single retry counts as passed; the list reporter names it "flaky"
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: (stats.unexpected ?? 0) + (stats.errors?.length ?? 0) };
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
if (only !== "e2e") {
  const vitestJson = path.join(out, "vitest.json");
  run("vitest", [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
  const counts = vitestCounts(vitestJson);
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  console.log(`[test] vitest: ${counts.passed} passed, ${counts.failed} failed`);
}
if (only !== "unit") {
  // a separate build folder: a dashboard already running from .next keeps working
  process.env.ZONELINE_DIST_DIR = ".next-test";
  const buildStatus = run("next build", [require.resolve("next/dist/bin/next"), "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  if (buildStatus !== 0) {
    totals.failed += 1;
    console.log("[test] next build failed: browser tests not run");
  } else {
    const playwrightJson = path.join(out, "playwright.json");
    await withE2eDatabase((env) =>
      run("playwright", [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }),
    );
    const counts = playwrightCounts(playwrightJson);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    console.log(`[test] playwright: ${counts.passed} passed, ${counts.failed} failed`);
  }
}
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
