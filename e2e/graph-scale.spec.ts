import ELK from "elkjs/lib/elk.bundled.js";
import { expect, test, type Page } from "@playwright/test";
import { layoutGraph, type ElkLike } from "../lib/graph/layout";
import { zoneGroupOf } from "../lib/graph/zone-flows";
import { demoUser } from "./auth";
import { SCALE_WORLD_PORT, chosenScaleFlow, scaleWorldGraph } from "./scale-world";

// The graph of a generated organisation (5,000 assets, 20,000 edges, 50 zones; e2e/scale-world.ts) on its
// own server: the zone map at fit, one flow's counts against the engine's, a far edge drawn as a stub.
// Screenshots land in screenshots/ for a human to judge.
const base = `http://127.0.0.1:${SCALE_WORLD_PORT}`;
const graph = scaleWorldGraph();
const { source, zoneMap } = graph;

// A 5,000-asset world: the first graph request after sign-in loads, evaluates and lays it out.
test.setTimeout(180_000);

async function openGraph(page: Page, query = "") {
  const user = demoUser("engineer");
  await page.goto(`${base}/graph`);
  if (!page.url().includes("/sign-in")) return openedGraph(page, query);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/graph/, { timeout: 60_000 });
  await openedGraph(page, query);
}

async function openedGraph(page: Page, query: string) {
  await page.goto(`${base}/graph${query}`);
  await expect(page.getByTestId("graph-canvas")).toBeVisible();
  await expect(page.locator(".react-flow__node").first()).toBeVisible({ timeout: 30_000 });
}

/** Clicks a flow's arrow where it is on top (flows cross: the label's spot may lie under another one). */
async function clickFlow(page: Page, from: string, to: string) {
  const arrow = page.locator(`[data-testid="zone-flow"][data-from="${from}"][data-to="${to}"]`);
  const point = await arrow.evaluate((g) => {
    const path = g.querySelector("path.react-flow__edge-path") as SVGPathElement;
    const canvas = document.querySelector('[data-testid="graph-canvas"]')!.getBoundingClientRect();
    const length = path.getTotalLength();
    const matrix = path.getScreenCTM()!;
    for (let i = 1; i < 100; i++) {
      const t = 0.5 + (i % 2 ? 1 : -1) * Math.floor(i / 2) * 0.0099;
      const p = path.getPointAtLength(length * t);
      const x = matrix.a * p.x + matrix.c * p.y + matrix.e;
      const y = matrix.b * p.x + matrix.d * p.y + matrix.f;
      if (x < canvas.left + 10 || x > canvas.right - 10 || y < canvas.top + 10 || y > canvas.bottom - 10) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit && g.closest(".react-flow__edge")!.contains(hit)) return { x, y };
    }
    return null;
  });
  // Where other flows (or their labels) cover it all along, the click goes to the arrow itself.
  if (point) await page.mouse.click(point.x, point.y);
  else await arrow.locator("path.react-flow__edge-interaction").dispatchEvent("click");
}

const zoomOf = (page: Page) => page.locator(".react-flow__viewport").evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);

