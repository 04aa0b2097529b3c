// What Zoneline accepts from an OpenLineage HTTP transport (spec 2-0-x:
// RunEvent, JobEvent, DatasetEvent), read into the few things the mapping
// needs (DESIGN.md "OpenLineage mapping"). Lenient where Marquez, the
// reference server, is lenient (no schemaURL, no producer, no eventType, a
// runId that is not a UUID, an eventTime without offset read as UTC, unknown
// fields and facets kept as they came); strict where DESIGN.md refuses
// (missing run.runId, job or dataset namespace / name, an eventTime that is
// not a date-time, control characters in names, an eventType outside the
// spec's enum, a malformed `zoneline` facet). Whether the zones, categories
// and purposes a `zoneline` facet names exist is a reference check against the
// world (server/lineage/record-openlineage-events.ts), reported the same way.
import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../audit/canonical-json.ts";
import { AssetKind, Label, normalizeTimestamp } from "../world/schema.ts";
import { isWellFormedKey } from "../taxonomy/index.ts";

/** One event's body (POST /api/v1/lineage), as the issue sets it. */
export const MAX_EVENT_BYTES = 1024 * 1024;
/** A batch's body (POST /api/v1/lineage/batch). */
export const MAX_BATCH_BYTES = 10 * 1024 * 1024;
export const MAX_BATCH_EVENTS = 1_000;
/** Longest namespace or name: S3 and GCS paths run long, but not this long. */
export const MAX_NAME_LENGTH = 4_096;

export const EVENT_TYPES = ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type EventKind = "RunEvent" | "JobEvent" | "DatasetEvent";

// C0 controls and DEL, as SQL lineage refuses them in names (lib/lineage/sql-lineage-request.ts)
const CONTROL = /[\u0000-\u001f\u007f]/;
// in JSON text: an escape \u0000 or \ud800–\udfff (JSON.stringify escapes only lone surrogates) not itself escaped
const UNSTORABLE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

const required = (expected: string) => (issue: { input: unknown }) => (issue.input === undefined ? "required" : `expected ${expected}`);

