import fs from "node:fs";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { cookieHeader, storageFor } from "./auth";

// Legal downloads the period's evidence bundle from the Audit page, uploads it
// to the verifier page and sees it verified, also against the live log; an
// engineer sees no export controls and the server refuses the export.
test.describe("as legal", () => {
  test.use({ storageState: storageFor("legal") });

  test("downloads the evidence bundle (ZIP) and the verify page says it is verified", async ({ page }, testInfo) => {
    await page.goto("/audit");
    const form = page.getByTestId("bundle-export");
    await expect(form).toBeVisible();
    await form.getByLabel("Ads Optimization").check();
    const [download] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Download bundle" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^zoneline-evidence-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.zip$/);
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString("latin1")).toBe("PK");

    // the export is itself an audit entry
    await page.goto("/audit?action=evidence.export");
    await expect(page.getByRole("table")).toContainText("evidence:bundle.zip");

    await page.goto("/audit/verify");
    await page.getByLabel("Evidence bundle").setInputFiles(file);
    await page.getByLabel("Check against the live log").check();
    await page.getByRole("button", { name: "Verify" }).click();
    const result = page.getByTestId("bundle-verification");
    await expect(result).toHaveAttribute("data-ok", "true");
    await expect(result).toContainText(": verified");
    await expect(result).toContainText("against the live audit log");
    await page.screenshot({ path: testInfo.outputPath("verify-page.png"), fullPage: true });

    // a file that is not a ZIP is named as such
    const notZip = testInfo.outputPath("not-a-bundle.zip");
    fs.writeFileSync(notZip, "hello");
    await page.getByLabel("Evidence bundle").setInputFiles(notZip);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(result).toHaveAttribute("data-ok", "false");
    await expect(result.locator('[data-kind="not_a_zip"]')).toBeVisible();
  });
});

test.describe("as an engineer", () => {
  test("sees no export controls, and the server refuses the export with 403", async ({ page, baseURL }) => {
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expect(page.getByTestId("bundle-export")).toHaveCount(0);
    const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: cookieHeader("engineer") } });
    expect((await api.get("/api/v1/evidence/bundle")).status()).toBe(403);
    await api.dispose();
  });
});
