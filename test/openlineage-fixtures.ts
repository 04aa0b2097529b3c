// OpenLineage events for tests, built as the 2-0-2 JSON Schema describes them
// (no client library exists on npm here): every builder's output validates
// against ../shared/data/openlineage/OpenLineage.json (openLineageSchemaErrors).
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export const PRODUCER = "https://github.com/example-org/pipelines/tree/v1.4.0";
export const SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
const FACET_PRODUCER = { _producer: PRODUCER };

export type Facets = Record<string, Record<string, unknown>>;
export interface DatasetSpec {
  namespace: string;
  name: string;
  facets?: Facets;
}

/** A facet as the spec wants it: `_producer` and `_schemaURL` beside its own fields. */
export function facet(schemaURL: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { ...FACET_PRODUCER, _schemaURL: schemaURL, ...fields };
}

export const schemaFacet = (fields: { name: string; type?: string; description?: string }[]) =>
  facet("https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet", { fields });

export const columnLineageFacet = (fields: Record<string, { namespace: string; name: string; field: string }[]>) =>
  facet("https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet", {
    fields: Object.fromEntries(Object.entries(fields).map(([column, inputFields]) => [column, { inputFields }])),
  });

export const zonelineFacet = (fields: Record<string, unknown>) => facet("https://zoneline.example/spec/facets/ZonelineFacet.json", fields);

const dataset = ({ namespace, name, facets }: DatasetSpec) => ({ namespace, name, facets: facets ?? {} });

export function runEvent(options: {
  eventType: "START" | "RUNNING" | "COMPLETE" | "ABORT" | "FAIL" | "OTHER";
  eventTime: string;
  runId?: string;
  job: { namespace: string; name: string; facets?: Facets };
  inputs?: DatasetSpec[];
  outputs?: DatasetSpec[];
}) {
  return {
    eventType: options.eventType,
    eventTime: options.eventTime,
    producer: PRODUCER,
    schemaURL: `${SCHEMA_URL}#/$defs/RunEvent`,
    run: { runId: options.runId ?? randomUUID(), facets: {} },
    job: { namespace: options.job.namespace, name: options.job.name, facets: options.job.facets ?? {} },
    inputs: (options.inputs ?? []).map(dataset),
    outputs: (options.outputs ?? []).map(dataset),
  };
}

export function jobEvent(options: { eventTime: string; job: { namespace: string; name: string; facets?: Facets }; inputs?: DatasetSpec[]; outputs?: DatasetSpec[] }) {
  return {
    eventTime: options.eventTime,
    producer: PRODUCER,
    schemaURL: `${SCHEMA_URL}#/$defs/JobEvent`,
    job: { namespace: options.job.namespace, name: options.job.name, facets: options.job.facets ?? {} },
    inputs: (options.inputs ?? []).map(dataset),
    outputs: (options.outputs ?? []).map(dataset),
  };
}

export function datasetEvent(options: { eventTime: string; dataset: DatasetSpec }) {
  return { eventTime: options.eventTime, producer: PRODUCER, schemaURL: `${SCHEMA_URL}#/$defs/DatasetEvent`, dataset: dataset(options.dataset) };
}

let validators: Map<string, ValidateFunction> | null = null;

/** The official schema's verdict (ajv 8, draft 2020-12, with formats): [] when the event conforms. */
export function openLineageSchemaErrors(event: unknown, def: "RunEvent" | "JobEvent" | "DatasetEvent"): string[] {
  if (!validators) {
    const file = path.resolve(import.meta.dirname, "../../shared/data/openlineage/OpenLineage.json");
    // the schema uses the non-standard "example" keyword; strict mode would refuse its use of `required`
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addKeyword("example");
    const schema = JSON.parse(fs.readFileSync(file, "utf8"));
    ajv.addSchema(schema);
    validators = new Map(["RunEvent", "JobEvent", "DatasetEvent"].map((name) => [name, ajv.getSchema(`${schema.$id}#/$defs/${name}`)!]));
  }
  const validate = validators.get(def)!;
  return validate(event) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}
