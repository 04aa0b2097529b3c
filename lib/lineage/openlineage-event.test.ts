// What Zoneline accepts from OpenLineage clients (DESIGN.md "OpenLineage
// mapping"): Marquez's leniency, and refusals that name the field. The
// fixtures are checked against the official JSON Schema first, so the tests
// speak the spec's language.
import { describe, expect, it } from "vitest";
import { columnLineageFacet, datasetEvent, jobEvent, openLineageSchemaErrors, runEvent, schemaFacet, zonelineFacet } from "@/test/openlineage-fixtures";
import { mergeFacets, schemaColumnsOf, columnLineageOf } from "./openlineage-facets";
import { MAX_BATCH_EVENTS, parseOpenLineageBatch, parseOpenLineageEvent, zonelineReferences } from "./openlineage-event";

const start = runEvent({
  eventType: "START",
  eventTime: "2026-11-30T09:00:00.000Z",
  runId: "0190e3c5-4f7a-7a1e-9c1e-0000000000aa",
  job: { namespace: "airflow", name: "daily.orders", facets: { zoneline: zonelineFacet({ zone: "ads", purpose: "marketing.advertising", kind: "batch_job" }) } },
  inputs: [{ namespace: "postgres://db:5432", name: "shop.orders", facets: { schema: schemaFacet([{ name: "id", type: "int" }]), zoneline: zonelineFacet({ labels: [{ category: "user.behavior.purchase_history", qualifier: "identified", consented: false }], zone: "ads" }) } }],
  outputs: [{ namespace: "s3://lake", name: "marts/orders_daily", facets: { columnLineage: columnLineageFacet({ total: [{ namespace: "postgres://db:5432", name: "shop.orders", field: "amount" }] }) } }],
});

const errorsOf = (input: unknown) => {
  const parsed = parseOpenLineageEvent(input);
  return parsed.ok ? [] : parsed.issues;
};

describe("fixtures follow the published schema (2-0-2)", () => {
  it("run, job and dataset events validate", () => {
    expect(openLineageSchemaErrors(start, "RunEvent")).toEqual([]);
    expect(openLineageSchemaErrors(jobEvent({ eventTime: "2026-11-30T09:00:00Z", job: { namespace: "dbt", name: "model.orders" }, inputs: [{ namespace: "pg", name: "a" }] }), "JobEvent")).toEqual([]);
    expect(openLineageSchemaErrors(datasetEvent({ eventTime: "2026-11-30T09:00:00Z", dataset: { namespace: "pg", name: "a", facets: { schema: schemaFacet([{ name: "x", type: "text" }]) } } }), "DatasetEvent")).toEqual([]);
  });

  it("the schema itself refuses what we test as refused (so the validator is not a rubber stamp)", () => {
    const { runId: _, ...run } = start.run;
    expect(openLineageSchemaErrors({ ...start, run }, "RunEvent")).not.toEqual([]);
    expect(openLineageSchemaErrors({ ...start, eventTime: "yesterday" }, "RunEvent")).not.toEqual([]);
    expect(openLineageSchemaErrors({ ...start, eventType: "BEGIN" }, "RunEvent")).not.toEqual([]);
  });
});

