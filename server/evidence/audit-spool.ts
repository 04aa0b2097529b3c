// One pass over the period's audit entries for every bundle file drawn from
// them (decisions and admission checks as JSON and CSV, the entries
// themselves): each entry is read once from the database, and each file's
// body (its records joined by the file's separator, exactly the bytes the ZIP
// will hold between its head and tail) is spooled to a temporary file of its
// own, then streamed into the ZIP in turn. Five passes over 100k entries were
// the largest cost of a bundle (README, Benchmarks); temporary files keep
// memory bounded whatever the period's size. Records are gathered into 64 KiB
// writes: one write per record was a third of the pass.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import type { SpooledBody } from "@/lib/evidence/bundle-writer";

export interface SpoolOutput<Row> {
  path: string;
  /** the file's record for a row (JSON, a CSV line, a JSONL line), or null: the row is not in this file */
  record: (row: Row) => string | null;
  /** written between two records (",\n" in a JSON array; nothing where records end their own lines) */
  separator: string;
}

const WRITE_AT = 64 * 1024;

export class AuditSpool<Row> {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "zoneline-bundle-"));
  private pass: Promise<number[]> | null = null;
  private disposed = false;

  constructor(
    private readonly rows: () => AsyncIterable<Row>,
    private readonly outputs: readonly SpoolOutput<Row>[],
  ) {}

  private fileOf(output: string) {
    const index = this.outputs.findIndex((o) => o.path === output);
    if (index < 0) throw new Error(`no spooled bundle file ${output}`);
    return { index, file: path.join(this.dir, `${index}.part`) };
  }

  /**
   * Reads the entries once; later files find their bodies spooled. Starting it early (as the export
   * does) lets the database reads and the spooling overlap the world files' serialisation.
   */
  start(): Promise<number[]> {
    this.pass ??= (async () => {
      const streams = this.outputs.map((output) => fs.createWriteStream(this.fileOf(output.path).file));
      const pending = this.outputs.map(() => [] as string[]);
      const sizes = this.outputs.map(() => 0);
      const counts = this.outputs.map(() => 0);
      const flush = async (i: number) => {
        const text = pending[i].join("");
        pending[i] = [];
        sizes[i] = 0;
        if (!streams[i].write(text)) await once(streams[i], "drain");
      };
      try {
        for await (const row of this.rows()) {
          if (this.disposed) break;
          for (let i = 0; i < this.outputs.length; i++) {
            const record = this.outputs[i].record(row);
            if (record === null) continue;
            if (counts[i]++ > 0) pending[i].push(this.outputs[i].separator);
            pending[i].push(record);
            sizes[i] += record.length;
            if (sizes[i] >= WRITE_AT) await flush(i);
          }
        }
        for (let i = 0; i < this.outputs.length; i++) if (pending[i].length) await flush(i);
      } finally {
        await Promise.all(streams.map((stream) => new Promise((resolve) => stream.end(resolve))));
      }
      return counts;
    })();
    // started early, it may fail before any file asks for its body: body() reports the failure then
    this.pass.catch(() => {});
    return this.pass;
  }

  /** One spooled file's record count and body; its temporary file is removed once read. */
  async body(output: string): Promise<SpooledBody> {
    const counts = await this.start();
    const { index, file } = this.fileOf(output);
    async function* chunks(): AsyncIterable<Buffer> {
      try {
        for await (const chunk of fs.createReadStream(file, { highWaterMark: WRITE_AT })) yield chunk as Buffer;
      } finally {
        fs.rmSync(file, { force: true });
      }
    }
    return { rows: counts[index], chunks: chunks() };
  }

  /** Removes what is left (an export cut short leaves files nobody reads) and stops a pass still reading. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const remove = () => fs.rmSync(this.dir, { recursive: true, force: true });
    // a pass still writing would recreate nothing once its streams end, but wait for it so no handle is left open
    if (this.pass) this.pass.then(remove, remove);
    else remove();
  }
}
