import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { Role } from "../lib/auth/permissions";
import { storageFor } from "./auth";

// WCAG 2.1 A and AA (axe-core's rule tags) on every page of the dashboard, as each role that sees something
// different there: zero violations. A page that gains a new control for one role should gain that role here.
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 8).map((n) => `${n.target.join(" ")} :: ${n.failureSummary?.split("\n").slice(1).join(" ").slice(0, 200)}`),
    count: v.nodes.length,
  }));
  expect(found, `${what}: ${JSON.stringify(found, null, 2)}`).toEqual([]);
}

interface PageCase {
  name: string;
  url: string;
  roles: Role[];
  /** something the page shows once it is ready */
  ready: (page: Page) => Promise<void>;
}

/** The page's own title (not only the shell) is drawn. */
const titled = async (page: Page) => {
  await expect(page.locator("main h1").first()).toBeVisible();
};

// Every page under app/(dashboard); roles are those that see different controls on it (read-only pages once).
const PAGES: PageCase[] = [
  { name: "graph", url: "/graph", roles: ["engineer", "privacy_reviewer"], ready: async (page) => void (await expect(page.locator(".react-flow__node").first()).toBeVisible()) },
  { name: "zone matrix", url: "/graph/matrix", roles: ["engineer"], ready: titled },
  { name: "zone matrix, violations only", url: "/graph/matrix?violations=1", roles: ["engineer"], ready: titled },
  { name: "zones", url: "/zones", roles: ["engineer", "privacy_reviewer"], ready: titled },
  { name: "zone", url: "/zones/ads", roles: ["engineer", "privacy_reviewer"], ready: titled },
  { name: "new zone", url: "/zones/new", roles: ["privacy_reviewer"], ready: titled },
  { name: "edit zone", url: "/zones/ads/edit", roles: ["privacy_reviewer"], ready: titled },
  { name: "assets", url: "/assets", roles: ["engineer"], ready: titled },
  { name: "asset", url: "/assets/purchase_events", roles: ["engineer"], ready: titled },
  { name: "edges", url: "/edges", roles: ["engineer", "privacy_reviewer"], ready: titled },
  { name: "a zone flow's edges", url: "/edges?fromZone=ads&toZone=recs", roles: ["engineer", "privacy_reviewer"], ready: titled },
  { name: "paths", url: "/paths", roles: ["engineer", "privacy_reviewer"], ready: titled },
  { name: "new path", url: "/paths/new", roles: ["engineer"], ready: titled },
  { name: "violations", url: "/violations", roles: ["engineer", "privacy_reviewer"], ready: titled },
  { name: "changes", url: "/changes", roles: ["engineer"], ready: titled },
  { name: "audit", url: "/audit", roles: ["legal"], ready: titled },
  { name: "audit verify", url: "/audit/verify", roles: ["legal"], ready: titled },
  { name: "labels", url: "/labels", roles: ["engineer", "privacy_reviewer"], ready: titled },
  { name: "ropa", url: "/ropa", roles: ["engineer", "legal"], ready: titled },
  { name: "erasure", url: "/erasure", roles: ["engineer"], ready: titled },
  { name: "erasure impact", url: "/erasure?asset=purchase_events", roles: ["legal"], ready: titled },
  { name: "tokens", url: "/tokens", roles: ["admin"], ready: titled },
  { name: "users", url: "/users", roles: ["admin"], ready: titled },
  { name: "settings", url: "/settings", roles: ["engineer", "admin"], ready: titled },
  { name: "forbidden (users as engineer)", url: "/users", roles: ["engineer"], ready: async (page) => void (await expect(page.getByRole("alert").filter({ hasText: "Only admins" })).toBeVisible()) },
  { name: "not found", url: "/zones/no-such-zone", roles: ["engineer"], ready: titled },
];

for (const pageCase of PAGES) {
  for (const role of pageCase.roles) {
    test.describe(() => {
      test.use({ storageState: storageFor(role) });
      test(`${pageCase.name} (${pageCase.url}) as ${role} has no WCAG 2.1 AA violations`, async ({ page }) => {
        await page.goto(pageCase.url);
        await pageCase.ready(page);
        await expectNoViolations(page, `${pageCase.url} as ${role}`);
      });
    });
  }
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test("sign-in has no WCAG 2.1 AA violations", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await expectNoViolations(page, "/sign-in");
  });
});

test.describe("the graph in other states", () => {
  test.use({ storageState: storageFor("privacy_reviewer") });

  test("selected asset with the side panel open, and a selected red edge, have no violations", async ({ page }) => {
    await page.goto("/graph?sel=a:purchase_events");
    await expect(page.getByTestId("side-panel")).toContainText("purchase_events");
    await expectNoViolations(page, "/graph with an asset selected");
    await page.goto(`/graph?sel=${encodeURIComponent("e:purchase_events>recs_purchase_affinity")}`);
    await expect(page.getByTestId("side-panel").getByTestId("edge-status")).toBeVisible();
    await expectNoViolations(page, "/graph with an edge selected");
  });

  test("zoomed in on focus mode, and zoomed out with every zone collapsed, have no violations", async ({ page }) => {
    await page.goto("/graph?focus=purchase_events&depth=2");
    await expect(page.locator(".react-flow__node").first()).toBeVisible();
    for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Zoom In" }).click();
    await expectNoViolations(page, "/graph focused and zoomed in");
    await page.goto("/graph");
    await expect(page.locator(".react-flow__node").first()).toBeVisible();
    await page.getByRole("button", { name: "Collapse all zones" }).click();
    await expect(page.locator("[data-collapsed=true]").first()).toBeVisible();
    await expectNoViolations(page, "/graph with every zone collapsed");
  });
});

