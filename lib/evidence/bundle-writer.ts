// Writes an evidence bundle as a ZIP stream (yazl): each file is produced
// record by record from an async source (paged SQL on the server, arrays in
// tests), hashed (sha256) and counted while it is written, and manifest.json,
// which lists every file's hash, goes last. Nothing is held whole in memory:
// a file's records pass through a 64 KiB buffer on their way into the ZIP.
// Pure (no database): the server supplies the sources, tests build bundles
// with it directly.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import yazl from "yazl";
import { canonicalJson } from "../audit/canonical-json.ts";
import { type BundleFileEntry, MANIFEST_PATH } from "./bundle-manifest.ts";
import { csvRecord } from "./csv.ts";

/** A file's records already joined by its separator (spooled elsewhere), and how many there are. */
export interface SpooledBody {
  rows: number;
  chunks: AsyncIterable<Buffer>;
}

/** One file of the bundle: its records as text, and the framing around them. */
export interface BundleFileSource {
  path: string;
  records: () => AsyncIterable<string>;
  /** instead of `records`: the body between head and tail, ready made */
  body?: () => Promise<SpooledBody>;
  head?: string;
  separator?: string;
  tail?: string;
  /** written instead of head + tail when there is no record */
  empty?: string;
}

type Rows<Row> = () => AsyncIterable<Row> | Iterable<Row>;

async function* mapped<Row>(rows: Rows<Row>, write: (row: Row) => string): AsyncIterable<string> {
  for await (const row of rows()) yield write(row);
}

/** A JSON array, one record per line, so a diff or `grep` reads it. */
export function jsonArrayFile<Row>(path: string, rows: Rows<Row>, toJson: (row: Row) => unknown = (row) => row): BundleFileSource {
  return { path, records: () => mapped(rows, (row) => JSON.stringify(toJson(row))), head: "[\n", separator: ",\n", tail: "\n]\n", empty: "[]\n" };
}

/** JSON Lines in canonical JSON (sorted keys): each line hashes the same whoever re-serialises it. */
export function jsonLinesFile<Row>(path: string, rows: Rows<Row>, toJson: (row: Row) => unknown = (row) => row): BundleFileSource {
  return { path, records: () => mapped(rows, (row) => `${canonicalJson(toJson(row))}\n`) };
}

export type CsvColumn<Row> = readonly [header: string, value: (row: Row) => unknown];

export function csvFile<Row>(path: string, columns: readonly CsvColumn<Row>[], rows: Rows<Row>): BundleFileSource {
  return { path, records: () => mapped(rows, (row) => csvRecord(columns.map(([, value]) => value(row)))), head: csvRecord(columns.map(([header]) => header)) };
}

const CHUNK = 64 * 1024;

/**
 * Streams the ZIP. `finish` receives every file's entry (path, sha256, bytes,
 * rows) once the last one is written and returns the manifest, written last.
 * `manifest` rejects (and the stream is destroyed) if a source fails.
 */
export function writeBundleZip<M>(
  files: readonly BundleFileSource[],
  finish: (entries: BundleFileEntry[]) => Promise<M> | M,
  { mtime = new Date(), onFile }: { mtime?: Date; /** called as each file starts: how many are written before it, of how many */ onFile?: (path: string, done: number, total: number) => void } = {},
): { stream: Readable; manifest: Promise<M> } {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  const entries: BundleFileEntry[] = [];
  let current: Readable | null = null;
  let ended = false;
  output.once("end", () => (ended = true));
  // A reader that goes away (an aborted download) stops the source being read, so its paged query ends too.
  output.once("close", () => {
    if (!ended) current?.destroy(new Error("the bundle's reader went away before the end"));
  });
  const manifest = (async () => {
    for (const [index, file] of files.entries()) {
      onFile?.(file.path, index, files.length);
      const hash = createHash("sha256");
      let bytes = 0;
      let rows = 0;
      async function* chunks(): AsyncIterable<Buffer> {
        const hashed = (buffer: Buffer) => {
          hash.update(buffer);
          bytes += buffer.length;
          return buffer;
        };
        let pending: string[] = [];
        let size = 0;
        const take = (text: string) => {
          pending.push(text);
          size += text.length;
        };
        const flush = () => {
          const buffer = Buffer.from(pending.join(""), "utf8");
          pending = [];
          size = 0;
          return hashed(buffer);
        };
        if (file.body) {
          const body = await file.body();
          rows = body.rows;
          if (rows > 0) take(file.head ?? "");
          yield flush();
          for await (const chunk of body.chunks) yield hashed(chunk);
        } else {
          for await (const record of file.records()) {
            take(rows === 0 ? (file.head ?? "") : (file.separator ?? ""));
            take(record);
            rows++;
            if (size >= CHUNK) yield flush();
          }
        }
        take(rows === 0 ? (file.empty ?? `${file.head ?? ""}${file.tail ?? ""}`) : (file.tail ?? ""));
        yield flush();
      }
      const readable = Readable.from(chunks());
      current = readable;
      zip.addReadStream(readable, file.path, { mtime });
      await finished(readable);
      entries.push({ path: file.path, sha256: hash.digest("hex"), bytes, rows });
    }
    current = null;
    const result = await finish(entries);
    zip.addBuffer(Buffer.from(`${JSON.stringify(result, null, 2)}\n`, "utf8"), MANIFEST_PATH, { mtime });
    zip.end();
    return result;
  })();
  manifest.catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return { stream: output, manifest };
}