describe("reading an event", () => {
  it("a RunEvent: kind, type, run, job, datasets, facets, zoneline facets", () => {
    const parsed = parseOpenLineageEvent(start);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const event = parsed.event;
    expect({ kind: event.kind, eventType: event.eventType, eventTime: event.eventTime, runId: event.runId }).toEqual({
      kind: "RunEvent",
      eventType: "START",
      eventTime: "2026-11-30T09:00:00.000Z",
      runId: "0190e3c5-4f7a-7a1e-9c1e-0000000000aa",
    });
    expect(event.job).toMatchObject({ namespace: "airflow", name: "daily.orders", zoneline: { zone: "ads", purpose: "marketing.advertising", kind: "batch_job" } });
    expect(event.inputs[0].zoneline?.labels).toEqual([{ category: "user.behavior.purchase_history", qualifier: "identified", consented: false }]);
    expect(Object.keys(event.outputs[0].facets)).toEqual(["columnLineage"]);
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the hash is of the canonical JSON: key order and spacing do not matter, content does", () => {
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(start).reverse())));
    const hash = (value: unknown) => (parseOpenLineageEvent(value) as { event: { hash: string } }).event.hash;
    expect(hash(reordered)).toBe(hash(start));
    expect(hash({ ...start, eventType: "COMPLETE" })).not.toBe(hash(start));
  });

  it("accepts what Marquez accepts: no schemaURL, no producer, no eventType, a runId that is no UUID, an eventTime without offset (UTC)", () => {
    const { schemaURL: _s, producer: _p, eventType: _t, ...bare } = start;
    const parsed = parseOpenLineageEvent({ ...bare, run: { runId: "scheduled__2026-11-30T00:00:00+00:00" }, eventTime: "2026-11-30T09:15:00" });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect({ kind: parsed.event.kind, eventType: parsed.event.eventType, eventTime: parsed.event.eventTime, runId: parsed.event.runId }).toEqual({
      kind: "RunEvent",
      eventType: null,
      eventTime: "2026-11-30T09:15:00.000Z",
      runId: "scheduled__2026-11-30T00:00:00+00:00",
    });
    // unknown fields and facets are kept in the event as stored
    const withExtra = parseOpenLineageEvent({ ...start, somethingNew: { a: 1 } });
    expect(withExtra.ok && JSON.parse(withExtra.event.canonical).somethingNew).toEqual({ a: 1 });
  });

  it("tells JobEvents and DatasetEvents apart from RunEvents", () => {
    const job = parseOpenLineageEvent(jobEvent({ eventTime: "2026-11-30T09:00:00Z", job: { namespace: "dbt", name: "m" }, inputs: [{ namespace: "pg", name: "a" }], outputs: [{ namespace: "pg", name: "b" }] }));
    expect(job.ok && { kind: job.event.kind, runId: job.event.runId, inputs: job.event.inputs.length, outputs: job.event.outputs.length }).toEqual({ kind: "JobEvent", runId: null, inputs: 1, outputs: 1 });
    const dataset = parseOpenLineageEvent(datasetEvent({ eventTime: "2026-11-30T09:00:00Z", dataset: { namespace: "pg", name: "a" } }));
    expect(dataset.ok && { kind: dataset.event.kind, job: dataset.event.job, dataset: dataset.event.dataset?.name }).toEqual({ kind: "DatasetEvent", job: null, dataset: "a" });
  });

  it.each([
    ["a missing run.runId", { ...start, run: {} }, "run.runId: required"],
    ["a RunEvent without run", (({ run: _, ...rest }) => rest)(start), "run.runId: required"],
    ["an empty runId", { ...start, run: { runId: "" } }, "run.runId: must not be empty"],
    ["a missing job.namespace", { ...start, job: { name: "x" } }, "job.namespace: required"],
    ["a missing job.name", { ...start, job: { namespace: "x" } }, "job.name: required"],
    ["a missing dataset name", { ...start, inputs: [{ namespace: "pg" }] }, "inputs[0].name: required"],
    ["a missing dataset namespace", { ...start, outputs: [{ name: "t" }] }, "outputs[0].namespace: required"],
    ["an eventTime that is no date-time", { ...start, eventTime: "yesterday" }, 'eventTime: not a date-time: "yesterday"'],
    ["a date without time", { ...start, eventTime: "2026-11-30" }, 'eventTime: not a date-time: "2026-11-30"'],
    ["an impossible date", { ...start, eventTime: "2026-02-30T10:00:00Z" }, "eventTime: not a date-time"],
    ["a missing eventTime", (({ eventTime: _, ...rest }) => rest)(start), "eventTime: required"],
    ["an unknown eventType", { ...start, eventType: "BEGIN" }, 'eventType: unknown event type "BEGIN" (expected one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER)'],
    ["a control character in a dataset name", { ...start, inputs: [{ namespace: "pg", name: "shop.\u0007orders" }] }, "inputs[0].name: must not contain control characters"],
    ["a newline in a job namespace", { ...start, job: { namespace: "air\nflow", name: "x" } }, "job.namespace: must not contain control characters"],
    ["an unknown qualifier in a zoneline facet", { ...start, inputs: [{ namespace: "pg", name: "a", facets: { zoneline: { labels: [{ category: "user", qualifier: "secret" }] } } }] }, "inputs[0].facets.zoneline.labels[0].qualifier:"],
    ["an unknown field in a zoneline facet", { ...start, inputs: [{ namespace: "pg", name: "a", facets: { zoneline: { purpose: "marketing" } } }] }, "inputs[0].facets.zoneline:"],
    ["an unknown kind in a job's zoneline facet", { ...start, job: { namespace: "a", name: "b", facets: { zoneline: { kind: "spaceship" } } } }, "job.facets.zoneline.kind:"],
    ["a NUL inside a facet", { ...start, run: { runId: "r", facets: { note: { text: "a\u0000b" } } } }, "body: contains U+0000"],
    ["something that is no event", { hello: "world" }, "eventTime: required"],
    ["an event with a time but neither run, job nor dataset", { eventTime: "2026-11-30T09:00:00Z" }, "body: not an OpenLineage event"],
    ["an array instead of an event", [start], "body: expected an OpenLineage event"],
  ])("refuses %s, naming the field", (_, input, message) => {
    const errors = errorsOf(input);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join("\n")).toContain(message);
  });
});