test("the graph from the keyboard: Tab in, arrows between nodes, Enter opens the side panel, Escape closes it", async ({ page }) => {
  await page.goto("/graph");
  await expect(page.locator("[data-asset]").first()).toBeVisible();
  const positions = async () =>
    page.locator(".react-flow__node[data-id]").evaluateAll((els) => els.map((el) => `${el.getAttribute("data-id")}:${(el as HTMLElement).style.transform}`).join("|"));
  const before = await positions();

  // Tab from the toolbar's last control into the canvas: the first Tab stop there is a node or an edge.
  await page.getByRole("button", { name: "Collapse all zones" }).focus();
  let inCanvas = false;
  for (let i = 0; i < 10 && !inCanvas; i++) {
    await page.keyboard.press("Tab");
    inCanvas = await page.evaluate(() => !!document.activeElement?.matches(".react-flow__node, .react-flow__edge"));
  }
  expect(inCanvas, "Tab reaches a node or an edge of the canvas").toBe(true);
  // nodes come first in the Tab order (React Flow's document order has every edge before them), then the edges
  expect(await page.evaluate(() => document.activeElement?.matches(".react-flow__node")), "the first Tab stop in the canvas is a node").toBe(true);
  const order = await page.evaluate(() => [...document.querySelectorAll(".react-flow__node[tabindex='0']")].map((el) => el.getAttribute("data-id")));
  await page.locator(`.react-flow__node[data-id="${order.at(-1)}"]`).focus();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.matches(".react-flow__edge")), "after the last node, Tab goes to the edges").toBe(true);
  await page.keyboard.press("Shift+Tab");
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-id"))).toBe(order.at(-1));
  await page.locator(`.react-flow__node[data-id="${order[0]}"]`).focus();

  // An arrow key lands on an asset node (from an edge: its target; from a node: the nearest one to the right).
  await page.keyboard.press("ArrowRight");
  const focusedAsset = page.locator(".react-flow__node:focus");
  await expect(focusedAsset).toHaveCount(1);
  // more arrows: focus moves from node to node
  const first = await focusedAsset.getAttribute("data-id");
  let second = first;
  for (const key of ["ArrowDown", "ArrowUp", "ArrowRight", "ArrowLeft"]) {
    await page.keyboard.press(key);
    await expect(page.locator(".react-flow__node:focus")).toHaveCount(1);
    second = await page.locator(".react-flow__node:focus").getAttribute("data-id");
    if (second !== first) break;
  }
  expect(second, "an arrow key moved focus to another node").not.toBe(first);

  // the focus is visible: a ring drawn by the outline
  const ring = await page.locator(".react-flow__node:focus").evaluate((el) => {
    const style = getComputedStyle(el);
    return { outline: style.outlineStyle, width: parseFloat(style.outlineWidth), boxShadow: style.boxShadow };
  });
  expect(ring.outline !== "none" && ring.width >= 2 ? "outline" : ring.boxShadow !== "none" ? "shadow" : "none").not.toBe("none");
  await page.screenshot({ path: "screenshots/a11y-keyboard-focus.png" });

  // Enter opens the side panel naming that node
  const id = second!;
  // its accessible name starts with the asset's name ("purchase_events, table, Ads Optimization, 2 violations")
  const name = (await page.locator(`.react-flow__node[data-id="${id}"]`).getAttribute("aria-label"))!.split(",")[0];
  await page.keyboard.press("Enter");
  const panel = page.getByRole("complementary", { name: "Selection details" });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("heading", { level: 2 })).toContainText(name!);
  await expect(page).toHaveURL(new RegExp(`sel=a(%3A|:)${encodeURIComponent(id)}`));
  await expectNoViolations(page, "/graph opened from the keyboard");

  // Escape closes it, and focus goes back to the node
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(page.locator(`.react-flow__node[data-id="${id}"]`)).toBeFocused();

  // the arrows moved focus, never a node
  expect(await positions()).toBe(before);
});

test("the graph's toolbar and side panel have accessible names", async ({ page }) => {
  await page.goto("/graph?sel=a:purchase_events");
  await expect(page.getByRole("toolbar", { name: /Graph view/ })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Selection details" })).toBeVisible();
  await expect(page.getByRole("application", { name: "Lineage graph" })).toBeVisible();
  await expect(page.getByRole("group", { name: /^purchase_events, table/ })).toBeVisible();
});
