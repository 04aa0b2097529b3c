import type { Tx } from "../db";

// Rows travel as one jsonb parameter per chunk and are unpacked with
// jsonb_to_recordset: a multi-row statement per few thousand rows instead of a
// query per row, and JSON arrays become Postgres arrays on the way.
const CHUNK = 5_000;

export interface Column {
  name: string;
  /** the recordset type (text, int, boolean, timestamptz, text[]) */
  type: string;
  /** how the value is written, e.g. `"kind"::"AssetKind"`; defaults to the column itself */
  cast?: string;
}

export async function bulkUpsert(
  tx: Tx,
  table: string,
  columns: Column[],
  rows: Record<string, unknown>[],
  { conflict, update, extra = [] }: { conflict: string[]; update: "all" | "nothing"; extra?: { name: string; value: string }[] },
): Promise<void> {
  const names = [...columns.map((c) => `"${c.name}"`), ...extra.map((e) => `"${e.name}"`)].join(", ");
  const values = [...columns.map((c) => c.cast ?? `r."${c.name}"`), ...extra.map((e) => e.value)].join(", ");
  const record = columns.map((c) => `"${c.name}" ${c.type}`).join(", ");
  const updatable = [...columns.map((c) => c.name), ...extra.map((e) => e.name)].filter((name) => !conflict.includes(name));
  const onConflict =
    update === "nothing" || updatable.length === 0
      ? "DO NOTHING"
      : `DO UPDATE SET ${updatable.map((name) => `"${name}" = EXCLUDED."${name}"`).join(", ")}`;
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${values} FROM jsonb_to_recordset($1::jsonb) AS r(${record})
    ON CONFLICT (${conflict.map((name) => `"${name}"`).join(", ")}) ${onConflict}`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(start, start + CHUNK)));
  }
}

export async function deleteWhereIn(tx: Tx, table: string, column: string, ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += CHUNK * 4) {
    await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "${column}" = ANY($1::text[])`, ids.slice(start, start + CHUNK * 4));
  }
}
