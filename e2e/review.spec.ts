import { expect, test, type Page } from "@playwright/test";
import { storageFor } from "./auth";

// Points 5 and 6 of "People and decisions" on the seeded demo world: a privacy
// reviewer marks edges reviewed (one from the graph's side panel, several from
// the Edge review list) and edits a zone with the dry run on screen before
// saving. Only edges and a zone no other spec looks at are touched, and the
// zone is put back as it was. Screenshots land in screenshots/.
const shot = (name: string) => ({ path: `screenshots/review-${name}.png` });
const REVIEWER = "rosa.alvarez@example.com";
const AMBER_EDGE = "ad_performance_daily\u2192high_value_segments";

async function violationCount(page: Page, query: string): Promise<number> {
  await page.goto(`/violations?${query}`);
  await expect(page.getByRole("heading", { name: "Violations" })).toBeVisible();
  return page.getByTestId("violation").count();
}

test.describe("as a privacy reviewer", () => {
  test.use({ storageState: storageFor("privacy_reviewer") });

  test("marks an edge reviewed from the graph's side panel and it is no longer amber", async ({ page }) => {
    await page.goto("/graph?sel=e%3Aad_performance_daily%3Ehigh_value_segments&focus=high_value_segments&depth=1");
    const edge = page.getByTestId(`rf__edge-${AMBER_EDGE}`).locator("g[data-status]");
    await expect(edge).toHaveAttribute("data-status", "unreviewed");
    const panel = page.getByTestId("side-panel");
    await expect(panel).toContainText("ad_performance_daily → high_value_segments");
    await expect(panel.getByText("unreviewed", { exact: true })).toBeVisible();
    await panel.getByRole("button", { name: "Mark reviewed" }).click();
    await expect(panel.getByTestId("reviewed-by")).toContainText(`Reviewed by ${REVIEWER}`);
    await expect(edge).toHaveAttribute("data-status", "permitted");
    await expect(panel.getByText("reviewed", { exact: true })).toBeVisible();
    await page.screenshot(shot("graph-edge-reviewed"));

    await page.goto("/audit");
    await expect(page.getByRole("cell", { name: "edge.review", exact: true }).first()).toBeVisible();
    await expect(page.getByText("edge:ad_performance_daily->high_value_segments").first()).toBeVisible();
  });

  test("bulk-reviews the unreviewed edges of one zone from the list", async ({ page }) => {
    await page.goto("/edges");
    await expect(page.getByRole("heading", { name: "Edge review" })).toBeVisible();
    await page.getByLabel("Zone (leaving or entering)").selectOption("ai_training");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/zone=ai_training/);
    const rows = page.getByTestId("unreviewed-edge");
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText("assistant_finetune_raw");
    await page.getByLabel("Select every edge on this page").check();
    await expect(page.getByTestId("selection-count")).toHaveText("2 selected");
    await page.screenshot(shot("edges-selected"));
    await page.getByRole("button", { name: "Mark selected reviewed" }).click();
    await expect(page.getByRole("status")).toHaveText("Marked 2 edges reviewed.");
    await expect(page.getByText("No unreviewed edge matches these filters")).toBeVisible();

    await page.goto("/edges?signal=sql");
    await expect(rows.first()).toBeVisible();
    for (const row of await rows.all()) await expect(row).toContainText("sql");
    await page.screenshot(shot("edges"));
  });

  test("edits a zone's rule with the dry run on screen before saving, and the violations follow", async ({ page }) => {
    const filter = "zone=reporting&kind=category_not_permitted";
    expect(await violationCount(page, filter)).toBe(0);

    await page.goto("/zones/reporting");
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("heading", { name: "Edit Reporting & Analytics" })).toBeVisible();
    const dryRun = page.getByTestId("dry-run");
    await expect(dryRun).toContainText("Edit the form to see what a change would do.");
    const save = page.getByRole("button", { name: "Save zone" });
    await expect(save).toBeDisabled();

    // logging → enforcing: admission would now deny the zone's job whose purpose the zone does not allow
    await page.getByRole("radio", { name: /enforcing/i }).check();
    await expect(dryRun.getByTestId("dry-run-admission-deny")).toContainText("high_value_segments");
    await expect(dryRun).toContainText("Mode logging → enforcing");
    await page.screenshot(shot("zone-enforcing-dry-run"));
    await page.getByRole("radio", { name: /logging/i }).check();

    // removing the user.content rule: the dry run names what it would add before anything is saved
    await expect(page.getByLabel("Rule 2 category")).toHaveValue("user.content");
    await page.getByRole("button", { name: "Remove rule 2" }).click();
    await expect(dryRun.getByTestId("count-added")).toHaveText("4");
    await expect(dryRun.getByTestId("dry-run-added")).toContainText("assistant_quality_daily");
    await page.screenshot(shot("zone-edit-dry-run"));
    await save.click();
    await expect(page).toHaveURL(/\/zones\/reporting\?saved=updated/);
    await expect(page.getByRole("status")).toContainText("Zone updated");
    expect(await violationCount(page, filter)).toBe(4);

    // and back as it was, the dry run now resolving the same four
    await page.goto("/zones/reporting/edit");
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.getByLabel("Rule 2 category").fill("user.content");
    await page.getByLabel("Rule 2 minimum qualifier").selectOption("aggregated");
    await expect(dryRun.getByTestId("count-resolved")).toHaveText("4");
    await page.getByRole("button", { name: "Save zone" }).click();
    await expect(page).toHaveURL(/\/zones\/reporting\?saved=updated/);
    expect(await violationCount(page, filter)).toBe(0);

    await page.goto("/audit");
    await expect(page.getByRole("cell", { name: "zone.update", exact: true }).first()).toBeVisible();
  });

  test("a bad rule is refused with the field named, and a new zone's id comes from its name", async ({ page }) => {
    await page.goto("/zones");
    await page.getByRole("link", { name: "New zone" }).click();
    await expect(page.getByRole("heading", { name: "New zone" })).toBeVisible();
    await page.getByLabel("Name").fill("Research Sandbox");
    await expect(page.getByTestId("zone-id-preview")).toHaveText("research_sandbox");
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.getByLabel("Rule 1 category").fill("user.foo");
    await expect(page.getByTestId("field-error").first()).toHaveText('unknown category "user.foo"');
    await expect(page.getByRole("button", { name: "Create zone" })).toBeDisabled();
    await page.screenshot(shot("zone-new-invalid"));
    await page.getByLabel("Rule 1 category").fill("user.behavior");
    await expect(page.getByTestId("dry-run")).toContainText("No violation or admission changes.");
    await expect(page.getByRole("button", { name: "Create zone" })).toBeEnabled();
  });
});

test.describe("as an engineer", () => {
  test.use({ storageState: storageFor("engineer") });

  test("sees no edit buttons, and the edit page refuses", async ({ page }) => {
    await page.goto("/zones");
    await expect(page.getByRole("heading", { name: "Policy zones" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New zone" })).toHaveCount(0);
    await page.goto("/zones/reporting");
    await expect(page.getByRole("link", { name: "Show on graph" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
    await page.goto("/zones/reporting/edit");
    await expect(page.getByText("Only privacy reviewers edit zones")).toBeVisible();
    await page.goto("/edges");
    await expect(page.getByRole("button", { name: "Mark selected reviewed" })).toHaveCount(0);
  });
});
