import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { EmbeddedDatabaseBusyError, findRunningEmbedded, startEmbeddedPostgres } from "./embedded";
import { migrate } from "./migrate";

describe("the embedded database", () => {
  it("keeps its data across restarts and refuses a second opener while it runs", async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zl-embedded-")), "pgdata");
    const first = await startEmbeddedPostgres({ dataDir });
    try {
      expect(findRunningEmbedded(dataDir)).toMatchObject({ pid: process.pid, port: first.port });
      await migrate(first.url);
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      await client.query(`INSERT INTO "Zone" (id, name, color, "updatedAt") VALUES ('z', 'Zone', '#123456', now())`);
      await client.end();
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toBeInstanceOf(EmbeddedDatabaseBusyError);
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/already in use by process \d+/);
    } finally {
      await first.stop();
    }
    expect(findRunningEmbedded(dataDir)).toBeNull();

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      const { rows } = await client.query(`SELECT name FROM "Zone"`);
      await client.end();
      expect(rows).toEqual([{ name: "Zone" }]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it("takes over the lock of a process that died without releasing it", async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zl-embedded-")), "pgdata");
    const dead = spawn(process.execPath, ["-e", "0"]);
    await new Promise((resolve) => dead.on("exit", resolve));
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: dead.pid, port: 1, startedAt: new Date().toISOString() }));
    expect(findRunningEmbedded(dataDir)).toBeNull();
    const db = await startEmbeddedPostgres({ dataDir });
    await db.stop();
  }, 60_000);
});
