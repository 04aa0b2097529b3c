import { expect, test } from "@playwright/test";
import { storageFor } from "./auth";

// A walk over every page of the dashboard on the seeded demo world, as a new
// user would take it; screenshots land in screenshots/ for a human to judge.
const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });

test("health check reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: { ok: true } });
});

test("zones list the demo zones with their rules, and search narrows them", async ({ page }) => {
  await page.goto("/zones");
  await expect(page.getByRole("heading", { name: "Policy zones" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ads Optimization" })).toBeVisible();
  await expect(page.getByRole("link", { name: "AI Training" })).toBeVisible();
  await page.screenshot(shot("zones"));
  await page.getByRole("searchbox").fill("training");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=training/);
  await expect(page.getByRole("link", { name: "AI Training" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ads Optimization" })).toHaveCount(0);
});

test("a zone page shows rules, purposes, paths and assets", async ({ page }) => {
  await page.goto("/zones/ads");
  await expect(page.getByRole("heading", { name: /Ads Optimization/ })).toBeVisible();
  await expect(page.getByText("Allowed data categories")).toBeVisible();
  await expect(page.getByRole("link", { name: "purchase_events" })).toBeVisible();
  await page.screenshot(shot("zone-ads"));
});

test("assets page filters by zone and pages through results", async ({ page }) => {
  await page.goto("/assets");
  await expect(page.getByRole("heading", { name: "Data assets" })).toBeVisible();
  await expect(page.getByText(/\d+ assets · page 1 of [2-9]/)).toBeVisible();
  await page.screenshot(shot("assets"));
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await page.goto("/assets?zone=ads");
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const chip of await rows.locator("td:nth-child(2)").allInnerTexts()) expect(chip).toContain("Ads Optimization");
});

test("an asset page shows declared and effective labels with provenance and its edges", async ({ page }) => {
  await page.goto("/assets/purchase_events");
  await expect(page.getByRole("heading", { name: /purchase_events/ })).toBeVisible();
  await expect(page.getByText("Declared labels")).toBeVisible();
  await expect(page.getByTestId("effective-labels")).toContainText("user.behavior.purchase_history");
  await expect(page.getByRole("heading", { name: /Upstream \(\d+\)/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Downstream \(\d+\)/ })).toBeVisible();
  await page.screenshot(shot("asset-purchase-events"));
});

test("unknown zone and asset ids render the 404 page", async ({ page }) => {
  for (const url of ["/zones/no-such-zone", "/assets/no-such-asset", "/assets/%E0%A4%A"]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  await page.screenshot(shot("not-found"));
});

test("sanctioned paths show every status and filter by one", async ({ page }) => {
  await page.goto("/paths");
  await expect(page.getByRole("heading", { name: "Sanctioned paths" })).toBeVisible();
  for (const status of ["approved", "pending", "rejected", "revoked"]) await expect(page.getByRole("link", { name: new RegExp(`^${status} \\(\\d+\\)$`, "i") })).toBeVisible();
  await page.screenshot(shot("paths"));
  await page.getByRole("link", { name: /^pending/i }).click();
  await expect(page).toHaveURL(/status=pending/);
  const statuses = await page.locator("tbody tr td:first-child").allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  for (const status of statuses) expect(status).toContain("pending");
});

test("violations list the demo world's red flows with explanations, filter, and re-run", async ({ page, browser }) => {
  await page.goto("/violations");
  await expect(page.getByRole("heading", { name: "Violations" })).toBeVisible();
  const cards = page.getByTestId("violation");
  await expect(cards.first()).toBeVisible();
  const total = await cards.count();
  expect(total).toBeGreaterThan(1);
  await expect(page.getByText(/purchase_events → /).first()).toBeVisible();
  await page.screenshot(shot("violations"));
  await page.getByLabel("Kind").selectOption("unsanctioned_crossing");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=unsanctioned_crossing/);
  await expect(cards).not.toHaveCount(total);
  const crossings = await cards.count();
  expect(crossings).toBeGreaterThan(0);
  expect(crossings).toBeLessThan(total);
  // the engineer (this spec's user) may not re-run: no button; a privacy reviewer may
  await page.goto("/violations");
  await expect(page.getByRole("button", { name: "Re-run evaluation" })).toHaveCount(0);
  const reviewer = await browser.newContext({ storageState: storageFor("privacy_reviewer") });
  const reviewerPage = await reviewer.newPage();
  await reviewerPage.goto("/violations");
  const runLine = reviewerPage.getByText(/\(run #(\d+),/);
  const before = Number((await runLine.innerText()).match(/run #(\d+)/)![1]);
  await reviewerPage.getByRole("button", { name: "Re-run evaluation" }).click();
  await expect(reviewerPage.getByText(`(run #${before + 1},`, { exact: false })).toBeVisible();
  await reviewer.close();
});

test("changes show a date range: new assets and edges, violations opened and resolved, a chart, the runs", async ({ page }) => {
  await page.goto("/changes");
  await expect(page.getByRole("heading", { name: "Changes", exact: true })).toBeVisible();
  // the last 30 days by default, in the form and so in the next URL
  const today = new Date().toISOString().slice(0, 10);
  await expect(page.locator("input[name=to]")).toHaveValue(today);
  await expect(page.getByTestId("open-violations-chart")).toBeVisible();
  await expect(page.getByRole("table", { name: "Evaluation runs" }).locator("tbody tr").first()).toContainText("#");
  await expect(page.getByText(/^Violations opened \(\d+\)$/)).toBeVisible();
  await page.screenshot(shot("changes"));
  // a range is kept in the URL; a bad one is named at its field
  await page.locator("input[name=from]").fill("2026-11-01");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/from=2026-11-01/);
  await page.goto("/changes?from=2026-11-20&to=2026-11-02");
  await expect(page.getByRole("alert").filter({ hasText: "to:" })).toHaveText("to: 2026-11-02 is before from (2026-11-20)");
});

test("the audit log verifies its hash chain", async ({ page }) => {
  await page.goto("/audit");
  await expect(page.getByTestId("chain-status")).toContainText("Chain intact");
  await expect(page.locator("tbody").getByText("world.import").first()).toBeVisible();
  // Views hash only new entries; the whole chain is re-hashed on request.
  await page.getByRole("button", { name: "Re-check the whole chain" }).click();
  await expect(page.getByTestId("full-check-at")).toContainText("Whole chain last re-checked");
  await expect(page.getByTestId("chain-status")).toContainText("Chain intact");
  await expect(page.getByTestId("chain-status")).toContainText("last checkpoint: entry");
  await expect(page.getByTestId("audit-public-key")).toContainText("BEGIN PUBLIC KEY");
  await page.screenshot(shot("audit"));

  // The filters narrow the list in one GET form, and a bad day range is named at its field.
  await page.locator("select[name=action]").selectOption("world.import");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/action=world.import/);
  await expect(page.locator("tbody tr").first()).toContainText("world.import");
  await page.goto("/audit?from=2026-03-02&to=2026-03-01");
  await expect(page.getByRole("alert").filter({ hasText: "must not be before from" })).toBeVisible();

  const key = await page.request.get("/api/v1/audit/public-key");
  expect(await key.json()).toMatchObject({ algorithm: "Ed25519", publicKey: expect.stringContaining("BEGIN PUBLIC KEY") });
});
