// POST /api/v1/lineage and /api/v1/lineage/batch, called as Next calls them,
// against a real database: DESIGN.md's OpenLineage mapping clause by clause,
// and every refusal stores nothing (the tables are counted after each).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_EVENT_BYTES } from "@/lib/lineage/openlineage-event";
import { parseWorld } from "@/lib/world";
import { prisma } from "@/server/db";
import { whenEvaluationsSettled } from "@/server/evaluations/schedule-evaluation";
import { getDatasetFacets } from "@/server/lineage/get-dataset-facets";
import { createApiToken } from "@/server/tokens/api-tokens";
import { importWorld } from "@/server/world/import-world";
import { currentWorldState } from "@/server/world/world-state";
import { columnLineageFacet, datasetEvent, facet, jobEvent, openLineageSchemaErrors, runEvent, schemaFacet, zonelineFacet } from "@/test/openlineage-fixtures";
import { sessionCookie } from "@/test/sign-in";
import { useTestDatabase } from "@/test/use-database";
import { POST as postBatch } from "./batch/route";
import { POST as postOne } from "./route";

useTestDatabase("openlineage");
// (registered after the database's own afterAll, so it runs before the database is dropped)
afterAll(() => whenEvaluationsSettled());

let ingest = "";
let readOnly = "";
const request = (url: string, body: string, authorization: string, headers: Record<string, string> = {}) =>
  new Request(`http://zoneline.test${url}`, { method: "POST", headers: { authorization, "content-type": "application/json", ...headers }, body });
const post = (event: unknown, token = ingest) => postOne(request("/api/v1/lineage", JSON.stringify(event), `Bearer ${token}`));
const postRaw = (body: string) => postOne(request("/api/v1/lineage", body, `Bearer ${ingest}`));
const batch = (events: unknown, token = ingest) => postBatch(request("/api/v1/lineage/batch", JSON.stringify(events), `Bearer ${token}`));

/** Every table an ingestion writes (evaluation runs land in the background with their own audit entries: not counted). */
async function counts() {
  const db = prisma();
  const [assets, labels, edges, events, facets, audit, versions] = await Promise.all([
    db.asset.count(),
    db.assetLabel.count(),
    db.lineageEdge.count(),
    db.openLineageEvent.count(),
    db.assetFacets.count(),
    db.auditEntry.count({ where: { action: { not: "evaluation.run" } } }),
    db.worldChange.count(),
  ]);
  return { assets, labels, edges, events, facets, audit, versions };
}

const edge = (fromId: string, toId: string) => prisma().lineageEdge.findUniqueOrThrow({ where: { fromId_toId: { fromId, toId } } });
const iso = (date: Date | null) => date?.toISOString() ?? null;

