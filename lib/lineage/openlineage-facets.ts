// The latest OpenLineage facets of an asset, and what the asset page and label
// suggestions read from them: the schema facet's columns and the
// columnLineage facet's input columns. Facets are kept as they came; these
// readers take what they understand and skip what they do not (a producer's
// malformed facet must not break a page).

export interface StoredFacets {
  /** facet name → the facet as it came */
  facets: Record<string, unknown>;
  /** facet name → the eventTime (ISO-8601 UTC) of the event that brought it */
  facetTimes: Record<string, string>;
}

/**
 * Per facet name, the facet from the latest eventTime wins (an older event
 * that arrives late does not undo a newer one); at equal eventTimes the later
 * arrival wins. `changed` lists the facet names that took a new value.
 */
export function mergeFacets(stored: StoredFacets, incoming: readonly { facets: Record<string, unknown>; eventTime: string }[]): StoredFacets & { changed: string[] } {
  const facets = { ...stored.facets };
  const facetTimes = { ...stored.facetTimes };
  const changed = new Set<string>();
  for (const { facets: next, eventTime } of incoming) {
    for (const [name, facet] of Object.entries(next)) {
      const seen = facetTimes[name];
      if (seen !== undefined && Date.parse(seen) > Date.parse(eventTime)) continue;
      facetTimes[name] = eventTime;
      if (JSON.stringify(facets[name]) !== JSON.stringify(facet)) changed.add(name);
      facets[name] = facet;
    }
  }
  return { facets, facetTimes, changed: [...changed] };
}

export interface SchemaColumn {
  name: string;
  type: string | null;
  description: string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const textOrNull = (value: unknown) => (typeof value === "string" ? value : null);

/** The schema facet's fields; nested fields (structs) as `parent.child`. */
export function schemaColumnsOf(facets: Record<string, unknown>): SchemaColumn[] {
  const schema = facets.schema;
  const columns: SchemaColumn[] = [];
  const walk = (fields: unknown, prefix: string) => {
    if (!Array.isArray(fields)) return;
    for (const field of fields) {
      if (!isObject(field) || typeof field.name !== "string") continue;
      const name = prefix + field.name;
      columns.push({ name, type: textOrNull(field.type), description: textOrNull(field.description) });
      walk(field.fields, `${name}.`);
    }
  };
  if (isObject(schema)) walk(schema.fields, "");
  return columns;
}

export interface ColumnLineageEntry {
  column: string;
  inputs: { namespace: string; name: string; field: string }[];
}

/** The columnLineage facet: each output column with the input dataset columns it comes from. */
export function columnLineageOf(facets: Record<string, unknown>): ColumnLineageEntry[] {
  const facet = facets.columnLineage;
  if (!isObject(facet) || !isObject(facet.fields)) return [];
  const entries: ColumnLineageEntry[] = [];
  for (const [column, spec] of Object.entries(facet.fields)) {
    if (!isObject(spec) || !Array.isArray(spec.inputFields)) continue;
    const inputs = spec.inputFields
      .filter(isObject)
      .filter((input) => typeof input.namespace === "string" && typeof input.name === "string" && typeof input.field === "string")
      .map((input) => ({ namespace: input.namespace as string, name: input.name as string, field: input.field as string }));
    entries.push({ column, inputs });
  }
  return entries;
}

/** What the asset page shows of an asset's facets; input datasets carry their asset id when Zoneline knows them. */
export interface DatasetFacetsView {
  schema: SchemaColumn[];
  columnLineage: { column: string; inputs: { namespace: string; name: string; field: string; assetId: string | null }[] }[];
  /** the names of the other facets kept, with the eventTime each came from */
  otherFacets: { name: string; eventTime: string | null }[];
  updatedAt: string;
}
