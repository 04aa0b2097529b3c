// Sanctioned paths end to end, each step as the role that takes it: an engineer
// requests a path from the red ads edge, a reviewer sees it in the queue with
// its dry run and approves it, the edge turns green, the audit log names both;
// nobody approves their own request; legal cannot approve. The world is left as
// the other specs expect it: the approved path is revoked at the end.
import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import type { Role } from "../lib/auth/permissions";
import { demoUser, storageFor } from "./auth";

const RED_EDGE = "purchase_events\u2192recs_purchase_affinity";
const EDGE_VIEW = "/graph?sel=e%3Apurchase_events%3Erecs_purchase_affinity&focus=purchase_events&depth=1";
const shot = (name: string) => ({ path: `screenshots/paths-${name}.png`, fullPage: true });

async function as(browser: Browser, role: Role): Promise<Page> {
  const context = await browser.newContext({ storageState: storageFor(role), viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

async function edgeStatus(page: Page, view = EDGE_VIEW, edge = RED_EDGE) {
  await page.goto(view);
  return page.getByTestId(`rf__edge-${edge}`).locator("g[data-status]");
}

/** Opens the request form from the red edge's side panel and fills the justification. */
async function requestFromRedEdge(page: Page, justification: string) {
  await page.goto(EDGE_VIEW);
  const panel = page.getByTestId("side-panel");
  await expect(panel.getByTestId("edge-status")).toHaveText("Violation");
  await panel.getByRole("link", { name: "Request sanctioned path" }).click();
  await expect(page).toHaveURL(/\/paths\/new\?edge=purchase_events%3Erecs_purchase_affinity/);
  await expect(page.getByLabel("From zone")).toHaveValue("ads");
  await expect(page.getByLabel("To zone")).toHaveValue("recs");
  await expect(page.getByTestId("chosen-categories")).toContainText("user.behavior.purchase_history");
  await expect(page.getByTestId("chosen-categories")).toContainText("user.unique_id.pseudonymous");
  await page.getByLabel("Justification").fill(justification);
}

test.describe.configure({ mode: "serial" });

test("engineer requests from the red edge, reviewer approves from the queue, the edge is no longer red, the audit log names both", async ({ browser }) => {
  const engineer = await as(browser, "engineer");
  await requestFromRedEdge(engineer, "Boost shopping content for recent buyers; joined on the pseudonymous id only.");

  // the form validates on the server, field by field, and writes nothing
  await engineer.getByLabel("Justification").fill("   ");
  await engineer.getByRole("button", { name: "Send request" }).click();
  await expect(engineer.getByText("required: say why this data must cross")).toBeVisible();
  await engineer.getByLabel("Justification").fill("Boost shopping content for recent buyers; joined on the pseudonymous id only.");

  // an extra category that does not flow along the edge is a warning, not an error
  await engineer.getByLabel("Add a category").fill("user.contact.email");
  await engineer.getByRole("button", { name: "Add", exact: true }).click();
  await engineer.getByRole("button", { name: "Check impact" }).click();
  await expect(engineer.getByTestId("category-warning")).toContainText("user.contact.email does not flow along purchase_events → recs_purchase_affinity");
  await engineer.getByRole("button", { name: "Remove user.contact.email" }).click();

  await engineer.getByRole("button", { name: "Check impact" }).click();
  const resolves = engineer.getByTestId("dry-run-resolves");
  await expect(resolves).toContainText("Approving resolves 1 violation");
  await expect(resolves).toContainText("purchase_events → recs_purchase_affinity");
  await engineer.screenshot(shot("request-form"));
  await engineer.getByRole("button", { name: "Send request" }).click();
  await expect(engineer).toHaveURL(/\/paths\?requested=/);
  const id = new URL(engineer.url()).searchParams.get("requested")!;
  expect(id).toMatch(/^ads-to-recs-[0-9a-f]{6}$/);
  // the engineer sees their request queued, may withdraw it, may not approve it
  const mine = engineer.getByTestId(`queued-${id}`);
  await expect(mine.getByRole("button", { name: "Withdraw request" })).toBeVisible();
  await expect(mine.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await engineer.context().close();

  const reviewer = await as(browser, "privacy_reviewer");
  await reviewer.goto("/paths");
  const queued = reviewer.getByTestId(`queued-${id}`);
  await expect(queued).toContainText("Boost shopping content for recent buyers");
  await expect(queued).toContainText(demoUser("engineer").email);
  await expect(queued.getByTestId("dry-run-resolves")).toContainText("purchase_events → recs_purchase_affinity");
  await expect(queued.getByRole("link", { name: "Show the lineage on the graph" })).toHaveAttribute("href", /sel=e%3Apurchase_events%3Erecs_purchase_affinity/);
  await reviewer.screenshot({ path: "screenshots/paths-review-queue.png" });
  // reject needs a note: the server says so
  await queued.getByRole("button", { name: "Reject" }).click();
  await expect(queued.getByRole("alert")).toContainText("note: required to reject");
  await queued.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByTestId(`queued-${id}`)).toHaveCount(0);

  // no longer red: sanctioned by the new path (drawn amber-dashed, "unreviewed", until a reviewer marks the edge reviewed)
  await expect(await edgeStatus(reviewer)).toHaveAttribute("data-status", /^(sanctioned|unreviewed)$/);
  await expect(reviewer.getByTestId("side-panel")).toContainText(`Sanctioned by ${id}`);
  await expect(reviewer.getByTestId("side-panel").getByTestId("edge-status")).not.toHaveText("Violation");
  await reviewer.screenshot({ path: "screenshots/paths-edge-sanctioned.png" });

  await reviewer.goto(`/audit?q=${encodeURIComponent(id)}`);
  const rows = reviewer.locator("tbody tr");
  await expect(rows.filter({ hasText: "path.request" })).toContainText(demoUser("engineer").email);
  await expect(rows.filter({ hasText: "path.approve" })).toContainText(demoUser("privacy_reviewer").email);
  await reviewer.screenshot(shot("audit"));

  // leave the world as the other specs expect it: revoke (a note is required), and the edge is red again
  await reviewer.goto("/paths?status=approved");
  const row = reviewer.locator("tr", { hasText: id });
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row.getByRole("alert")).toContainText("note: required to revoke");
  await row.getByLabel("Decision note").fill("End of the e2e run.");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(reviewer.locator("tr", { hasText: id })).toHaveCount(0);
  await expect(await edgeStatus(reviewer)).toHaveAttribute("data-status", "violation");
  await reviewer.context().close();
});

test("approving a request for a reviewed red crossing turns it green on the graph", async ({ browser }) => {
  // purchase_events → measurement_partner_export: Ads data leaving all zones, an edge a reviewer has already reviewed
  const view = "/graph?sel=e%3Apurchase_events%3Emeasurement_partner_export&focus=purchase_events&depth=1";
  const edge = "purchase_events\u2192measurement_partner_export";
  const engineer = await as(browser, "engineer");
  await engineer.goto(view);
  await engineer.getByTestId("side-panel").getByRole("link", { name: "Request sanctioned path" }).click();
  await expect(engineer.getByLabel("From zone")).toHaveValue("ads");
  await expect(engineer.getByLabel("To zone")).toHaveValue(""); // out of all zones
  await engineer.getByLabel("Justification").fill("Conversion-lift measurement under the renewed processing agreement.");
  await engineer.getByRole("button", { name: "Send request" }).click();
  await expect(engineer).toHaveURL(/\/paths\?requested=/);
  const id = new URL(engineer.url()).searchParams.get("requested")!;
  await engineer.context().close();

  const reviewer = await as(browser, "privacy_reviewer");
  await reviewer.goto("/paths");
  await reviewer.getByTestId(`queued-${id}`).getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByTestId(`queued-${id}`)).toHaveCount(0);
  await expect(await edgeStatus(reviewer, view, edge)).toHaveAttribute("data-status", "sanctioned");
  await expect(reviewer.getByTestId("side-panel").getByTestId("edge-status")).toHaveText("Sanctioned crossing");
  await reviewer.screenshot({ path: "screenshots/paths-edge-green.png" });

  await reviewer.goto("/paths?status=approved");
  const row = reviewer.locator("tr", { hasText: id });
  await row.getByLabel("Decision note").fill("End of the e2e run.");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(reviewer.locator("tr", { hasText: id })).toHaveCount(0);
  await expect(await edgeStatus(reviewer, view, edge)).toHaveAttribute("data-status", "violation");
  await reviewer.context().close();
});

test("a reviewer cannot approve their own request; they may withdraw it", async ({ browser }) => {
  const reviewer = await as(browser, "privacy_reviewer");
  await requestFromRedEdge(reviewer, "A reviewer's own request, to check separation of duties.");
  await reviewer.getByRole("button", { name: "Send request" }).click();
  await expect(reviewer).toHaveURL(/\/paths\?requested=/);
  const id = new URL(reviewer.url()).searchParams.get("requested")!;
  const own = reviewer.getByTestId(`queued-${id}`);
  await expect(own).toContainText("This is your request: another privacy reviewer decides it.");
  await expect(own.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await own.getByRole("button", { name: "Withdraw request" }).click();
  await expect(reviewer.getByTestId(`queued-${id}`)).toHaveCount(0);
  await reviewer.goto("/paths?status=withdrawn");
  await expect(reviewer.locator("tr", { hasText: id })).toContainText("withdrawn");
  await reviewer.context().close();
});

test("legal sees the queue without decisions, and the server refuses a decision sent from a stale page", async ({ browser }) => {
  const legal = await as(browser, "legal");
  await legal.goto("/paths");
  const seeded = legal.getByTestId("queued-ads-purchases-to-recs");
  await expect(seeded.getByTestId("dry-run")).toBeVisible();
  await expect(seeded.getByRole("button")).toHaveCount(0);
  await expect(legal.getByRole("link", { name: "New request" })).toHaveCount(0);
  await legal.context().close();

  // a reviewer's page whose session becomes legal's: the button is still there, the server says no
  const page = await as(browser, "privacy_reviewer");
  await page.goto("/paths");
  const legalCookies = JSON.parse(fs.readFileSync(storageFor("legal"), "utf8")).cookies;
  await page.context().clearCookies();
  await page.context().addCookies(legalCookies);
  const queued = page.getByTestId("queued-ads-purchases-to-recs");
  await queued.getByRole("button", { name: "Approve" }).click();
  await expect(queued.getByRole("alert")).toContainText("your roles (legal) do not allow path.decide");
  await page.context().close();

  // still pending, the edge still red
  const reviewer = await as(browser, "privacy_reviewer");
  await reviewer.goto("/paths?status=pending");
  await expect(reviewer.locator("tr", { hasText: "ads-purchases-to-recs" })).toContainText("pending");
  await expect(await edgeStatus(reviewer)).toHaveAttribute("data-status", "violation");
  await reviewer.context().close();
});

test("a signed-out visitor is sent to sign in", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/paths/new");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});
