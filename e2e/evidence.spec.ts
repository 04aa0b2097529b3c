import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { cookieHeader, storageFor } from "./auth";

// Legal downloads the record of processing (CSV, XLSX) and an erasure
// checklist from the pages; each download lands in the audit log. Engineers
// see the pages without downloads, and the API refuses them.
const SHOTS = process.env.ZONELINE_SCREENSHOTS_DIR;
const DEMO_ZONES = ["AI Training", "Ads Optimization", "Assistant Serving", "Content Recommendations", "Identity & Core User Data", "Reporting & Analytics"];

test.describe("as legal", () => {
  test.use({ storageState: storageFor("legal") });

  test("the record of processing shows the demo zones and downloads as CSV and XLSX", async ({ page }) => {
    await page.goto("/ropa");
    await expect(page.getByRole("heading", { name: "Record of processing activities" })).toBeVisible();
    for (const zone of DEMO_ZONES) await expect(page.getByRole("link", { name: zone, exact: true }).first()).toBeVisible();
    await expect(page.getByTestId("ropa-activity-ads")).toContainText("Customer, Prospect, Visitor");
    await expect(page.getByTestId("ropa-activity-ads")).toContainText("measurement_partner_export");
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "ropa.png"), fullPage: true });

    const csvDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(/^record-of-processing-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvBytes = fs.readFileSync((await csv.path())!);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csvBytes.toString("utf8");
    expect(csvText).toContain("Processing activity,Zone id,");
    for (const zone of DEMO_ZONES) expect(csvText).toContain(zone.includes("&") ? zone : `${zone},`);

    const xlsxDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download XLSX" }).click();
    const xlsx = await xlsxDownload;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    const sheet = workbook.getWorksheet("Record of processing")!;
    expect(sheet.rowCount).toBe(1 + DEMO_ZONES.length);
    const names: string[] = [];
    sheet.eachRow((row, n) => n > 1 && names.push(String(row.getCell(1).value)));
    expect(names.sort()).toEqual(DEMO_ZONES);

    const pdfDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download PDF" }).click();
    const pdf = await pdfDownload;
    expect(pdf.suggestedFilename()).toMatch(/^record-of-processing-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdfFile = (await pdf.path())!;
    expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe("%PDF-");
    const pdfText = execFileSync("pdftotext", [pdfFile, "-"], { encoding: "utf8" });
    for (const zone of DEMO_ZONES) expect(pdfText).toContain(`Processing activity: ${zone}`);

    await page.goto("/audit");
    await expect(page.getByText("ropa.xlsx").first()).toBeVisible();
    await expect(page.getByText("ropa.pdf").first()).toBeVisible();
  });

  test("from an asset to its erasure impact, and the CSV checklist", async ({ page }) => {
    await page.goto("/assets/purchase_events_logger");
    await page.getByRole("main").getByRole("link", { name: "Erasure impact" }).click();
    await expect(page).toHaveURL(/\/erasure\?asset=purchase_events_logger/);
    await expect(page.getByTestId("erasure-count")).toHaveText("16 assets hold data derived from PurchaseEventsLogger");
    await expect(page.getByTestId("erasure-results")).toContainText("measurement_partner_export");
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "erasure.png"), fullPage: true });

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV checklist" }).click();
    const file = await download;
    const text = fs.readFileSync((await file.path())!, "utf8");
    expect(text.split("\r\n")[0]).toBe("\uFEFFStep,Asset id,Namespace,Name,Kind,Zone,Owner,Categories,Labels,Edges from source,Path,Forwarded?,Forwarded on,Notes");
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1 + 1 + 16);

    const pdfDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download PDF" }).click();
    const pdf = await pdfDownload;
    expect(pdf.suggestedFilename()).toMatch(/^erasure-impact-purchase_events_logger-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdfText = execFileSync("pdftotext", [(await pdf.path())!, "-"], { encoding: "utf8" });
    expect(pdfText).toContain("Erasure impact: PurchaseEventsLogger");
    expect(pdfText).toContain("measurement_partner_export");

    // the picker: search, then choose
    await page.goto("/erasure?q=users");
    await page.getByTestId("erasure-asset-matches").getByRole("link", { name: /^users/ }).click();
    await expect(page.getByTestId("erasure-count")).toHaveText(/2 assets hold data derived from/);
  });
});

test.describe("as a privacy reviewer", () => {
  test.use({ storageState: storageFor("privacy_reviewer") });

  test("the zone editor shows the data subjects and retention the zone page lists", async ({ page }) => {
    await page.goto("/zones/ads");
    await expect(page.getByTestId("zone-data-subjects")).toHaveText("Customer, Prospect, Visitor");
    await expect(page.getByTestId("zone-retention")).toContainText("13 months");
    await page.goto("/zones/ads/edit");
    await expect(page.getByRole("checkbox", { name: "Customer" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Employee" })).not.toBeChecked();
    await expect(page.getByLabel("Retention")).toHaveValue(/^Purchase and conversion events 13 months/);
    if (SHOTS) {
      await page.getByRole("heading", { name: "Record of processing" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, "zone-editor.png") });
    }
  });
});

test.describe("as an engineer", () => {
  test("sees the pages without downloads, and the export API refuses", async ({ page, baseURL }) => {
    await page.goto("/ropa");
    await expect(page.getByTestId("ropa-activity-ads")).toBeVisible();
    await expect(page.getByRole("link", { name: "Download CSV" })).toHaveCount(0);
    await page.goto("/erasure?asset=users");
    await expect(page.getByRole("link", { name: "Download CSV checklist" })).toHaveCount(0);
    const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: cookieHeader("engineer") } });
    expect((await api.get("/api/v1/evidence/ropa?format=csv")).status()).toBe(403);
    expect((await api.get("/api/v1/evidence/erasure?asset=users")).status()).toBe(403);
    await api.dispose();
  });
});
