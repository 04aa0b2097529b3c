import { expect, request as playwrightRequest, test, type Browser } from "@playwright/test";
import { columnLineageFacet, runEvent, schemaFacet } from "../test/openlineage-fixtures";
import { storageFor } from "./auth";

// A pipeline points its OpenLineage HTTP transport at Zoneline: START and
// COMPLETE of one run show up as edges on the graph, a replay changes
// nothing, a batch with one bad event is refused whole, and a token without
// the ingest scope is refused. The graph is read as the demo engineer.

/** An admin makes a token on the Tokens page, as a person would; its secret is shown once. */
async function createToken(browser: Browser, name: string, scope: "ingest" | "read"): Promise<string> {
  const context = await browser.newContext({ storageState: storageFor("admin") });
  const page = await context.newPage();
  await page.goto("/tokens");
  const form = page.getByRole("form", { name: "Create a token" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel(new RegExp(`^${scope}`)).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("one-time-password").textContent())!.trim();
  await context.close();
  return secret;
}

test("OpenLineage events of one run become edges on the graph; replays change nothing; a bad batch stores nothing; no ingest scope, 403", async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000); // two tokens made through the UI, a graph laid out, two pages: slow on a busy machine
  const suffix = Date.now().toString(36);
  const ingestSecret = await createToken(browser, `e2e-openlineage-${suffix}`, "ingest");
  const readSecret = await createToken(browser, `e2e-reader-${suffix}`, "read");
  const pipeline = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${ingestSecret}` } });

  const job = { namespace: "e2e_airflow", name: `orders_${suffix}` };
  const orders = { namespace: "e2e_pg", name: `shop.orders_${suffix}` };
  const customers = { namespace: "e2e_pg", name: `shop.customers_${suffix}` };
  const mart = {
    namespace: "e2e_s3",
    name: `marts/orders_${suffix}`,
    facets: {
      schema: schemaFacet([{ name: "order_id", type: "bigint", description: "the order" }, { name: "total", type: "numeric" }]),
      columnLineage: columnLineageFacet({ total: [{ namespace: orders.namespace, name: orders.name, field: "amount" }] }),
    },
  };
  const runId = crypto.randomUUID();
  const start = runEvent({ eventType: "START", eventTime: new Date(Date.now() - 60_000).toISOString(), runId, job, inputs: [orders], outputs: [mart] });
  const complete = runEvent({ eventType: "COMPLETE", eventTime: new Date().toISOString(), runId, job, inputs: [orders, customers], outputs: [mart] });

  const first = await pipeline.post("/api/v1/lineage", { data: start });
  expect(first.status(), await first.text()).toBe(201);
  expect(await first.json()).toMatchObject({ stored: 1, assetsCreated: 3, edgesCreated: 2 });
  const second = await pipeline.post("/api/v1/lineage", { data: complete });
  expect(second.status()).toBe(201);
  expect(await second.json()).toMatchObject({ stored: 1, assetsCreated: 1, edgesCreated: 1 });

  // the graph, focused on the job: both inputs flow into it (the run's events add up), it flows into the mart
  const jobId = `${job.namespace}:${job.name}`;
  const edgeIds = [`${orders.namespace}:${orders.name}\u2192${jobId}`, `${customers.namespace}:${customers.name}\u2192${jobId}`, `${jobId}\u2192${mart.namespace}:${mart.name}`];
  await page.goto(`/graph?focus=${encodeURIComponent(jobId)}&sel=${encodeURIComponent(`a:${jobId}`)}`);
  await expect(page.getByTestId("graph-canvas")).toBeVisible();
  await expect(page.getByTestId("graph-totals")).toContainText("4 of", { timeout: 60_000 });
  await expect(page.getByTestId("graph-totals")).toContainText("· 3 edges");
  for (const id of edgeIds) await expect(page.getByTestId(`rf__edge-${id}`)).toHaveCount(1, { timeout: 60_000 });
  await page.screenshot({ path: "screenshots/openlineage-graph.png" });
  const totals = await page.getByTestId("graph-totals").textContent();

  // replays: answered 201, nothing stored, the graph unchanged
  for (const event of [start, complete]) {
    const replay = await pipeline.post("/api/v1/lineage", { data: event });
    expect(replay.status()).toBe(201);
    expect(await replay.json()).toMatchObject({ stored: 0, replayed: 1, worldVersion: null });
  }
  const worldBefore = await (await page.request.get("/api/v1/world")).text();
  await page.reload();
  await expect(page.getByTestId("graph-totals")).toHaveText(totals ?? "");
  for (const id of edgeIds) await expect(page.getByTestId(`rf__edge-${id}`)).toHaveCount(1);

  // the mart's page shows the schema and the column lineage, linked to the input
  await page.goto(`/assets/${encodeURIComponent(`${mart.namespace}:${mart.name}`)}`);
  const facets = page.getByRole("region", { name: "OpenLineage facets" });
  await expect(facets.getByRole("table", { name: "Schema" })).toContainText("order_id");
  await expect(facets.getByRole("table", { name: "Schema" })).toContainText("bigint");
  await expect(facets.getByRole("table", { name: "Column lineage" }).getByRole("link", { name: orders.name })).toBeVisible();
  await facets.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "screenshots/openlineage-asset-facets.png", fullPage: true });

  // a batch with one bad event: 422 naming it, and nothing of the batch is stored
  const fresh = (i: number) => runEvent({ eventType: "COMPLETE", eventTime: new Date().toISOString(), job: { namespace: "e2e_batch", name: `job_${suffix}_${i}` }, inputs: [orders] });
  const bad = { ...fresh(2), run: {} };
  const refused = await pipeline.post("/api/v1/lineage/batch", { data: [fresh(0), fresh(1), bad, fresh(3)] });
  expect(refused.status()).toBe(422);
  expect(await refused.json()).toMatchObject({ error: "UNPROCESSABLE", message: "[2].run.runId: required" });
  expect(await (await page.request.get("/api/v1/world")).text()).toBe(worldBefore);

  // a token without the ingest scope
  const reader = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${readSecret}` } });
  const forbidden = await reader.post("/api/v1/lineage", { data: fresh(9) });
  expect(forbidden.status()).toBe(403);
  expect((await forbidden.json()).message).toContain('lacks the "ingest" scope');
  expect(await (await page.request.get("/api/v1/world")).text()).toBe(worldBefore);
  await reader.dispose();
  await pipeline.dispose();
});
