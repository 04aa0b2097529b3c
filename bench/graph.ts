// The graph page's benchmark (issues 5 and 12). For the demo world (the baseline),
// a 5k assets / 20k edges world (20 zones, and 50 zones: the zone map) and a 100k world (overview only):
//  - layout time, cold and after a one-edge change (in process, through the
//    same per-zone layout and content-hash cache the server uses);
//  - in headless Chromium against a production server on a seeded database:
//    time from navigation to the first painted frame with nodes, and frame
//    times (median, p95) during a scripted zoom and pan at each zoom level,
//    from the whole graph down to single assets.
// Needs PostgreSQL where scratch databases may be created (BENCH_DATABASE_URL,
// DATABASE_URL or the local server) and Chromium at /usr/bin/chromium.
// Run directly: node --import tsx bench/graph.ts
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ELK from "elkjs/lib/elk.bundled.js";
import { createScratchDatabase } from "../server/db/scratch-database.ts";
import { chromium, type Browser, type Page } from "@playwright/test";
import { evaluate } from "../lib/engine/evaluate.ts";
import { layoutGraph, memoryLayoutCache, type ElkLike } from "../lib/graph/layout.ts";
import type { World } from "../lib/world/schema.ts";
import { toGraphSource } from "../lib/graph/graph-source.ts";
import { readWorldFile } from "../server/world/read-world-file.ts";
import { generateWorld } from "./generate-world.ts";
import { summariseTrace, type TraceSummary } from "./trace-summary.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const BENCH_USER = { email: "bench.engineer@example.com", name: "Bench Engineer", roles: ["engineer"] as const, password: "bench-engineer-password" };
const PORT = Number(process.env.BENCH_GRAPH_PORT ?? 3100);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/**
 * BENCH_GRAPH_TRACE=1 records a Chromium performance trace of each level and reports the main thread's CPU
 * per frame (scripting / rendering / painting), which the machine's load moves far less than frame times;
 * BENCH_GRAPH_TRACE_DIR keeps the traces (open them in the Performance panel).
 */
const TRACE = process.env.BENCH_GRAPH_TRACE === "1" || !!process.env.BENCH_GRAPH_TRACE_DIR;
const TRACE_DIR = process.env.BENCH_GRAPH_TRACE_DIR;
const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "disabled-by-default-devtools.timeline.frame", "v8.execute", "v8"];
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

interface WorldCase {
  name: string;
  world: () => World;
  /** Only the overview is measured (the issue asks that it opens). */
  overviewOnly?: boolean;
  targets: { firstPaintMs: number; p95FrameMs?: number; layoutColdMs?: number; layoutOneEdgeMs?: number };
}

const CASES: WorldCase[] = [
  { name: "demo", world: () => readWorldFile(path.join(ROOT, "examples/demo.world.json")), targets: { firstPaintMs: 1000, p95FrameMs: 17 } },
  {
    name: "5k/20k",
    world: () => generateWorld({ assets: 5_000, edges: 20_000, zones: 20, categories: 60, paths: 60, seed: 5 }),
    targets: { firstPaintMs: 1500, p95FrameMs: 33, layoutColdMs: 5000, layoutOneEdgeMs: 500 },
  },
  {
    // The zone map's case (issue 12): an organisation of 50 zones, opened at fit and zoomed to single assets.
    name: "5k/20k/50 zones",
    world: () => generateWorld({ assets: 5_000, edges: 20_000, zones: 50, categories: 60, paths: 60, seed: 5 }),
    targets: { firstPaintMs: 1500, p95FrameMs: 33, layoutColdMs: 5000, layoutOneEdgeMs: 500 },
  },
  {
    name: "100k/400k overview",
    world: () => generateWorld({ assets: 100_000, edges: 400_000, zones: 50, categories: 200, paths: 500, seed: 7 }),
    overviewOnly: true,
    targets: { firstPaintMs: 3000 },
  },
];