beforeAll(async () => {
  const parsed = parseWorld({
    zones: [{ id: "ads", name: "Ads", color: "#2563eb", allow: [{ category: "user.behavior" }], purposes: ["marketing.advertising"] }],
    assets: [
      { id: "purchase_events", namespace: "warehouse", name: "purchase_events", kind: "table" },
      { id: "lookalike", namespace: "jobs", name: "lookalike", kind: "batch_job" },
    ],
    edges: [{ from: "purchase_events", to: "lookalike", signals: ["sql"], reviewState: "reviewed", reviewedBy: "rita@example.org", firstSeen: "2026-11-01T00:00:00Z", lastSeen: "2026-11-02T00:00:00Z" }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  await importWorld({ world: parsed.world });
  ingest = (await createApiToken({ system: "cli" }, { name: "pipeline", scopes: ["ingest"] })).secret;
  readOnly = (await createApiToken({ system: "cli" }, { name: "reader", scopes: ["read", "admission", "world:write"] })).secret;
});

describe("a run's events become lineage", () => {
  const runId = "0190e3c5-4f7a-7a1e-9c1e-000000000101";
  const job = { namespace: "airflow", name: "orders_daily" };
  const startEvent = runEvent({ eventType: "START", eventTime: "2026-11-30T09:00:00Z", runId, job, inputs: [{ namespace: "pg", name: "shop.orders" }], outputs: [{ namespace: "s3", name: "marts/orders" }] });
  const completeEvent = runEvent({
    eventType: "COMPLETE",
    eventTime: "2026-11-30T09:05:00Z",
    runId,
    job,
    inputs: [{ namespace: "pg", name: "shop.orders" }, { namespace: "pg", name: "shop.customers" }],
    outputs: [{ namespace: "s3", name: "marts/orders" }],
  });

  it("the fixtures follow the published schema", () => {
    expect([openLineageSchemaErrors(startEvent, "RunEvent"), openLineageSchemaErrors(completeEvent, "RunEvent")]).toEqual([[], []]);
  });

  it("START then COMPLETE: datasets and job become assets, edges input → job → output with signal openlineage, unreviewed; the run adds up", async () => {
    const before = await counts();
    const first = await post(startEvent);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ received: 1, stored: 1, replayed: 0, assetsCreated: 3, edgesCreated: 2, edgesUpdated: 0 });
    const second = await post(completeEvent);
    expect(second.status).toBe(201);
    const answer = await second.json();
    expect(answer).toMatchObject({ received: 1, stored: 1, replayed: 0, assetsCreated: 1, edgesCreated: 1, edgesUpdated: 2 });

    const job = await prisma().asset.findUniqueOrThrow({ where: { namespace_name: { namespace: "airflow", name: "orders_daily" } } });
    expect({ id: job.id, kind: job.kind }).toEqual({ id: "airflow:orders_daily", kind: "batch_job" });
    expect((await prisma().asset.findUniqueOrThrow({ where: { id: "pg:shop.orders" } })).kind).toBe("table");

    const orders = await edge("pg:shop.orders", "airflow:orders_daily");
    expect({ signals: orders.signals, review: orders.reviewState, first: iso(orders.firstSeen), last: iso(orders.lastSeen) }).toEqual({
      signals: ["openlineage"],
      review: "unreviewed",
      first: "2026-11-30T09:00:00.000Z",
      last: "2026-11-30T09:05:00.000Z",
    });
    // the COMPLETE's extra input joins the run's lineage (union), seen only at COMPLETE
    const customers = await edge("pg:shop.customers", "airflow:orders_daily");
    expect([iso(customers.firstSeen), iso(customers.lastSeen)]).toEqual(["2026-11-30T09:05:00.000Z", "2026-11-30T09:05:00.000Z"]);
    const out = await edge("airflow:orders_daily", "s3:marts/orders");
    expect([iso(out.firstSeen), iso(out.lastSeen)]).toEqual(["2026-11-30T09:00:00.000Z", "2026-11-30T09:05:00.000Z"]);

    expect(await counts()).toEqual({ ...before, assets: before.assets + 4, edges: before.edges + 3, events: before.events + 2, audit: before.audit + 2, versions: before.versions + 2 });
    // raw events kept as evidence, keyed by hash, with their time, type, run and job
    const stored = await prisma().openLineageEvent.findMany({ where: { runId }, orderBy: { eventTime: "asc" } });
    expect(stored.map((e) => ({ type: e.eventType, kind: e.kind, job: `${e.jobNamespace}/${e.jobName}`, by: e.receivedBy, time: e.eventTime.toISOString() }))).toEqual([
      { type: "START", kind: "RunEvent", job: "airflow/orders_daily", by: "token:pipeline", time: "2026-11-30T09:00:00.000Z" },
      { type: "COMPLETE", kind: "RunEvent", job: "airflow/orders_daily", by: "token:pipeline", time: "2026-11-30T09:05:00.000Z" },
    ]);
    expect(stored[1].event).toEqual(completeEvent);
    // one audit entry per request, with counts and the event hashes
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { action: "lineage.openlineage" }, orderBy: { sequence: "desc" } });
    expect(audit.payload).toMatchObject({ events: 1, runs: 1, eventTypes: { COMPLETE: 1 }, edgesCreated: 1, edgesUpdated: 2, eventHashes: [stored[1].hash] });
    expect(audit.actor).toBe("token:pipeline");
    // every process's cached world replays the description: it holds the new edges without a reload
    const version = await prisma().worldChange.findFirstOrThrow({ where: { version: answer.worldVersion } });
    expect(version.described).toBe(true);
    const world = (await currentWorldState()).world();
    expect(world.edges.filter((e) => e.to === "airflow:orders_daily" || e.from === "airflow:orders_daily").map((e) => `${e.from}>${e.to}`).sort()).toEqual([
      "airflow:orders_daily>s3:marts/orders",
      "pg:shop.customers>airflow:orders_daily",
      "pg:shop.orders>airflow:orders_daily",
    ]);
  });

  it("replaying the events changes nothing: 201, no world version, no audit entry, no edge touched", async () => {
    const before = await counts();
    const edgesBefore = await prisma().lineageEdge.findMany({ orderBy: { id: "asc" } });
    for (const event of [startEvent, completeEvent]) {
      const response = await post(event);
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ received: 1, stored: 0, replayed: 1, worldVersion: null });
    }
    // the same event with its keys in another order and other spacing is the same event
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(completeEvent).reverse()), null, 2);
    expect((await (await postRaw(reordered)).json()).replayed).toBe(1);
    expect((await (await batch([startEvent, completeEvent, startEvent])).json())).toMatchObject({ received: 3, stored: 0, replayed: 3 });
    expect(await counts()).toEqual(before);
    expect(await prisma().lineageEdge.findMany({ orderBy: { id: "asc" } })).toEqual(edgesBefore);
  });

  it("a RUNNING event inside the seen range stores the event but moves no edge and no world version", async () => {
    const before = await counts();
    const running = runEvent({ eventType: "RUNNING", eventTime: "2026-11-30T09:02:00Z", runId, job, inputs: [{ namespace: "pg", name: "shop.orders" }] });
    expect(await (await post(running)).json()).toMatchObject({ stored: 1, edgesCreated: 0, edgesUpdated: 0, worldVersion: null });
    const after = await counts();
    expect({ events: after.events - before.events, edges: after.edges - before.edges, assets: after.assets - before.assets }).toEqual({ events: 1, edges: 0, assets: 0 });
  });

  it("a late event with an earlier eventTime moves firstSeen back and leaves lastSeen", async () => {
    const late = runEvent({ eventType: "OTHER", eventTime: "2026-11-30T08:00:00Z", runId: "0190e3c5-4f7a-7a1e-9c1e-000000000102", job, inputs: [{ namespace: "pg", name: "shop.orders" }] });
    expect(await (await post(late)).json()).toMatchObject({ stored: 1, edgesUpdated: 1 });
    const orders = await edge("pg:shop.orders", "airflow:orders_daily");
    expect([iso(orders.firstSeen), iso(orders.lastSeen)]).toEqual(["2026-11-30T08:00:00.000Z", "2026-11-30T09:05:00.000Z"]);
  });

  it("the same new events posted twice at once: one request stores them, the other finds them replayed", async () => {
    const events = Array.from({ length: 3 }, (_, i) => runEvent({ eventType: "COMPLETE", eventTime: `2026-11-30T09:3${i}:00Z`, job: { namespace: "race", name: "job" }, inputs: [{ namespace: "race", name: `in${i}` }] }));
    const before = await counts();
    const answers = await Promise.all([batch(events), batch(events)]);
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(bodies.map((b) => b.stored).sort()).toEqual([0, 3]);
    const after = await counts();
    expect({ events: after.events - before.events, edges: after.edges - before.edges, assets: after.assets - before.assets }).toEqual({ events: 3, edges: 3, assets: 4 });
  });

  it("an existing edge from another signal gains openlineage, keeps its review and its earlier firstSeen", async () => {
    const event = runEvent({ eventType: "COMPLETE", eventTime: "2026-11-30T10:00:00Z", job: { namespace: "jobs", name: "lookalike" }, inputs: [{ namespace: "warehouse", name: "purchase_events" }] });
    expect(await (await post(event)).json()).toMatchObject({ assetsCreated: 0, edgesCreated: 0, edgesUpdated: 1 });
    const updated = await edge("purchase_events", "lookalike");
    expect({ signals: updated.signals, review: updated.reviewState, by: updated.reviewedBy, first: iso(updated.firstSeen), last: iso(updated.lastSeen) }).toEqual({
      signals: ["sql", "openlineage"],
      review: "reviewed",
      by: "rita@example.org",
      first: "2026-11-01T00:00:00.000Z",
      last: "2026-11-30T10:00:00.000Z",
    });
  });

  it("after ingesting, the world is evaluated (coalesced, in the background)", async () => {
    await whenEvaluationsSettled();
    const run = await prisma().evaluationRun.findFirst({ where: { trigger: "lineage.openlineage" }, orderBy: { id: "desc" } });
    expect(run).not.toBeNull();
    expect(run!.worldVersion).toBeGreaterThanOrEqual((await prisma().worldChange.aggregate({ _max: { version: true } }))._max.version! - 1);
  });
});

