import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { storageFor } from "./auth";

// Issue 11, the audit report: a legal user sets a period on the Audit page,
// exports the report, watches it reach done, and downloads a PDF. An engineer
// sees no export controls, and the API refuses them.
test.describe("as legal", () => {
  test.use({ storageState: storageFor("legal") });

  test("exports the audit report for a period and downloads the PDF", async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto("/audit");
    const panel = page.getByTestId("report-export");
    await expect(panel).toBeVisible();
    await panel.getByLabel("From (UTC day)").fill("2026-01-01");
    await panel.getByLabel("Zones").selectOption(["ads", "recs"]);
    await page.screenshot({ path: "screenshots/report-form.png", fullPage: false });
    await panel.getByRole("button", { name: "Export report (PDF)" }).click();
    const row = panel.getByTestId("export-row").first();
    await expect(row).toContainText("2026-01-01");
    await expect(row).toContainText("ads, recs");
    await expect(row).toHaveAttribute("data-status", "done", { timeout: 150_000 });
    await page.screenshot({ path: "screenshots/report-done.png", fullPage: false });
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: "Download PDF" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^zoneline-audit-report-2026-01-01-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
  });

  test("exports the evidence bundle in the background and downloads the ZIP", async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto("/audit");
    const panel = page.getByTestId("report-export");
    await panel.getByLabel("Zones").selectOption(["ads"]);
    await panel.getByRole("button", { name: "Export bundle (ZIP)" }).click();
    const row = panel.getByTestId("export-row").first();
    await expect(row).toContainText("Bundle");
    await expect(row).toHaveAttribute("data-status", "done", { timeout: 150_000 });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: "screenshots/bundle-export-done-1024.png", fullPage: false });
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: "Download ZIP" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^zoneline-evidence-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.zip$/);
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
  });
});

test.describe("as an engineer", () => {
  test("sees no export controls, and the export API answers 403", async ({ page }) => {
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expect(page.getByTestId("report-export")).toHaveCount(0);
    const answer = await page.request.post("/api/v1/evidence/exports", { data: { kind: "report.pdf" }, headers: { origin: page.url().replace(/\/audit.*/, "") } });
    expect(answer.status()).toBe(403);
  });
});