const round = (n: number) => Math.round(n * 10) / 10;
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Layout cold, then after adding one edge inside a zone (what a lineage ingestion does). */
async function benchLayout(world: World) {
  const evaluation = evaluate(world);
  const source = toGraphSource(world, evaluation);
  const cache = memoryLayoutCache();
  const elk = new ELK() as unknown as ElkLike;
  const cold = await layoutGraph(source, { cache, elk, emptyZones: true });
  const zoneOf = new Map(source.assets.map((a) => [a.id, a.zone]));
  const existing = new Set(source.edges.map((e) => `${e.from}>${e.to}`));
  const zoned = source.assets.filter((a) => a.zone);
  let added: { from: string; to: string } | null = null;
  for (let i = 0; i < zoned.length && !added; i++) {
    for (let j = zoned.length - 1; j > i; j--) {
      if (zoneOf.get(zoned[i].id) === zoneOf.get(zoned[j].id) && !existing.has(`${zoned[i].id}>${zoned[j].id}`)) {
        added = { from: zoned[i].id, to: zoned[j].id };
        break;
      }
    }
  }
  const changed = { ...source, edges: [...source.edges, { ...added!, verdict: "permitted" as const, unreviewed: true, paths: [] }] };
  const warm = await layoutGraph(changed, { cache, elk, emptyZones: true });
  return {
    assets: source.assets.length,
    edges: source.edges.length,
    zones: source.zones.length,
    layoutColdMs: Math.round(cold.stats.ms),
    layoutOneEdgeMs: Math.round(warm.stats.ms),
    zonesRecomputedAfterOneEdge: warm.stats.zonesComputed,
  };
}

function ensureBuild() {
  if (process.env.BENCH_SKIP_BUILD === "1" && fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) return;
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: ROOT, stdio: ["ignore", 2, 2], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("next build failed");
}

