import { expect, test, type Page } from "@playwright/test";

// The graph on the seeded demo world: the red ads edge explained, filters,
// focus mode, collapsing a zone, and a shared link that restores the view.
// Screenshots land in screenshots/ for a human to judge.
const shot = (name: string) => ({ path: `screenshots/graph-${name}.png` });
const RED_EDGE = "purchase_events\u2192recs_purchase_affinity";

async function openGraph(page: Page, query = "") {
  await page.goto(`/graph${query}`);
  await expect(page.getByTestId("graph-canvas")).toBeVisible();
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
}

/** Clicks an edge where its curve crosses the visible canvas (a real mouse click on the path). */
async function clickEdge(page: Page, edgeId: string) {
  const edge = page.getByTestId(`rf__edge-${edgeId}`);
  await expect(edge).toHaveCount(1);
  const point = await edge.evaluate((g) => {
    const path = g.querySelector("path.react-flow__edge-interaction") as SVGPathElement | null;
    const canvas = document.querySelector('[data-testid="graph-canvas"]')!.getBoundingClientRect();
    if (!path) return null;
    const length = path.getTotalLength();
    const matrix = path.getScreenCTM()!;
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]) {
      const p = path.getPointAtLength(length * t);
      const x = matrix.a * p.x + matrix.c * p.y + matrix.e;
      const y = matrix.b * p.x + matrix.d * p.y + matrix.f;
      if (x < canvas.left + 10 || x > canvas.right - 10 || y < canvas.top + 10 || y > canvas.bottom - 10) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit && g.contains(hit)) return { x, y };
    }
    return null;
  });
  expect(point, `a visible point on ${edgeId}`).not.toBeNull();
  await page.mouse.click(point!.x, point!.y);
}

async function searchAndPick(page: Page, text: string) {
  await page.getByRole("searchbox", { name: "Search assets by name" }).fill(text);
  await page.getByRole("option", { name: new RegExp(`^${text}`) }).first().click();
}

test("the demo world opens as zones with aggregated flows and a legend", async ({ page }) => {
  await openGraph(page);
  await expect(page.getByTestId("graph-totals")).toHaveText("63 assets · 77 edges");
  for (const zone of ["ads", "recs", "reporting", "assistant", "ai_training", "identity"]) {
    await expect(page.locator(`[data-zone="${zone}"]`)).toBeVisible();
  }
  await expect(page.getByTestId("graph-legend")).toContainText("Sanctioned crossing");
  await expect(page.getByTestId("graph-legend")).toContainText("Unreviewed new edge");
  await page.screenshot(shot("overview"));
});

test("at a laptop size the demo world opens readable: every asset drawn, fitted at a readable zoom", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openGraph(page);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-lod", "detail");
  await expect(page.locator("[data-asset]")).toHaveCount(63);
  const zoom = await page.locator(".react-flow__viewport").evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
  // (0.5 before unzoned assets were grouped into pseudo-zone boxes by namespace, which take a little more room)
  expect(zoom).toBeGreaterThanOrEqual(0.45);
  // A zone's chain wrapped into rows: the edge back to the next row's first column runs down
  // between the rows, inside the zone, not in a curve out past its right border.
  const zone = await page.locator('[data-zone="identity"]').boundingBox();
  const wrap = await page.getByTestId("rf__edge-account_events_logger\u2192users").locator("path.react-flow__edge-path").boundingBox();
  expect(zone && wrap).toBeTruthy();
  expect(wrap!.x).toBeGreaterThanOrEqual(zone!.x);
  expect(wrap!.x + wrap!.width).toBeLessThanOrEqual(zone!.x + zone!.width);
  expect(wrap!.y + wrap!.height).toBeLessThanOrEqual(zone!.y + zone!.height);
});

