import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { embeddedUrl, findRunningEmbedded } from "../server/db/embedded";
import { storageFor } from "./auth";

// Issue 10 part 6: suggestions recorded at ingestion (here by the same use case ingestion calls, in
// e2e/seed-label-suggestions.ts) are read by everyone and decided only by a privacy reviewer; an accepted one is a
// declared label on the asset page. Screenshots land in screenshots/.
const ROOT = path.resolve(import.meta.dirname, "..");
const shot = (name: string) => ({ path: `screenshots/labels-${name}.png` });
const LIST = "/labels?namespace=e2e_labels";

function databaseEnv(): Record<string, string> {
  if (process.env.DATABASE_URL) return { DATABASE_URL: process.env.DATABASE_URL };
  const running = findRunningEmbedded(path.join(ROOT, ".zoneline/e2e-pgdata"));
  if (!running) throw new Error("the e2e server's embedded database is not running");
  return { DATABASE_URL: embeddedUrl(running.port), ZONELINE_EMBEDDED: "1" };
}

test.beforeAll(async () => {
  await promisify(execFile)(process.execPath, ["--import", "tsx", "e2e/seed-label-suggestions.ts"], { cwd: ROOT, env: { ...process.env, ...databaseEnv() } });
});

test.describe("as an engineer", () => {
  test.use({ storageState: storageFor("engineer") });

  test("reads the suggestions with their evidence, and sees no buttons", async ({ page }) => {
    await page.goto(LIST);
    await expect(page.getByRole("heading", { name: "Label suggestions" })).toBeVisible();
    const rows = page.getByTestId("label-suggestion");
    await expect(rows).toHaveCount(4);
    await expect(rows.filter({ hasText: "recipient" })).toContainText("derived from crm_contacts.email (pattern email)");
    await expect(rows.filter({ hasText: "client_ip" })).toContainText("name matches ip");
    await expect(page.getByRole("button", { name: /Accept/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Dismiss/ })).toHaveCount(0);
    await page.goto("/assets/crm_contacts");
    await expect(page.getByRole("heading", { name: /Suggested labels/ })).toBeVisible();
    await expect(page.getByTestId("label-suggestion")).toHaveCount(3); // crm_export.recipient is on the other asset
    await expect(page.getByRole("button", { name: /Accept/ })).toHaveCount(0);
    await page.screenshot({ ...shot("asset-engineer"), fullPage: true });
  });
});

test.describe("as a privacy reviewer", () => {
  test.use({ storageState: storageFor("privacy_reviewer") });

  test("accepts suggestions on the list, dismisses one, and sees the labels declared on the asset page", async ({ page }) => {
    await page.goto(LIST);
    const rows = page.getByTestId("label-suggestion");
    await expect(rows).toHaveCount(4);
    await expect(page.getByTestId("tab-pending")).toContainText("(4)");
    await page.screenshot(shot("list"));

    // one row by its own button
    await page.getByRole("button", { name: "Accept user.contact.email for email" }).click();
    await expect(page.getByRole("status")).toHaveText("Accepted 1 suggestion. Declared user.contact.email on crm_contacts.");
    await expect(rows).toHaveCount(3);

    // a selection at once: the phone number, and the email carried to crm_export by column lineage
    await page.getByLabel("Select crm_contacts.phone as user.contact.phone_number").check();
    await page.getByLabel("Select crm_export.recipient as user.contact.email").check();
    await expect(page.getByTestId("selection-count")).toHaveText("2 selected");
    await page.getByRole("button", { name: "Accept selected" }).click();
    await expect(page.getByRole("status")).toContainText("Accepted 2 suggestions.");
    await expect(rows).toHaveCount(1);

    await page.getByRole("button", { name: "Dismiss user.device.ip_address for client_ip" }).click();
    await expect(page.getByRole("status")).toHaveText("Dismissed 1 suggestion.");
    await expect(page.getByText("No pending suggestion matches these filters")).toBeVisible();
    await expect(page.getByTestId("tab-accepted")).toContainText("(3)");
    await expect(page.getByTestId("tab-dismissed")).toContainText("(1)");

    await page.goto("/assets/crm_contacts");
    const declared = page.locator("section", { has: page.getByRole("heading", { name: "Declared labels" }) });
    await expect(declared.getByText("user.contact.email")).toBeVisible();
    await expect(declared.getByText("user.contact.phone_number")).toBeVisible();
    await expect(declared).not.toContainText("user.device.ip_address");
    const suggestions = page.getByTestId("label-suggestion");
    await expect(suggestions.filter({ hasText: "client_ip" })).toHaveAttribute("data-status", "dismissed");
    await expect(suggestions.filter({ hasText: "email" })).toContainText("by rosa.alvarez@example.com");
    await page.screenshot({ ...shot("asset-reviewer"), fullPage: true });

    await page.goto("/audit");
    await expect(page.getByRole("cell", { name: "label.accept", exact: true }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: "label.dismiss", exact: true }).first()).toBeVisible();
  });
});