async function startServer(databaseUrl: string): Promise<ChildProcess> {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.on("data", (chunk) => process.stderr.write(`[next] ${chunk}`));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${PORT}/api/health`);
      if (r.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error("next start did not become healthy in 60 s");
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

// Installed before the page's own scripts: the first frame painted with a node, and a frame recorder.
// A string, not a function: tsx would wrap inner functions in helpers the page does not have.
const INSTRUMENT = `(() => {
  const w = window;
  w.__frames = [];
  w.__recording = false;
  let last = 0;
  const loop = (t) => {
    if (w.__recording && last) w.__frames.push(t - last);
    last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  const check = () => {
    if (w.__firstNodePaint === undefined && document.querySelector(".react-flow__node")) {
      requestAnimationFrame(() => requestAnimationFrame(() => { if (w.__firstNodePaint === undefined) w.__firstNodePaint = performance.now(); }));
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  document.addEventListener("DOMContentLoaded", () => {
    if (!check()) observer.observe(document.body, { childList: true, subtree: true });
  });
})();`;

async function zoomOf(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = document.querySelector(".react-flow__viewport") as HTMLElement | null;
    const m = el?.style.transform.match(/scale\(([\d.e-]+)\)/);
    return m ? Number(m[1]) : 1;
  });
}

/**
 * Where a drag pans: React Flow does not pan from an edge (every edge carries its nopan class) nor from a
 * control, so a drag that starts on one measures a still picture. The nearest such point to (cx, cy).
 */
async function pannablePoint(page: Page, cx: number, cy: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([x0, y0]) => {
    for (let r = 0; r <= 240; r += 6) {
      const steps = Math.max(1, Math.round((2 * Math.PI * r) / 6));
      for (let i = 0; i < steps; i++) {
        const x = x0 + r * Math.cos((2 * Math.PI * i) / steps);
        const y = y0 + r * Math.sin((2 * Math.PI * i) / steps);
        const el = document.elementFromPoint(x, y);
        if (el?.classList.contains("react-flow__pane")) return { x, y };
      }
    }
    return { x: x0, y: y0 };
  }, [cx, cy]);
}

const nextFrame = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));

/** Zoom with the wheel (as a user would) toward `target`, then pan across and back, recording frames. */
async function measureLevel(page: Page, target: number | null, trace: { browser: Browser; name: string } | null) {
  const box = (await page.getByTestId("graph-canvas").boundingBox())!;
  let cx = box.x + box.width / 2;
  let cy = box.y + box.height / 2;
  if (target !== null) {
    // Zoom into the zone on screen with the most assets (the densest place; boxes say how many in data-assets),
    // else the largest, not into empty space: zone-map boxes are sized for their names as much as for their assets.
    const spot = await page.evaluate((canvas) => {
      let best: { x: number; y: number; assets: number; area: number } | null = null;
      for (const el of document.querySelectorAll("[data-zone]")) {
        const r = el.getBoundingClientRect();
        const x0 = Math.max(r.left, canvas.x), x1 = Math.min(r.right, canvas.x + canvas.width);
        const y0 = Math.max(r.top, canvas.y), y1 = Math.min(r.bottom, canvas.y + canvas.height);
        const area = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
        const assets = Number(el.getAttribute("data-assets") ?? 0);
        if (area > 0 && (!best || assets > best.assets || (assets === best.assets && area > best.area))) best = { x: (x0 + x1) / 2, y: (y0 + y1) / 2, assets, area };
      }
      return best;
    }, box);
    if (spot) {
      cx = spot.x;
      cy = spot.y;
    }
  }
  await page.mouse.move(cx, cy);
  if (trace) await trace.browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__frames = [];
    w.__recording = true;
  });
  if (target !== null) {
    for (let i = 0; i < 60; i++) {
      const zoom = await zoomOf(page);
      const ratio = target / zoom;
      if (Math.abs(Math.log2(ratio)) < 0.05) break;
      // d3-zoom (React Flow): factor 2^(-deltaY * 0.002) per wheel event
      const deltaY = Math.max(-150, Math.min(150, -Math.log2(ratio) / 0.002));
      await page.mouse.wheel(0, deltaY);
      await nextFrame(page);
    }
    // let the level of detail settle (zoomed in, large views fetch the region)
    for (let i = 0; i < 20; i++) await nextFrame(page);
  }
  ({ x: cx, y: cy } = await pannablePoint(page, box.x + box.width / 2, box.y + box.height / 2));
  const panFrom = await page.evaluate(() => (document.querySelector(".react-flow__viewport") as HTMLElement | null)?.style.transform);
  let panned = false;
  for (const direction of [1, -1, 1, -1]) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let step = 1; step <= 15; step++) {
      await page.mouse.move(cx - direction * step * 24, cy - direction * step * 10);
      await nextFrame(page);
    }
    if (direction === 1) panned = panFrom !== (await page.evaluate(() => (document.querySelector(".react-flow__viewport") as HTMLElement | null)?.style.transform));
    await page.mouse.up();
    for (let i = 0; i < 3; i++) await nextFrame(page);
  }
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  let cpu: TraceSummary | undefined;
  if (trace) {
    const buffer = await trace.browser.stopTracing();
    if (TRACE_DIR) {
      fs.mkdirSync(TRACE_DIR, { recursive: true });
      fs.writeFileSync(path.join(TRACE_DIR, `${trace.name.replace(/[^\w.-]+/g, "_")}.json`), buffer);
    }
    cpu = summariseTrace(buffer, frames.length);
  }
  const sorted = [...frames].sort((a, b) => a - b);
  return {
    zoom: round(await zoomOf(page)),
    panned,
    frames: frames.length,
    medianMs: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    maxMs: round(sorted.at(-1) ?? NaN),
    longFrames: frames.filter((f) => f > 20).length,
    nodesInDom: await page.locator(".react-flow__node").count(),
    lod: await page.getByTestId("graph-canvas").getAttribute("data-lod"),
    ...(cpu ? { cpuPerFrameMs: cpu.perFrame, cpuTop: cpu.top.slice(0, 6).map((t) => `${t.name} ${t.ms}`) } : {}),
  };
}

async function benchBrowser(c: WorldCase, world: World, adminUrl: string) {
  const scratch = await createScratchDatabase(adminUrl, "bench_graph");
  const databaseUrl = scratch.url;
  let server: ChildProcess | null = null;
  try {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = databaseUrl;
    const { migrate } = await import("../server/db/migrate.ts");
    const { importWorld } = await import("../server/world/import-world.ts");
    const { disconnectPrisma } = await import("../server/db.ts");
    await migrate(databaseUrl);
    let t = performance.now();
    await importWorld({ world, actor: "bench" });
    const importMs = performance.now() - t;
    // every page needs a signed-in user: the demo engineer
    const { createUser } = await import("../server/users/manage-users.ts");
    await createUser({ system: "cli" }, BENCH_USER, { password: BENCH_USER.password });
    await disconnectPrisma();
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;

    server = await startServer(databaseUrl);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript({ content: INSTRUMENT });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/sign-in`);
      await page.getByLabel("Email", { exact: true }).fill(BENCH_USER.email);
      await page.getByLabel("Password", { exact: true }).fill(BENCH_USER.password);
      // the sign-in lands on /graph: abort that navigation's graph load timing, measure the API call below
      await Promise.all([page.waitForURL(/\/graph/, { timeout: 120_000 }), page.getByRole("button", { name: "Sign in", exact: true }).click()]);
      // The first request after a change loads, evaluates and lays out (then cached per version); the
      // page that sign-in opened may have started it already, so this is an upper bound of what is left.
      let t = performance.now();
      const first = await context.request.get(`http://127.0.0.1:${PORT}/api/v1/graph`, { timeout: 300_000 });
      const overviewBytes = (await first.text()).length;
      const serverColdMs = performance.now() - t;
      // one warm-up navigation (browser caches, server memo), then the measured one
      await page.goto(`http://127.0.0.1:${PORT}/graph`);
      await page.waitForFunction(() => (window as unknown as { __firstNodePaint?: number }).__firstNodePaint !== undefined, null, { timeout: 120_000 });
      await page.goto(`http://127.0.0.1:${PORT}/graph`);
      await page.waitForFunction(() => (window as unknown as { __firstNodePaint?: number }).__firstNodePaint !== undefined, null, { timeout: 120_000 });
      const firstPaintMs = await page.evaluate(() => (window as unknown as { __firstNodePaint: number }).__firstNodePaint);
      const nodesAtFirstPaint = await page.locator(".react-flow__node").count();
      await page.waitForTimeout(500);
      const fitZoom = await zoomOf(page);
      const levels: (number | null)[] = [null];
      if (!c.overviewOnly) {
        for (const z of [0.1, 0.3, 0.6, 1, 1.6]) if (z > fitZoom * 1.5) levels.push(z);
      } else {
        for (const z of [fitZoom * 3, fitZoom * 8]) levels.push(z);
      }
      const perLevel = [];
      for (const level of levels) {
        const target = level === null ? "whole graph" : round(level);
        perLevel.push({ target, ...(await measureLevel(page, level, TRACE ? { browser, name: `${c.name}-${target}` } : null)) });
      }
      await context.close();
      return {
        importMs: Math.round(importMs),
        serverColdMs: Math.round(serverColdMs),
        overviewPayloadKiB: Math.round(overviewBytes / 1024),
        firstPaintMs: Math.round(firstPaintMs),
        nodesAtFirstPaint,
        fitZoom: round(fitZoom),
        levels: perLevel,
        worstP95Ms: Math.max(...perLevel.map((l) => l.p95Ms)),
      };
    } finally {
      await browser.close();
    }
  } finally {
    if (server) await stopServer(server);
    await scratch.drop().catch(() => {});
  }
}