describe("Marquez leniency, JobEvents and DatasetEvents", () => {
  it("no schemaURL, no producer, no eventType, a runId that is no UUID, an eventTime without offset (read as UTC)", async () => {
    const response = await post({ eventTime: "2026-11-30T11:30:00", run: { runId: "manual__2026-11-30" }, job: { namespace: "lenient", name: "job" }, inputs: [{ namespace: "lenient", name: "in" }] });
    expect(response.status).toBe(201);
    const stored = await prisma().openLineageEvent.findFirstOrThrow({ where: { runId: "manual__2026-11-30" } });
    expect({ eventType: stored.eventType, eventTime: stored.eventTime.toISOString() }).toEqual({ eventType: null, eventTime: "2026-11-30T11:30:00.000Z" });
    expect(iso((await edge("lenient:in", "lenient:job")).firstSeen)).toBe("2026-11-30T11:30:00.000Z");
  });

  it("a JobEvent's inputs and outputs yield the same edges", async () => {
    const event = jobEvent({ eventTime: "2026-11-30T12:00:00Z", job: { namespace: "dbt", name: "model.orders" }, inputs: [{ namespace: "pg", name: "raw.orders" }], outputs: [{ namespace: "pg", name: "marts.orders" }] });
    expect(openLineageSchemaErrors(event, "JobEvent")).toEqual([]);
    expect(await (await post(event)).json()).toMatchObject({ stored: 1, assetsCreated: 3, edgesCreated: 2 });
    expect((await edge("pg:raw.orders", "dbt:model.orders")).signals).toEqual(["openlineage"]);
    expect((await edge("dbt:model.orders", "pg:marts.orders")).signals).toEqual(["openlineage"]);
    expect((await prisma().openLineageEvent.findFirstOrThrow({ where: { jobName: "model.orders" } })).kind).toBe("JobEvent");
  });

  it("a DatasetEvent registers its dataset and keeps its facets (schema, column lineage) for the asset page", async () => {
    const event = datasetEvent({
      eventTime: "2026-11-30T12:30:00Z",
      dataset: {
        namespace: "pg",
        name: "marts.orders",
        facets: {
          schema: schemaFacet([{ name: "order_id", type: "bigint", description: "the order" }, { name: "total", type: "numeric" }]),
          columnLineage: columnLineageFacet({ total: [{ namespace: "pg", name: "raw.orders", field: "amount" }, { namespace: "elsewhere", name: "unknown", field: "x" }] }),
          dataSource: facet("https://openlineage.io/spec/facets/1-0-0/DatasourceDatasetFacet.json", { name: "pg", uri: "postgres://db" }),
        },
      },
    });
    expect(openLineageSchemaErrors(event, "DatasetEvent")).toEqual([]);
    expect(await (await post(event)).json()).toMatchObject({ stored: 1, assetsCreated: 0, edgesCreated: 0 });
    const view = await getDatasetFacets("pg:marts.orders");
    expect(view).toMatchObject({
      schema: [
        { name: "order_id", type: "bigint", description: "the order" },
        { name: "total", type: "numeric", description: null },
      ],
      columnLineage: [
        {
          column: "total",
          inputs: [
            { namespace: "pg", name: "raw.orders", field: "amount", assetId: "pg:raw.orders" },
            { namespace: "elsewhere", name: "unknown", field: "x", assetId: null },
          ],
        },
      ],
      otherFacets: [{ name: "dataSource", eventTime: "2026-11-30T12:30:00.000Z" }],
    });
    const created = await post(datasetEvent({ eventTime: "2026-11-30T12:31:00Z", dataset: { namespace: "pg", name: "brand.new" } }));
    expect(await created.json()).toMatchObject({ assetsCreated: 1 });
    expect((await prisma().asset.findUniqueOrThrow({ where: { id: "pg:brand.new" } })).kind).toBe("table");
  });
});