test("at fit, the 50-zone world is a zone map: every zone on screen, none overlapping, every name at 11 px or more", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openGraph(page);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-lod", "overview");
  const groups = zoneMap.groups.filter((g) => !g.pseudo || g.assets > 0);
  await expect(page.getByTestId("zone-box")).toHaveCount(groups.length);
  await page.waitForTimeout(500); // the fitted viewport settles
  const canvas = (await page.getByTestId("graph-canvas").boundingBox())!;
  const zoom = await zoomOf(page);
  const boxes = await page.getByTestId("zone-box").evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const name = el.querySelector('[data-testid="zone-name"]') as HTMLElement;
      return { id: el.getAttribute("data-zone")!, pseudo: el.getAttribute("data-pseudo") === "true", x: r.x, y: r.y, w: r.width, h: r.height, name: name.textContent, font: parseFloat(getComputedStyle(name).fontSize), nameWidth: name.getBoundingClientRect().width, nameFits: name.scrollWidth <= name.clientWidth + 1 };
    }),
  );
  expect(boxes.filter((b) => !b.pseudo)).toHaveLength(50);
  for (const b of boxes) {
    expect(b.x >= canvas.x && b.y >= canvas.y && b.x + b.w <= canvas.x + canvas.width && b.y + b.h <= canvas.y + canvas.height, `${b.id} on screen`).toBe(true);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, c] = [boxes[i], boxes[j]];
      expect(a.x + a.w <= c.x || c.x + c.w <= a.x || a.y + a.h <= c.y || c.y + c.h <= a.y, `${a.id} and ${c.id} overlap`).toBe(true);
    }
  }
  for (const b of boxes.filter((x) => !x.pseudo)) {
    expect(b.font * zoom, `${b.id}'s name on screen`).toBeGreaterThanOrEqual(11);
    expect(b.nameFits, `${b.id}'s name is not cut`).toBe(true);
  }
  await expectLabelsInTheOpen(page);
  await page.screenshot({ path: "screenshots/graph-scale-overview-1440.png" });
  // A smaller laptop: the map opened there is fitted to its canvas, and its names still read at 11 px.
  await page.setViewportSize({ width: 1024, height: 768 });
  await openedGraph(page, "");
  await page.waitForTimeout(500);
  const small = await zoomOf(page);
  const fonts = await page.locator('[data-testid="zone-box"]:not([data-pseudo]) [data-testid="zone-name"]').evaluateAll((els) =>
    els.map((el) => ({ name: el.textContent, font: parseFloat(getComputedStyle(el).fontSize), fits: el.scrollWidth <= el.clientWidth + 1 })),
  );
  expect(fonts).toHaveLength(50);
  for (const f of fonts) {
    expect(f.font * small, `${f.name}'s name on screen at 1024 × 768`).toBeGreaterThanOrEqual(11);
    expect(f.fits, `${f.name}'s name is not cut at 1024 × 768`).toBe(true);
  }
  await expectLabelsInTheOpen(page);
  await page.screenshot({ path: "screenshots/graph-scale-overview-1024.png" });
});

/** The flow labels shown on the map: none over a zone box, none over another, and there are some. */
async function expectLabelsInTheOpen(page: Page) {
  const { labels, boxes } = await page.evaluate(() => {
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
    };
    return {
      labels: [...document.querySelectorAll('[data-testid="zone-flow-label"]:not(.opacity-0)')].map((el) => ({ text: el.textContent, ...rect(el) })),
      boxes: [...document.querySelectorAll('[data-testid="zone-box"]')].map((el) => ({ id: el.getAttribute("data-zone"), ...rect(el) })),
    };
  });
  type R = { x0: number; y0: number; x1: number; y1: number };
  const overlap = (a: R, b: R) => a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
  expect(labels.length, "some flows carry their counts").toBeGreaterThan(0);
  for (const l of labels) {
    for (const b of boxes) expect(overlap(l, b), `label ${l.text} over ${b.id}`).toBe(false);
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) expect(overlap(labels[i], labels[j]), `labels ${labels[i].text} and ${labels[j].text}`).toBe(false);
  }
}

test("the flow between two zones carries the engine's counts, and opens its breakdown and its edges", async ({ page }) => {
  const flow = chosenScaleFlow(graph);
  await openGraph(page);
  const arrow = page.locator(`[data-testid="zone-flow"][data-from="${flow.from}"][data-to="${flow.to}"]`);
  await expect(arrow).toHaveCount(1);
  await expect(arrow).toHaveAttribute("data-edges", String(flow.edges));
  await expect(arrow).toHaveAttribute("data-violation", String(flow.violation));
  await expect(arrow).toHaveAttribute("data-sanctioned", String(flow.sanctioned));
  await expect(arrow).toHaveAttribute("data-permitted", String(flow.permitted));
  await expect(arrow).toHaveAttribute("data-status", flow.worst);
  await expect(arrow.getByTestId("zone-flow-label")).toHaveText(`${flow.violation} / ${flow.sanctioned} / ${flow.permitted}`);
  // one arrow per ordered pair: as many arrows as the engine has flows between drawn groups
  await expect(page.getByTestId("zone-flow")).toHaveCount(zoneMap.flows.length);
  await clickFlow(page, flow.from, flow.to);
  const card = page.getByTestId("flow-card");
  await expect(card).toContainText(`${flow.edges.toLocaleString("en")} edges`);
  await expect(card).toContainText(`${flow.violation} violation`);
  await expect(card.getByTestId("flow-categories")).toContainText(flow.categories[0].category);
  for (const p of flow.paths.slice(0, 3)) await expect(card.getByTestId("flow-paths")).toContainText(p);
  await expect(card.getByTestId("flow-edges-link")).toHaveAttribute("href", `/edges?fromZone=${encodeURIComponent(flow.from)}&toZone=${encodeURIComponent(flow.to)}`);
  await page.screenshot({ path: "screenshots/graph-scale-flow-card.png" });
});