export async function benchGraph(): Promise<Record<string, unknown>> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const only = process.env.BENCH_GRAPH_ONLY?.split(",");
  ensureBuild();
  const results: Record<string, Record<string, unknown>> = {};
  for (const c of CASES) {
    if (only && !only.includes(c.name)) continue;
    const world = c.world();
    console.error(`graph bench: ${c.name} (${world.assets.length} assets, ${world.edges.length} edges)`);
    const layout = await benchLayout(world);
    const browser = await benchBrowser(c, world, adminUrl);
    results[c.name] = { ...layout, ...browser, targets: c.targets };
  }
  const base = results.demo as { firstPaintMs: number; worstP95Ms: number } | undefined;
  for (const r of Object.values(results) as { firstPaintMs: number; worstP95Ms: number; targets: WorldCase["targets"]; layoutColdMs: number; layoutOneEdgeMs: number }[]) {
    const t = r.targets;
    Object.assign(r, {
      firstPaintOverDemo: base ? round(r.firstPaintMs / base.firstPaintMs) : null,
      worstP95OverDemo: base ? round(r.worstP95Ms / base.worstP95Ms) : null,
      meets: {
        firstPaint: r.firstPaintMs < t.firstPaintMs,
        ...(t.p95FrameMs ? { p95Frame: r.worstP95Ms <= t.p95FrameMs } : {}),
        ...(t.layoutColdMs ? { layoutCold: r.layoutColdMs < t.layoutColdMs } : {}),
        ...(t.layoutOneEdgeMs ? { layoutOneEdge: r.layoutOneEdgeMs < t.layoutOneEdgeMs } : {}),
      },
    });
  }
  return { graph: results };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await benchGraph();
  console.log(JSON.stringify(result, null, 2));
}