const name = z
  .string({ error: required("a string") })
  .min(1, "must not be empty")
  .max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`)
  .refine((text) => !CONTROL.test(text), { message: "must not contain control characters" });

// date-time as RFC 3339 wants it, except that a missing offset means UTC (Marquez reads it so; DESIGN.md too)
const dateTime = z.string({ error: required("a date-time string") }).transform((text, ctx) => {
  const normalized = /^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text) ? normalizeTimestamp(text) : null;
  if (normalized === null) {
    ctx.issues.push({ code: "custom", input: text, message: `not a date-time: ${JSON.stringify(text.slice(0, 100))} (expected ISO-8601, e.g. 2026-11-30T09:00:00Z)` });
    return z.NEVER;
  }
  return normalized;
});

// facets are kept as they came; only their container must be an object
const facetMap = z.record(z.string(), z.unknown(), { error: "expected an object of facets" });

// facet bookkeeping fields every OpenLineage facet may carry (BaseFacet)
const baseFacetFields = { _producer: z.string().optional(), _schemaURL: z.string().optional(), _deleted: z.boolean().optional() };
const zoneId = z.string({ error: required("a zone id") }).min(1, "must not be empty");
const purposeKey = z.string({ error: required("a purpose key") }).refine(isWellFormedKey, { message: "malformed key (dotted segments of letters, digits, _ or -)" });

/** A dataset's `zoneline` facet: its declared labels (replacing the asset's), its zone (null: none) and kind. */
export const ZonelineDatasetFacet = z.strictObject({
  labels: z.array(Label).optional(),
  zone: zoneId.nullable().optional(),
  kind: AssetKind.optional(),
  ...baseFacetFields,
});
/** A job's `zoneline` facet: its zone, purpose (null: none) and kind (`training_job`, say). */
export const ZonelineJobFacet = z.strictObject({
  zone: zoneId.nullable().optional(),
  purpose: purposeKey.nullable().optional(),
  kind: AssetKind.optional(),
  ...baseFacetFields,
});
export type ZonelineDatasetFacet = z.infer<typeof ZonelineDatasetFacet>;
export type ZonelineJobFacet = z.infer<typeof ZonelineJobFacet>;

const datasetFacets = z.looseObject({ zoneline: ZonelineDatasetFacet.optional() }, { error: "expected an object of facets" });
const jobFacets = z.looseObject({ zoneline: ZonelineJobFacet.optional() }, { error: "expected an object of facets" });

const Dataset = z.looseObject(
  { namespace: name, name, facets: datasetFacets.optional(), inputFacets: facetMap.optional(), outputFacets: facetMap.optional() },
  { error: required("a dataset object") },
);
const Job = z.looseObject({ namespace: name, name, facets: jobFacets.optional() }, { error: required("a job object") });
// any non-empty runId: Marquez accepts ids that are not UUIDs, and so do we
const Run = z.looseObject({ runId: z.string({ error: required("a string") }).min(1, "must not be empty"), facets: facetMap.optional() }, { error: required("a run object") });

const EventShape = z
  .looseObject(
    {
      eventTime: dateTime,
      eventType: z.enum(EVENT_TYPES, { error: (issue) => `unknown event type ${JSON.stringify(issue.input)} (expected one of ${EVENT_TYPES.join(", ")})` }).nullish(),
      producer: z.string({ error: required("a string") }).optional(),
      schemaURL: z.string({ error: required("a string") }).optional(),
      run: Run.optional(),
      job: Job.optional(),
      inputs: z.array(Dataset, { error: required("an array of datasets") }).nullish(),
      outputs: z.array(Dataset, { error: required("an array of datasets") }).nullish(),
      dataset: Dataset.optional(),
    },
    { error: (issue) => (issue.input === undefined ? "required" : "expected an OpenLineage event (a JSON object)") },
  )
  .superRefine((event, ctx) => {
    const kind = eventKindOf(event);
    if (kind === null) {
      ctx.addIssue({ code: "custom", path: [], message: "not an OpenLineage event: expected a RunEvent (run, job), a JobEvent (job) or a DatasetEvent (dataset)" });
      return;
    }
    if (kind === "RunEvent") {
      if (event.run === undefined) ctx.addIssue({ code: "custom", path: ["run", "runId"], message: "required" });
      if (event.job === undefined) ctx.addIssue({ code: "custom", path: ["job"], message: "required" });
    }
  });

type EventShape = z.infer<typeof EventShape>;

/**
 * Which event this is. The 2-0-x schema tells them apart by their fields:
 * a RunEvent has a run (and an eventType, which only a RunEvent has), a
 * DatasetEvent a dataset, a JobEvent a job and no run.
 */
function eventKindOf(event: { run?: unknown; eventType?: unknown; dataset?: unknown; job?: unknown }): EventKind | null {
  if (event.run !== undefined || (event.eventType !== undefined && event.eventType !== null)) return "RunEvent";
  if (event.dataset !== undefined) return "DatasetEvent";
  if (event.job !== undefined) return "JobEvent";
  return null;
}

export interface OpenLineageDataset {
  namespace: string;
  name: string;
  /** the dataset facets as they came (inputFacets / outputFacets stay in the raw event) */
  facets: Record<string, unknown>;
  zoneline: ZonelineDatasetFacet | null;
}

export interface OpenLineageJob {
  namespace: string;
  name: string;
  facets: Record<string, unknown>;
  zoneline: ZonelineJobFacet | null;
}

/** An accepted event: what the mapping reads, the raw event, and its identity. */
export interface OpenLineageEvent {
  kind: EventKind;
  eventType: EventType | null;
  /** UTC, ISO-8601 with milliseconds */
  eventTime: string;
  runId: string | null;
  job: OpenLineageJob | null;
  inputs: OpenLineageDataset[];
  outputs: OpenLineageDataset[];
  /** a DatasetEvent's dataset */
  dataset: OpenLineageDataset | null;
  /** sha256 (hex) of the event's canonical JSON: replaying it is recognised by this */
  hash: string;
  /** the event as it came, as canonical JSON (what is hashed, and what is stored: jsonb keeps no key order anyway) */
  canonical: string;
}

/** A reference the world must hold, with where it was named (for the 422's field). */
export interface ZonelineReference {
  path: string;
  kind: "zone" | "category" | "purpose";
  key: string;
}

export type ParsedEvents = { ok: true; events: OpenLineageEvent[] } | { ok: false; issues: string[] };

/** `run.runId`, `inputs[0].facets.zoneline.labels[1].category`; with a prefix `[3]` for a batch. */
export function formatPath(path: readonly PropertyKey[], prefix = ""): string {
  let out = prefix;
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  return out || "body";
}

function toDataset(dataset: NonNullable<EventShape["dataset"]>): OpenLineageDataset {
  const facets = (dataset.facets ?? {}) as Record<string, unknown>;
  return { namespace: dataset.namespace, name: dataset.name, facets, zoneline: dataset.facets?.zoneline ?? null };
}

/** Reads one event; `prefix` is its place in a batch (`[3]`). */
export function parseOpenLineageEvent(input: unknown, prefix = ""): { ok: true; event: OpenLineageEvent } | { ok: false; issues: string[] } {
  const parsed = EventShape.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => `${formatPath(issue.path, prefix)}: ${issue.message}`) };
  }
  const shape = parsed.data;
  const kind = eventKindOf(shape)!;
  const raw = input as Record<string, unknown>;
  const canonical = canonicalJson(raw);
  // PostgreSQL's jsonb cannot hold U+0000 or a lone surrogate: refuse the event rather than fail to store it
  if (UNSTORABLE.test(canonical)) return { ok: false, issues: [`${prefix || "body"}: contains U+0000 or an unpaired surrogate in a string, which cannot be stored`] };
  const job = kind !== "DatasetEvent" && shape.job ? { namespace: shape.job.namespace, name: shape.job.name, facets: (shape.job.facets ?? {}) as Record<string, unknown>, zoneline: shape.job.facets?.zoneline ?? null } : null;
  return {
    ok: true,
    event: {
      kind,
      eventType: shape.eventType ?? null,
      eventTime: shape.eventTime,
      runId: kind === "RunEvent" ? shape.run!.runId : null,
      job,
      inputs: kind === "DatasetEvent" ? [] : (shape.inputs ?? []).map(toDataset),
      outputs: kind === "DatasetEvent" ? [] : (shape.outputs ?? []).map(toDataset),
      dataset: kind === "DatasetEvent" ? toDataset(shape.dataset!) : null,
      hash: createHash("sha256").update(canonical).digest("hex"),
      canonical,
    },
  };
}

/** A batch: a JSON array of 1 to MAX_BATCH_EVENTS events, all valid or none taken. */
export function parseOpenLineageBatch(input: unknown): ParsedEvents {
  if (!Array.isArray(input)) return { ok: false, issues: ["body: expected a JSON array of OpenLineage events"] };
  if (input.length === 0) return { ok: false, issues: ["body: expected at least one event"] };
  if (input.length > MAX_BATCH_EVENTS) return { ok: false, issues: [`body: at most ${MAX_BATCH_EVENTS} events per batch (got ${input.length})`] };
  const events: OpenLineageEvent[] = [];
  const issues: string[] = [];
  input.forEach((item, index) => {
    const parsed = parseOpenLineageEvent(item, `[${index}]`);
    if (parsed.ok) events.push(parsed.event);
    else issues.push(...parsed.issues);
  });
  return issues.length ? { ok: false, issues } : { ok: true, events };
}

/** sha256 of the canonical JSON (lib/audit): the same event, however its keys were ordered or spaced, has one hash. */
export function openLineageEventHash(raw: unknown): string {
  return createHash("sha256").update(canonicalJson(raw)).digest("hex");
}

/** The zones, categories and purposes the events' `zoneline` facets name, each with its field. */
export function zonelineReferences(events: readonly OpenLineageEvent[], prefixOf: (index: number) => string): ZonelineReference[] {
  const references: ZonelineReference[] = [];
  events.forEach((event, index) => {
    const prefix = prefixOf(index);
    const at = (path: PropertyKey[]) => formatPath(path, prefix);
    const job = event.job?.zoneline;
    if (job) {
      if (job.zone) references.push({ path: at(["job", "facets", "zoneline", "zone"]), kind: "zone", key: job.zone });
      if (job.purpose) references.push({ path: at(["job", "facets", "zoneline", "purpose"]), kind: "purpose", key: job.purpose });
    }
    const datasets: [PropertyKey[], OpenLineageDataset][] = [
      ...event.inputs.map((d, i): [PropertyKey[], OpenLineageDataset] => [["inputs", i], d]),
      ...event.outputs.map((d, i): [PropertyKey[], OpenLineageDataset] => [["outputs", i], d]),
      ...(event.dataset ? [[["dataset"], event.dataset] as [PropertyKey[], OpenLineageDataset]] : []),
    ];
    for (const [path, dataset] of datasets) {
      const facet = dataset.zoneline;
      if (!facet) continue;
      if (facet.zone) references.push({ path: at([...path, "facets", "zoneline", "zone"]), kind: "zone", key: facet.zone });
      facet.labels?.forEach((label, i) => references.push({ path: at([...path, "facets", "zoneline", "labels", i, "category"]), kind: "category", key: label.category }));
    }
  });
  return references;
}