describe("zoneline facets set labels, zone, purpose and kind; the latest eventTime wins", () => {
  const labels = [{ category: "user.behavior.purchase_history", qualifier: "identified", consented: false }];
  it("a dataset's labels and zone, a job's zone, purpose and kind", async () => {
    const event = runEvent({
      eventType: "START",
      eventTime: "2026-11-30T13:00:00Z",
      job: { namespace: "ml", name: "train", facets: { zoneline: zonelineFacet({ zone: "ads", purpose: "marketing.advertising", kind: "training_job" }) } },
      inputs: [{ namespace: "ml", name: "examples", facets: { zoneline: zonelineFacet({ labels, zone: "ads" }) } }],
    });
    expect(openLineageSchemaErrors(event, "RunEvent")).toEqual([]);
    expect((await post(event)).status).toBe(201);
    const job = await prisma().asset.findUniqueOrThrow({ where: { id: "ml:train" } });
    expect({ kind: job.kind, zone: job.zoneId, purpose: job.purposeKey }).toEqual({ kind: "training_job", zone: "ads", purpose: "marketing.advertising" });
    const examples = await prisma().asset.findUniqueOrThrow({ where: { id: "ml:examples" }, include: { labels: true } });
    expect({ zone: examples.zoneId, labels: examples.labels.map((l) => [l.categoryKey, l.qualifier, l.consented]) }).toEqual({
      zone: "ads",
      labels: [["user.behavior.purchase_history", "identified", false]],
    });
    const cached = (await currentWorldState()).world().assets.find((a) => a.id === "ml:examples");
    expect(cached?.labels).toEqual(labels);
  });

  it("a later event's facet replaces the labels; an older event that arrives late does not", async () => {
    const later = datasetEvent({ eventTime: "2026-11-30T14:00:00Z", dataset: { namespace: "ml", name: "examples", facets: { zoneline: zonelineFacet({ labels: [{ category: "user.behavior", qualifier: "aggregated", consented: true }] }) } } });
    await post(later);
    const older = datasetEvent({ eventTime: "2026-11-30T13:30:00Z", dataset: { namespace: "ml", name: "examples", facets: { zoneline: zonelineFacet({ labels, zone: null }) } } });
    expect(await (await post(older)).json()).toMatchObject({ stored: 1, assetsUpdated: 0, worldVersion: null });
    const examples = await prisma().asset.findUniqueOrThrow({ where: { id: "ml:examples" }, include: { labels: true } });
    expect({ zone: examples.zoneId, labels: examples.labels.map((l) => [l.categoryKey, l.qualifier, l.consented]) }).toEqual({ zone: "ads", labels: [["user.behavior", "aggregated", true]] });
  });
});