describe("reading a batch", () => {
  it("one bad event refuses the batch, named by its index", () => {
    const events = [start, start, start, { ...start, run: {} }];
    expect(parseOpenLineageBatch(events)).toEqual({ ok: false, issues: ["[3].run.runId: required"] });
  });
  it("refuses more than the limit, an empty array and a non-array", () => {
    expect(parseOpenLineageBatch(Array(MAX_BATCH_EVENTS + 1).fill(start))).toEqual({ ok: false, issues: [`body: at most ${MAX_BATCH_EVENTS} events per batch (got ${MAX_BATCH_EVENTS + 1})`] });
    expect(parseOpenLineageBatch([])).toEqual({ ok: false, issues: ["body: expected at least one event"] });
    expect(parseOpenLineageBatch(start)).toEqual({ ok: false, issues: ["body: expected a JSON array of OpenLineage events"] });
  });
  it("names the references a world must hold, with their fields", () => {
    const parsed = parseOpenLineageBatch([start]);
    if (!parsed.ok) throw new Error(parsed.issues.join());
    expect(zonelineReferences(parsed.events, (i) => `[${i}]`)).toEqual([
      { path: "[0].job.facets.zoneline.zone", kind: "zone", key: "ads" },
      { path: "[0].job.facets.zoneline.purpose", kind: "purpose", key: "marketing.advertising" },
      { path: "[0].inputs[0].facets.zoneline.zone", kind: "zone", key: "ads" },
      { path: "[0].inputs[0].facets.zoneline.labels[0].category", kind: "category", key: "user.behavior.purchase_history" },
    ]);
  });
});

describe("facets", () => {
  it("per facet name, the latest eventTime wins; an older event arriving late does not undo a newer one", () => {
    const first = mergeFacets({ facets: {}, facetTimes: {} }, [{ facets: { schema: { v: 2 } }, eventTime: "2026-11-30T10:00:00.000Z" }]);
    const late = mergeFacets(first, [{ facets: { schema: { v: 1 }, other: { x: 1 } }, eventTime: "2026-11-30T09:00:00.000Z" }]);
    expect(late.facets).toEqual({ schema: { v: 2 }, other: { x: 1 } });
    expect(late.changed).toEqual(["other"]);
    const newer = mergeFacets(late, [{ facets: { schema: { v: 3 } }, eventTime: "2026-11-30T11:00:00.000Z" }]);
    expect(newer.facets.schema).toEqual({ v: 3 });
    expect(mergeFacets(newer, [{ facets: { schema: { v: 3 } }, eventTime: "2026-11-30T12:00:00.000Z" }]).changed).toEqual([]);
  });
  it("reads schema columns (nested as parent.child) and column lineage, skipping what is malformed", () => {
    expect(schemaColumnsOf({ schema: { fields: [{ name: "id", type: "int", description: "key" }, { name: "addr", type: "struct", fields: [{ name: "zip" }] }, { type: "nameless" }] } })).toEqual([
      { name: "id", type: "int", description: "key" },
      { name: "addr", type: "struct", description: null },
      { name: "addr.zip", type: null, description: null },
    ]);
    expect(columnLineageOf({ columnLineage: { fields: { total: { inputFields: [{ namespace: "pg", name: "a", field: "amount" }, { broken: true }] }, bad: 3 } } })).toEqual([
      { column: "total", inputs: [{ namespace: "pg", name: "a", field: "amount" }] },
    ]);
    expect(schemaColumnsOf({ schema: "nonsense" })).toEqual([]);
  });
});
