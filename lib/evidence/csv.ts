// CSV for the people who open evidence in a spreadsheet (the bundle's tables,
// the record of processing, the erasure checklist): RFC 4180 (CRLF line ends,
// a field quoted when it holds a comma, a quote or a line break, quotes
// doubled), UTF-8. Formula-injection safe (OWASP "CSV Injection"): a text cell
// that starts with = + - @, a tab or a carriage return would be run as a
// formula by Excel or LibreOffice, so it gets a leading apostrophe, which the
// spreadsheet shows as text (asset names and owners come from pipelines, so
// any of them may start with "="). Numbers and booleans are data, never
// formulas: a negative count stays a number.

/** Files meant to be opened directly in Excel start with it, so Excel reads accents right. */
export const UTF8_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined;

/** One cell: null/undefined empty, arrays joined with "; ", objects as JSON, dates as ISO-8601 UTC. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (Array.isArray(value)) text = value.map((item) => (typeof item === "object" && item !== null ? JSON.stringify(item) : String(item))).join("; ");
  else if (typeof value === "object") text = JSON.stringify(value);
  else text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRecord(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** A whole file: the BOM, the header row and the rows. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let out = UTF8_BOM + csvRecord(header);
  for (const row of rows) out += csvRecord(row);
  return out;
}
