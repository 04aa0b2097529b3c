import { expect, test } from "@playwright/test";
import { EMPTY_WORLD_PORT } from "./servers";

// A Zoneline started on an empty database (no seeding) says how to fill it,
// instead of showing an empty canvas and empty tables that look broken.
const emptyWorld = `http://127.0.0.1:${EMPTY_WORLD_PORT}`;

test("an empty world shows how to import a world or load the demo, on the graph and the other pages", async ({ page }) => {
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
