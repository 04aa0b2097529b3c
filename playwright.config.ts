import { defineConfig, devices } from "@playwright/test";
import { storageFor } from "./e2e/auth";
import { E2E_PORT as port, EMPTY_WORLD_PORT, OIDC_CLIENT, OIDC_PORT } from "./e2e/servers";
import { SCALE_WORLD_PORT } from "./e2e/scale-world";

// Without DATABASE_URL the server runs on a throw-away embedded database, never the user's own data folder;
// with it (CI: a scratch database), start seeds only when asked, and the browser tests need the demo world.
const serverCommand = `node --import tsx scripts/serve.ts --port ${port}${process.env.DATABASE_URL ? " --seed --demo-users" : " --fresh --data-dir .zoneline/e2e-pgdata"}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } },
    {
      name: "chromium",
      dependencies: ["setup"],
      // signed in as the demo engineer unless a spec says otherwise (test.use({ storageState: storageFor(role) }))
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 }, storageState: storageFor("engineer") },
    },
  ],
  webServer: [
    {
      // started first: the demo-world server discovers it when it starts
      command: "node --import tsx e2e/oidc-provider.ts",
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: serverCommand,
      env: {
        ZONELINE_URL: `http://127.0.0.1:${port}`,
        ZONELINE_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
        ZONELINE_OIDC_CLIENT_ID: OIDC_CLIENT.id,
        ZONELINE_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
        ZONELINE_OIDC_NAME: OIDC_CLIENT.name,
        // e2e/alerts.spec.ts starts, kills and restarts the one alert worker itself
        ZONELINE_ALERT_WORKER: "0",
      },
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // A first run with nothing in it (e2e/first-run.spec.ts): the embedded database, never seeded.
      // Started after the first server is up, so the build that one may have made is there to reuse.
      command: `node --import tsx scripts/serve.ts --port ${EMPTY_WORLD_PORT} --no-seed --fresh --data-dir .zoneline/e2e-empty-pgdata`,
      env: { DATABASE_URL: "" },
      url: `http://127.0.0.1:${EMPTY_WORLD_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // The generated 50-zone world (5,000 assets, 20,000 edges) of e2e/graph-scale.spec.ts: its own
      // scratch database (or a fresh embedded one), reusing the build the first server made.
      command: `node --import tsx e2e/scale-world-server.ts --port ${SCALE_WORLD_PORT}`,
      url: `http://127.0.0.1:${SCALE_WORLD_PORT}/api/health`,
      // Playwright SIGKILLs a server by default, and the scratch database it made would stay behind:
      // SIGTERM lets it drop the database (and stop next start) first.
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
