import { expect, test } from "@playwright/test";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { embeddedUrl, findRunningEmbedded } from "../server/db/embedded";
import { signInWithForm } from "./auth";
import { EMPTY_WORLD_PORT } from "./servers";

const ROOT = path.resolve(import.meta.dirname, "..");

// A Zoneline started on an empty database (no seeding) says how to fill it,
// instead of showing an empty canvas and empty tables that look broken.
const emptyWorld = `http://127.0.0.1:${EMPTY_WORLD_PORT}`;

test("an empty world shows how to import a world or load the demo, on the graph and the other pages", async ({ page }) => {
  // a fresh Zoneline has no users: the first admin comes from the CLI, as the README says
  const running = findRunningEmbedded(path.join(ROOT, ".zoneline/e2e-empty-pgdata"));
  if (!running) throw new Error("the empty server's embedded database is not running");
  const email = `first.admin.${Date.now()}@example.com`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "cli/main.ts", "user", "add", email, "--role", "admin", "--role", "engineer"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: embeddedUrl(running.port), ZONELINE_EMBEDDED: "1" },
  });
  const password = /one-time password: (\S+)/.exec(stdout)?.[1];
  expect(password, stdout).toBeTruthy();
  await signInWithForm(page, email, password!, emptyWorld);
  await page.goto(`${emptyWorld}/graph`);
  const hint = page.getByTestId("first-run-hint");
  await expect(hint).toBeVisible();
  await expect(hint).toContainText("npm run zoneline -- import FILE");
  await expect(hint).toContainText("npm start -- --seed");
  await expect(page.getByTestId("graph-canvas")).toBeVisible();
  await page.screenshot({ path: "screenshots/first-run-graph.png" });
  for (const pagePath of ["/zones", "/assets", "/violations"]) {
    await page.goto(`${emptyWorld}${pagePath}`);
    await expect(page.getByTestId("first-run-hint"), pagePath).toBeVisible();
  }
});

test("the seeded demo world shows no first-run hint", async ({ page }) => {
  await page.goto("/graph");
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await expect(page.getByTestId("first-run-hint")).toHaveCount(0);
});
