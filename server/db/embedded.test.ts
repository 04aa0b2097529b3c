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

describe("the embedded database's lock", () => {
  it("a fresh start never wipes the folder of a running instance", async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zl-embedded-")), "pgdata");
    const running = await startEmbeddedPostgres({ dataDir });
    try {
      const client = new pg.Client({ connectionString: running.url });
      await client.connect();
      await client.query("CREATE TABLE kept (x int)");
      await client.end();
      await expect(startEmbeddedPostgres({ dataDir, fresh: true })).rejects.toBeInstanceOf(EmbeddedDatabaseBusyError);
      expect(fs.existsSync(dataDir)).toBe(true);
      const again = new pg.Client({ connectionString: running.url });
      await again.connect();
      expect((await again.query("SELECT to_regclass('kept') AS t")).rows[0].t).toBe("kept");
      await again.end();
    } finally {
      await running.stop();
    }
  }, 60_000);

  it("a lock whose pid now belongs to another process is not taken for a live owner", async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zl-embedded-")), "pgdata");
    // this very process is alive, but it did not start at this (made-up) time
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: process.pid, port: 1, startedAt: new Date().toISOString(), processStart: "1" }));
    expect(findRunningEmbedded(dataDir)).toBeNull();
    const db = await startEmbeddedPostgres({ dataDir });
    expect(findRunningEmbedded(dataDir)).toMatchObject({ pid: process.pid, port: db.port, starting: false });
    await db.stop();
  }, 60_000);
});
