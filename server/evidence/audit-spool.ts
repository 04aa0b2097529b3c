// One pass over the period's audit entries for every bundle file drawn from
// them (decisions and admission checks as JSON and CSV, the entries
// themselves): each entry is read once from the database, and each file's
// records are spooled to a temporary file of their own, then read back in
// turn as the ZIP writes them. Five passes over 100k entries were the largest
// cost of a bundle (README, Benchmarks); temporary files keep memory bounded
// whatever the period's size.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { once } from "node:events";

export interface SpoolOutput<Row> {
  path: string;
  /** the file's record for a row (JSON, a CSV line, a JSONL line), or null: the row is not in this file */
  record: (row: Row) => string | null;
}

export class AuditSpool<Row> {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "zoneline-bundle-"));
  private pass: Promise<void> | null = null;
  private disposed = false;

  constructor(
    private readonly rows: () => AsyncIterable<Row>,
    private readonly outputs: readonly SpoolOutput<Row>[],
  ) {}

  private fileOf(output: string) {
    const index = this.outputs.findIndex((o) => o.path === output);
    if (index < 0) throw new Error(`no spooled bundle file ${output}`);
    return path.join(this.dir, `${index}.jsonl`);
  }

  /** Reads the entries once, on the first file's demand; later files find their records spooled. */
  private run(): Promise<void> {
    this.pass ??= (async () => {
      const streams = this.outputs.map((output) => fs.createWriteStream(this.fileOf(output.path)));
      try {
        for await (const row of this.rows()) {
          for (let i = 0; i < this.outputs.length; i++) {
            const record = this.outputs[i].record(row);
            // one record per line: JSON-quoted, since a CSV record may hold line breaks of its own
            if (record !== null && !streams[i].write(`${JSON.stringify(record)}\n`)) await once(streams[i], "drain");
          }
        }
      } finally {
        await Promise.all(streams.map((stream) => new Promise((resolve) => stream.end(resolve))));
      }
    })();
    return this.pass;
  }

  /** The records of one spooled file, in the entries' order; its temporary file is removed once read. */
  async *records(output: string): AsyncIterable<string> {
    await this.run();
    const file = this.fileOf(output);
    const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    try {
      for await (const line of lines) yield JSON.parse(line) as string;
    } finally {
      lines.close();
      fs.rmSync(file, { force: true });
    }
  }

  /** Removes what is left (an export cut short leaves files nobody reads). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const remove = () => fs.rmSync(this.dir, { recursive: true, force: true });
    // a pass still writing would recreate nothing once its streams end, but wait for it so no handle is left open
    if (this.pass) this.pass.then(remove, remove);
    else remove();
  }
}