describe("bad input: a 4xx naming the problem, and nothing stored", () => {
  const good = () => runEvent({ eventType: "COMPLETE", eventTime: "2026-11-30T15:00:00Z", job: { namespace: "bad", name: "job" }, inputs: [{ namespace: "bad", name: "in" }] });
  const cases: [string, () => Promise<Response>, number, string][] = [
    ["malformed JSON", () => postRaw('{"eventTime": "2026-11-30T15:00:00Z", '), 400, "body: malformed JSON"],
    ["an empty body", () => postRaw(""), 400, "body: expected a JSON document"],
    ["a missing runId", () => post({ ...good(), run: {} }), 422, "run.runId: required"],
    ["an eventTime that is no date-time", () => post({ ...good(), eventTime: "30/11/2026 15:00" }), 422, "eventTime: not a date-time"],
    ["an unknown eventType", () => post({ ...good(), eventType: "FINISHED" }), 422, 'eventType: unknown event type "FINISHED"'],
    ["control characters in a dataset name", () => post({ ...good(), inputs: [{ namespace: "bad", name: "in\u001b[31m" }] }), 422, "inputs[0].name: must not contain control characters"],
    [
      "an unknown category in a zoneline facet",
      () => post({ ...good(), inputs: [{ namespace: "bad", name: "in", facets: { zoneline: zonelineFacet({ labels: [{ category: "user.behaviour", qualifier: "identified" }] }) } }] }),
      422,
      'inputs[0].facets.zoneline.labels[0].category: unknown category "user.behaviour"',
    ],
    ["an unknown zone in a job's zoneline facet", () => post({ ...good(), job: { namespace: "bad", name: "job", facets: { zoneline: zonelineFacet({ zone: "nowhere" }) } } }), 422, 'job.facets.zoneline.zone: unknown zone "nowhere"'],
    ["an unknown purpose in a job's zoneline facet", () => post({ ...good(), job: { namespace: "bad", name: "job", facets: { zoneline: zonelineFacet({ purpose: "mining" }) } } }), 422, 'job.facets.zoneline.purpose: unknown purpose "mining"'],
    ["an oversized body", () => post({ ...good(), run: { runId: "r", facets: { blob: { text: "x".repeat(MAX_EVENT_BYTES) } } } }), 413, "body: larger than the limit of 1 MiB"],
    ["a batch over 1,000 events", () => batch(Array.from({ length: 1001 }, good)), 422, "body: at most 1000 events per batch (got 1001)"],
    ["a batch that is not an array", () => batch(good()), 422, "body: expected a JSON array"],
    ["a batch with one bad event", () => batch([good(), good(), good(), { ...good(), run: {} }, good()]), 422, "[3].run.runId: required"],
    ["a batch whose fourth event names an unknown category", () => batch([good(), good(), good(), { ...good(), inputs: [{ namespace: "bad", name: "x", facets: { zoneline: zonelineFacet({ labels: [{ category: "nope", qualifier: "identified" }] }) } }] }]), 422, '[3].inputs[0].facets.zoneline.labels[0].category: unknown category "nope"'],
    ["an event posted to the batch route", () => batch(good()), 422, "body: expected a JSON array"],
    ["a token without the ingest scope", () => post(good(), readOnly), 403, 'lacks the "ingest" scope'],
    ["no credentials", () => postOne(new Request("http://zoneline.test/api/v1/lineage", { method: "POST", body: JSON.stringify(good()) })), 401, "Authorization"],
  ];
  it.each(cases)("%s", async (_, send, status, message) => {
    const before = await counts();
    const response = await send();
    const body = await response.json();
    expect({ status: response.status, message: [body.message, ...(body.details ?? [])].join("\n") }).toEqual({ status, message: expect.stringContaining(message) });
    expect(await counts()).toEqual(before);
    expect(await prisma().asset.count({ where: { namespace: "bad" } })).toBe(0);
  });

  it("a batch is atomic the other way too: all good, all stored; the same batch again, all replayed", async () => {
    const events = Array.from({ length: 5 }, (_, i) => runEvent({ eventType: "COMPLETE", eventTime: `2026-11-30T16:0${i}:00Z`, job: { namespace: "batch", name: `job${i}` }, inputs: [{ namespace: "batch", name: "in" }], outputs: [{ namespace: "batch", name: `out${i}` }] }));
    const before = await counts();
    const response = await batch(events);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ received: 5, stored: 5, replayed: 0, assetsCreated: 11, edgesCreated: 10 });
    const after = await counts();
    expect({ events: after.events - before.events, audit: after.audit - before.audit, versions: after.versions - before.versions }).toEqual({ events: 5, audit: 1, versions: 1 });
    expect(await (await batch(events)).json()).toMatchObject({ stored: 0, replayed: 5 });
    expect(await counts()).toEqual(after);
  });

  it("a signed-in engineer may post (the SQL lineage permission); legal may not", async () => {
    const event = runEvent({ eventType: "START", eventTime: "2026-11-30T17:00:00Z", job: { namespace: "session", name: "job" } });
    const as = async (roles: ("engineer" | "legal")[]) => postOne(new Request("http://zoneline.test/api/v1/lineage", { method: "POST", headers: { cookie: await sessionCookie(roles), "content-type": "application/json" }, body: JSON.stringify(event) }));
    expect((await as(["legal"])).status).toBe(403);
    expect((await as(["engineer"])).status).toBe(201);
    expect((await prisma().openLineageEvent.findFirstOrThrow({ where: { jobNamespace: "session" } })).receivedBy).toMatch(/^engineer\./);
  });
});