test("zoomed in, an edge to a far-away asset is a short stub towards its zone, not a line across the screen", async ({ page }) => {
  const { layout } = await layoutGraph(source, { elk: new ELK() as unknown as ElkLike, emptyZones: true });
  const zoneOf = new Map(source.assets.map((a) => [a.id, zoneGroupOf(a)]));
  // a crossing edge whose ends are more than 8,000 px apart (several screens at zoom 1)
  const far = source.edges.find((e) => {
    const [a, b] = [layout.assets[e.from], layout.assets[e.to]];
    return zoneOf.get(e.from) !== zoneOf.get(e.to) && Math.abs(a.x - b.x) + Math.abs(a.y - b.y) > 8000;
  })!;
  expect(far).toBeTruthy();
  const group = zoneOf.get(far.to)!;
  for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 768 }]) {
    await page.setViewportSize(size);
    await openGraph(page);
    // found by name: the view centres on it at zoom 1 and fetches the region around it
    const name = source.assets.find((a) => a.id === far.from)!.name;
    await page.getByRole("searchbox", { name: "Search assets by name" }).fill(name);
    await page.getByRole("option", { name: new RegExp(`^${name}`) }).first().click();
    await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-lod", "detail");
    await expect(page.locator(`[data-asset="${far.from}"]`)).toBeVisible();
    const stub = page.locator(`[data-testid="edge-stub"][data-node="${far.from}"][data-dir="out"][data-group="${group}"]`);
    await expect(stub).toHaveCount(1);
    const expected = source.edges.filter((e) => e.from === far.from && zoneOf.get(e.to) === group && Math.abs(layout.assets[e.to].x - layout.assets[far.from].x) + Math.abs(layout.assets[e.to].y - layout.assets[far.from].y) > 8000).length;
    expect(Number(await stub.getAttribute("data-count"))).toBeGreaterThanOrEqual(expected);
    // the far end is not drawn, nor a line to it
    await expect(page.locator(`[data-asset="${far.to}"]`)).toHaveCount(0);
    await expect(page.getByTestId(`rf__edge-${far.from}\u2192${far.to}`)).toHaveCount(0);
    await page.screenshot({ path: `screenshots/graph-scale-detail-${size.width}.png` });
  }
});

test("a shared link to an asset opens on that asset, in the middle of the canvas, though the first view is the zone map", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // an asset deep inside a zone, far from where the fitted map would put the eye
  const asset = source.assets.find((a) => a.zone === source.zones[source.zones.length - 1].id && a.violations > 0) ?? source.assets[source.assets.length - 1];
  await openGraph(page, `?sel=a:${encodeURIComponent(asset.id)}`);
  await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-lod", "detail");
  const node = page.locator(`[data-asset="${asset.id}"]`);
  await expect(node).toBeVisible();
  const canvas = (await page.getByTestId("graph-canvas").boundingBox())!;
  const box = (await node.boundingBox())!;
  expect(Math.abs(box.x + box.width / 2 - (canvas.x + canvas.width / 2)), "centred across").toBeLessThan(canvas.width / 4);
  expect(Math.abs(box.y + box.height / 2 - (canvas.y + canvas.height / 2)), "centred down").toBeLessThan(canvas.height / 4);
  await expect(page.getByRole("complementary", { name: "Selection details" })).toContainText(asset.name);
});
