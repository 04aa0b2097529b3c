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

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { name, level: 1 }).first()).toBeVisible();
};

// Every page under app/(dashboard); roles are those that see different controls on it (read-only pages once).
const PAGES: PageCase[] = [
  { name: "graph", url: "/graph", roles: ["engineer", "privacy_reviewer"], ready: async (page) => void (await expect(page.locator(".react-flow__node").first()).toBeVisible()) },
  { name: "zones", url: "/zones", roles: ["engineer", "privacy_reviewer"], ready: heading("Policy zones") },
  { name: "zone", url: "/zones/ads", roles: ["engineer", "privacy_reviewer"], ready: heading(/Ads Optimization/) },
  { name: "new zone", url: "/zones/new", roles: ["privacy_reviewer"], ready: heading(/zone/i) },
  { name: "edit zone", url: "/zones/ads/edit", roles: ["privacy_reviewer"], ready: heading(/Ads Optimization|zone/i) },
  { name: "assets", url: "/assets", roles: ["engineer"], ready: heading("Data assets") },
  { name: "asset", url: "/assets/purchase_events", roles: ["engineer"], ready: heading(/purchase_events/) },
  { name: "edges", url: "/edges", roles: ["engineer", "privacy_reviewer"], ready: heading(/edges/i) },
  { name: "paths", url: "/paths", roles: ["engineer", "privacy_reviewer"], ready: heading("Sanctioned paths") },
  { name: "new path", url: "/paths/new", roles: ["engineer"], ready: heading(/path/i) },
  { name: "violations", url: "/violations", roles: ["engineer", "privacy_reviewer"], ready: heading("Violations") },
  { name: "changes", url: "/changes", roles: ["engineer"], ready: heading("Changes") },
  { name: "audit", url: "/audit", roles: ["legal"], ready: heading(/audit/i) },
  { name: "audit verify", url: "/audit/verify", roles: ["legal"], ready: heading(/verif|audit/i) },
  { name: "labels", url: "/labels", roles: ["engineer", "privacy_reviewer"], ready: heading(/label/i) },
  { name: "ropa", url: "/ropa", roles: ["engineer", "legal"], ready: heading(/record|processing|ropa/i) },
  { name: "erasure", url: "/erasure", roles: ["engineer"], ready: heading(/erasure/i) },
  { name: "erasure impact", url: "/erasure?asset=purchase_events", roles: ["legal"], ready: heading(/erasure/i) },
  { name: "tokens", url: "/tokens", roles: ["admin"], ready: heading(/token/i) },
  { name: "users", url: "/users", roles: ["admin"], ready: heading(/users/i) },
  { name: "settings", url: "/settings", roles: ["engineer", "admin"], ready: heading(/settings/i) },
  { name: "forbidden (users as engineer)", url: "/users", roles: ["engineer"], ready: heading(/.+/) },
  { name: "not found", url: "/zones/no-such-zone", roles: ["engineer"], ready: heading("Not found") },
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