describe("label suggestions at ingestion (issue 10 part 6: data is tagged where it enters)", () => {
  it("a dataset's schema facet yields suggestions per column, column lineage carries them downstream, a replay adds none, and nothing is declared", async () => {
    const signups = { namespace: "suggest", name: "signups", facets: { schema: schemaFacet([{ name: "user_email", type: "varchar" }, { name: "signup_ip", type: "inet" }, { name: "plan", type: "text" }]) } };
    const contacts = {
      namespace: "suggest",
      name: "contacts",
      facets: {
        schema: schemaFacet([{ name: "contact", type: "varchar" }]),
        columnLineage: columnLineageFacet({ contact: [{ namespace: "suggest", name: "signups", field: "user_email" }] }),
      },
    };
    const event = runEvent({ eventType: "COMPLETE", eventTime: "2026-11-30T18:00:00Z", job: { namespace: "suggest", name: "copy_contacts" }, inputs: [signups], outputs: [contacts] });
    expect(openLineageSchemaErrors(event, "RunEvent")).toEqual([]);
    const labelsBefore = await prisma().assetLabel.count();

    const response = await post(event);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ stored: 1, labelsSuggested: 3 });
    const ids = Object.fromEntries((await prisma().asset.findMany({ where: { namespace: "suggest" } })).map((a) => [a.name, a.id]));
    const suggestions = await prisma().labelSuggestion.findMany({ where: { assetId: { in: [ids.signups, ids.contacts] } }, orderBy: [{ assetId: "asc" }, { column: "asc" }] });
    expect(suggestions.map((s) => ({ asset: s.assetId, column: s.column, category: s.categoryKey, evidence: s.evidence, status: s.status, from: s.sourceColumn }))).toEqual(
      [
        { asset: ids.contacts, column: "contact", category: "user.contact.email", evidence: "lineage", status: "pending", from: "user_email" },
        { asset: ids.signups, column: "signup_ip", category: "user.device.ip_address", evidence: "pattern", status: "pending", from: null },
        { asset: ids.signups, column: "user_email", category: "user.contact.email", evidence: "pattern", status: "pending", from: null },
      ].sort((a, b) => (a.asset === b.asset ? a.column.localeCompare(b.column) : a.asset.localeCompare(b.asset))),
    );
    // nothing is applied without a person
    expect(await prisma().assetLabel.count()).toBe(labelsBefore);
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { action: "lineage.openlineage" }, orderBy: { sequence: "desc" } });
    expect(audit.payload).toMatchObject({ labelsSuggested: 3 });

    expect(await (await post(event)).json()).toMatchObject({ stored: 0, replayed: 1, labelsSuggested: 0 });
    expect(await prisma().labelSuggestion.count({ where: { assetId: { in: [ids.signups, ids.contacts] } } })).toBe(3);
  });
});
