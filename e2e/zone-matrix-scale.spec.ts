import { expect, test, type Locator, type Page } from "@playwright/test";
import { evaluate } from "../lib/engine/evaluate";
import { zoneFlowGraph, zoneGroupOf, type ZoneFlow } from "../lib/graph/zone-flows";
import { toGraphSource } from "../lib/graph/graph-source";
import { demoUser } from "./auth";
import { SCALE_WORLD_PORT, scaleWorld } from "./scale-world";

// The zone matrix of the generated 50-zone world (e2e/scale-world.ts, served by e2e/scale-world-server.ts):
// for the flow e2e/graph-scale.spec.ts checks on the map, the matrix cell shows the same counts as the
// map's arrow, both equal to a naive count over the world's edges with the engine's verdicts; the cell
// opens that flow's edges. Screenshots land in screenshots/ for a human to judge.
const base = `http://127.0.0.1:${SCALE_WORLD_PORT}`;
const world = scaleWorld();
const evaluation = evaluate(world);
const zoneMap = zoneFlowGraph(toGraphSource(world, evaluation));

/** The same flow e2e/graph-scale.spec.ts chooses: the busiest one with violations and sanctioned edges between two real zones. */
function chosenFlow(): ZoneFlow {
  const real = new Set(world.zones.map((z) => z.id));
  const candidates = zoneMap.flows.filter((f) => real.has(f.from) && real.has(f.to) && f.violation > 0 && f.sanctioned > 0);
  return candidates.sort((a, b) => b.edges - a.edges || (a.id < b.id ? -1 : 1))[0];
}

const countsOf = (el: Locator) =>
  el.evaluate((node) => {
    const d = (node as HTMLElement).dataset;
    return { edges: Number(d.edges), violation: Number(d.violation), sanctioned: Number(d.sanctioned), permitted: Number(d.permitted) };
  });

/** As signInWithForm, but patient: the first page after signing in lays out the whole 5,000-asset graph on a cold server. */
async function signIn(page: Page) {
  const user = demoUser("engineer");
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/graph/, { timeout: 120_000 });
}

test("the matrix shows the map's counts for the chosen flow, and its cell opens exactly that flow's edges", async ({ page }) => {
  test.setTimeout(180_000);
  const flow = chosenFlow();
  expect(flow).toBeTruthy();
  // naive: every edge of the world between the two zones, with the engine's verdict
  const group = new Map(world.assets.map((a) => [a.id, zoneGroupOf(a)]));
  const naive = { edges: 0, violation: 0, sanctioned: 0, permitted: 0 };
  const pairs: string[] = [];
  for (const e of world.edges) {
    if (group.get(e.from) !== flow.from || group.get(e.to) !== flow.to) continue;
    naive.edges++;
    naive[evaluation.edgeVerdict(e.from, e.to)]++;
    pairs.push(`${e.from}>${e.to}`);
  }
  expect(naive.edges).toBeGreaterThan(0);

  await signIn(page);
  await page.goto(`${base}/graph`);
  await expect(page.getByTestId("graph-canvas")).toBeVisible();
  const arrow = page.locator(`[data-testid="zone-flow"][data-from="${flow.from}"][data-to="${flow.to}"]`);
  await expect(arrow).toHaveCount(1, { timeout: 60_000 });
  const onMap = await countsOf(arrow);

  await page.getByTestId("view-tab-matrix").click();
  await expect(page).toHaveURL(/\/graph\/matrix$/);
  const cell = page.locator(`[data-testid="matrix-cell"][data-from="${flow.from}"][data-to="${flow.to}"]`);
  await expect(cell).toHaveCount(1, { timeout: 60_000 });
  const inMatrix = await countsOf(cell);
  expect(inMatrix).toEqual(onMap);
  expect(inMatrix).toEqual(naive);
  await expect(cell).toHaveAttribute("data-worst", flow.worst);
  // every zone with assets has its row, and the columns are the same groups
  const withAssets = zoneMap.groups.filter((g) => g.assets > 0).length;
  await expect(page.getByTestId("matrix-row")).toHaveCount(withAssets);
  await expect(page.getByTestId("matrix-column")).toHaveCount(withAssets);
  await expect(page.getByTestId("matrix-cell")).toHaveCount(zoneMap.flows.length);

  for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 768 }]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `screenshots/zone-matrix-scale-${size.width}.png` });
  }
  // the headers stay in view while the grid scrolls
  await page.getByTestId("matrix-scroll").evaluate((el) => el.scrollBy(2000, 1500));
  const header = page.getByTestId("matrix-column").first();
  const scroller = (await page.getByTestId("matrix-scroll").boundingBox())!;
  expect(Math.abs((await header.boundingBox())!.y - scroller.y)).toBeLessThan(2);
  await page.screenshot({ path: "screenshots/zone-matrix-scale-1024-scrolled.png" });

  await page.setViewportSize({ width: 1440, height: 900 });
  await cell.scrollIntoViewIfNeeded();
  await cell.click();
  await expect(page.getByTestId("flow-summary")).toContainText(`${naive.edges.toLocaleString("en")} edge`);
  const listed = await page.getByTestId("flow-edge").evaluateAll((rows) => rows.map((r) => `${(r as HTMLElement).dataset.from}>${(r as HTMLElement).dataset.to}`));
  expect(listed.length).toBe(Math.min(100, naive.edges));
  for (const pair of listed) expect(pairs).toContain(pair);
  await page.screenshot({ path: "screenshots/zone-matrix-scale-flow-edges.png" });
});
