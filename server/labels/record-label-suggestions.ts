// Label suggestions at ingestion (issue 10 part 6): called by OpenLineage
// ingestion inside its write transaction with the columns of the datasets it
// saw. Two statements whatever the batch size (ingestion targets thousands of
// events a second): one reads what is already suggested for the columns
// involved, one inserts what is new (ingestion sends it with its other
// writes: planLabelSuggestions). Suggestions are not world writes (the
// engine reads only declared labels) and not decisions, so there is no world
// change and no audit entry here: the ingestion's own entry covers the request,
// and accepting or dismissing is audited.
import type { DatasetColumns } from "@/lib/labels/dataset-columns";
import { mentionedColumns, suggestLabels, type KnownSuggestion } from "@/lib/labels/suggest-labels";
import { currentDatabaseUrl } from "../db";
import { asSql, type RunSql, type SqlClient, type Statement } from "../db/run-sql";

/** Plans and inserts in the caller's transaction (tests, seeds; ingestion plans and sends the INSERT itself). */
export async function recordLabelSuggestions(tx: SqlClient, datasets: DatasetColumns[]): Promise<{ suggested: number }> {
  const sql = asSql(tx);
  const planned = await planLabelSuggestions(sql, datasets);
  if (!planned) return { suggested: 0 };
  await sql(planned.insert.text, planned.insert.params);
  return { suggested: planned.suggested };
}

/**
 * The datasets whose columns this process already planned suggestions for, as
 * they are now (assetId → their columns, canonical): a pipeline's next run
 * sends the same schema, and what the dictionary makes of the same column
 * names cannot have changed, so those datasets need neither the read of what
 * is known nor a plan. Only datasets without column lineage inputs: a
 * suggestion an input column gains later is carried down the next time.
 * Remembered after the transaction that stored the plan commits; forgotten on
 * restart (a new dictionary comes with a new release).
 */
const planned = globalThis as unknown as { zonelinePlannedColumns?: Map<string, string> };
const MAX_REMEMBERED_DATASETS = 100_000;

const columnsOf = (dataset: DatasetColumns) => JSON.stringify(dataset.columns.map((c) => c.name));

/** `datasets` less those planned before with the same columns; `remember` (call after commit) notes the rest. */
export function unplannedDatasets(datasets: DatasetColumns[]): { datasets: DatasetColumns[]; remember(): void } {
  const memo = (planned.zonelinePlannedColumns ??= new Map());
  // per database (tests and tools switch between them in one process)
  const database = currentDatabaseUrl().url;
  const key = (d: DatasetColumns) => `${database}\u0000${d.assetId}`;
  const rememberable = (d: DatasetColumns) => d.columnLineage.every((entry) => entry.inputs.length === 0);
  const left = datasets.filter((d) => !(rememberable(d) && memo.get(key(d)) === columnsOf(d)));
  return {
    datasets: left,
    remember() {
      if (memo.size > MAX_REMEMBERED_DATASETS) memo.clear();
      for (const d of left) if (rememberable(d)) memo.set(key(d), columnsOf(d));
    },
  };
}

/**
 * Reads what is already suggested for the columns involved and returns the
 * INSERT of what is new (null: nothing new) for the caller to send with its
 * other writes (combineWrites). Every writer of suggestions holds the world
 * write lock (ingestion does), so what is new under it is what gets inserted.
 */
export async function planLabelSuggestions(sql: RunSql, datasets: DatasetColumns[]): Promise<{ insert: Statement; suggested: number } | null> {
  const mentioned = mentionedColumns(datasets);
  if (mentioned.length === 0) return null;
  const known = await sql<KnownSuggestion>(
    `SELECT s."assetId", s."column", s."categoryKey" AS "category", s."qualifier"::text AS "qualifier", s."pattern", s."status"::text AS "status"
      FROM "LabelSuggestion" s
      JOIN unnest($1::text[], $2::text[]) AS m("assetId", "column")
        ON s."assetId" = m."assetId" AND s."column" = m."column"`,
    [mentioned.map((m) => m.assetId), mentioned.map((m) => m.column)],
  );
  const drafts = suggestLabels(datasets, known);
  if (drafts.length === 0) return null;
  const lineage = (d: (typeof drafts)[number]) => (d.evidence.kind === "lineage" ? d.evidence : null);
  // ON CONFLICT: a safeguard; under the world lock no other writer can have inserted them meanwhile
  const insert: Statement = {
    text: `INSERT INTO "LabelSuggestion" ("assetId", "column", "categoryKey", "qualifier", "evidence", "pattern", "sourceAssetId", "sourceColumn")
    SELECT d."assetId", d."column", d."categoryKey", d."qualifier"::"Qualifier", d."evidence"::"LabelSuggestionEvidence", d."pattern", d."sourceAssetId", d."sourceColumn"
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           AS d("assetId", "column", "categoryKey", "qualifier", "evidence", "pattern", "sourceAssetId", "sourceColumn")
    ON CONFLICT ("assetId", "column", "categoryKey") DO NOTHING RETURNING 1 AS "inserted"`,
    params: [
      drafts.map((d) => d.assetId),
      drafts.map((d) => d.column),
      drafts.map((d) => d.category),
      drafts.map((d) => d.qualifier),
      drafts.map((d) => d.evidence.kind),
      drafts.map((d) => d.evidence.pattern),
      drafts.map((d) => lineage(d)?.sourceAssetId ?? null),
      drafts.map((d) => lineage(d)?.sourceColumn ?? null),
    ],
  };
  return { insert, suggested: drafts.length };
}
