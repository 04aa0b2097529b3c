// CSV for people who open it in a spreadsheet (the record of processing, the
// erasure checklist): RFC 4180 (CRLF line ends, every field quoted when it
// holds a quote, comma or line break, quotes doubled), UTF-8 with a byte-order
// mark so Excel reads the accents right, and safe against formula injection
// (OWASP "CSV injection"): a cell that starts with = + - @, a tab or a carriage
// return is prefixed with ' so a spreadsheet shows it as text instead of
// running it. Asset names and owners come from pipelines, so any of them may
// start with "=".
export const UTF8_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined;

/** One cell as text: neutralised if a spreadsheet would read it as a formula, quoted if RFC 4180 needs it. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  // numbers are data, never formulas: a negative count stays a number
  let text = typeof value === "number" || typeof value === "boolean" ? String(value) : value;
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A whole file: the BOM, the header row and the rows. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let out = UTF8_BOM + csvRow(header);
  for (const row of rows) out += csvRow(row);
  return out;
}