test("clicking the red ads edge explains the violation and highlights its path", async ({ page }) => {
  await openGraph(page);
  await searchAndPick(page, "recs_purchase_affinity");
  await expect(page).toHaveURL(/sel=a%3Arecs_purchase_affinity/);
  await expect(page.getByTestId(`rf__edge-${RED_EDGE}`)).toHaveAttribute("class", /react-flow__edge/);
  await expect(page.getByTestId(`rf__edge-${RED_EDGE}`).locator("g[data-status]")).toHaveAttribute("data-status", "violation");
  await clickEdge(page, RED_EDGE);

  const panel = page.getByTestId("side-panel");
  await expect(panel).toContainText("purchase_events → recs_purchase_affinity");
  await expect(panel.getByTestId("edge-status")).toHaveText("Violation");
  await expect(panel).toContainText("Unsanctioned crossing");
  const sentence = panel.getByTestId("violation-explanation").first();
  await expect(sentence).toContainText("no approved sanctioned path from Ads Optimization to Content Recommendations");
  await expect(sentence).toContainText("user.behavior.purchase_history");
  await expect(page).toHaveURL(/sel=e%3Apurchase_events%3Erecs_purchase_affinity/);
  // The offending path is highlighted: both ends stand out, the rest is dimmed.
  await expect(page.locator('[data-asset="purchase_events"]')).toHaveClass(/ring-rose/);
  // the engineer may request a path for this red crossing, from here
  await expect(panel.getByRole("link", { name: "Request sanctioned path" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Mark reviewed" })).toBeDisabled();
  await page.screenshot(shot("red-edge-explained"));
});

test("filtering to one zone keeps only its assets", async ({ page }) => {
  await openGraph(page);
  await page.getByTestId("zone-filter").locator("summary").click();
  await page.getByTestId("zone-filter").getByLabel("Content Recommendations").check();
  await expect(page).toHaveURL(/zones=recs/);
  await expect(page.getByTestId("graph-totals")).toContainText("12 of 63 assets");
  await expect(page.locator('[data-zone="recs"]')).toBeVisible();
  await expect(page.locator('[data-zone="ads"]')).toHaveCount(0);
  await expect(page.locator('[data-asset="purchase_events"]')).toHaveCount(0);
});

test("focus mode shows only the upstream and downstream of an asset, to a chosen depth", async ({ page }) => {
  await openGraph(page);
  await searchAndPick(page, "purchase_events");
  await page.getByTestId("side-panel").getByRole("button", { name: /Focus on its upstream and downstream/ }).click();
  await expect(page).toHaveURL(/focus=purchase_events/);
  await expect(page.getByTestId("focus-bar")).toBeVisible();
  await page.getByLabel("Focus depth").selectOption("1");
  await expect(page).toHaveURL(/depth=1/);
  // depth 1: its logger upstream, its readers downstream, nothing further
  await expect(page.locator('[data-asset="purchase_events_logger"]')).toBeVisible();
  await expect(page.locator('[data-asset="recs_purchase_affinity"]')).toBeVisible();
  await expect(page.locator('[data-asset="pixel"]')).toHaveCount(0);
  const depthOne = await page.getByTestId("graph-totals").textContent();
  await page.getByLabel("Focus depth").selectOption("all");
  await expect(page).toHaveURL(/depth=all/);
  await expect(page.getByTestId("graph-totals")).not.toHaveText(depthOne ?? "");
  await page.getByLabel("Focus depth").selectOption("2");
  await expect(page.locator('[data-asset="pixel"]')).toBeVisible();
  await page.screenshot(shot("focus"));
  await page.getByRole("button", { name: "Exit focus mode" }).click();
  await expect(page).not.toHaveURL(/focus=/);
});

test("a zone collapses into one node with aggregated edges and expands back", async ({ page }) => {
  await openGraph(page);
  await page.getByRole("button", { name: "Collapse Ads Optimization" }).click();
  await expect(page).toHaveURL(/collapsed=ads/);
  const collapsed = page.locator('[data-zone="ads"][data-collapsed="true"]');
  await expect(collapsed).toBeVisible();
  await expect(collapsed).toContainText("12 assets");
  await page.getByRole("button", { name: "Collapse Content Recommendations" }).click();
  await expect(page).toHaveURL(/collapsed=ads%2Crecs|collapsed=ads,recs/);
  // with both zones collapsed, the flows from Ads into Recs are one aggregated edge, red because one of them is
  const aggregated = page.getByTestId("rf__edge-zone:ads\u2192zone:recs");
  await expect(aggregated.locator("g[data-status]")).toHaveAttribute("data-status", "violation");
  await page.screenshot(shot("collapsed"));
  await page.getByRole("button", { name: "Expand Ads Optimization" }).click();
  await expect(page.locator('[data-zone="ads"][data-collapsed="true"]')).toHaveCount(0);
  await expect(page).toHaveURL(/collapsed=recs/);
});

test("a shared URL restores selection, focus, filters and collapsed zones", async ({ page }) => {
  await openGraph(page, "?sel=e%3Apurchase_events%3Erecs_purchase_affinity&focus=purchase_events&depth=1&collapsed=reporting&violations=1");
  await expect(page.getByTestId("side-panel")).toContainText("purchase_events → recs_purchase_affinity");
  await expect(page.getByTestId("side-panel").getByTestId("violation-explanation").first()).toContainText("Content Recommendations");
  await expect(page.getByTestId("focus-bar")).toContainText("purchase_events");
  await expect(page.getByLabel("Focus depth")).toHaveValue("1");
  await expect(page.getByLabel("Violations only")).toBeChecked();
  await expect(page.getByTestId(`rf__edge-${RED_EDGE}`)).toHaveCount(1);
});
