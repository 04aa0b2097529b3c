// zoneline lineage sql, run as a user runs it, against a real database.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDatabase, type TestDatabase } from "@/test/database";
import { runCli } from "@/test/run-cli";

const dir = mkdtempSync(path.join(tmpdir(), "zoneline-sql-"));
let database: TestDatabase;

function sqlFile(name: string, sql: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, sql);
  return file;
}

const zoneline = (...args: string[]) =>
  runCli(args, { ...process.env, DATABASE_URL: database.url, ...(database.kind === "pglite" ? { ZONELINE_EMBEDDED: "1" } : {}) });

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const tableCounts = async () =>
  (await rows(`SELECT (SELECT count(*) FROM "Asset")::int AS assets, (SELECT count(*) FROM "LineageEdge")::int AS edges, (SELECT count(*) FROM "AuditEntry")::int AS audit`))[0];

beforeAll(async () => {
  database = await createMigratedDatabase("sqlcli");
});
afterAll(async () => {
  await database?.drop();
});

describe("zoneline lineage sql", () => {
  const script = sqlFile("load.sql", "CREATE TABLE tmp AS SELECT * FROM raw.a;\nINSERT INTO marts.b SELECT * FROM tmp JOIN raw.c ON tmp.id = c.id;\nDROP TABLE tmp;\n");

  it("--dry-run prints what it found and records nothing", async () => {
    const { code, stdout } = await zoneline("lineage", "sql", script, "--dialect", "hive", "--namespace", "wh", "--job", "load_b", "--dry-run");
    expect(code).toBe(0);
    expect(stdout).toContain("3 statements; reads raw.a, raw.c; writes marts.b.");
    expect(stdout).toContain("wh:load_b → wh:marts.b (new, unreviewed)");
    expect(stdout).toContain("dry run: nothing recorded (4 assets would be created)");
    expect(await tableCounts()).toEqual({ assets: 0, edges: 0, audit: 0 });
  });

  it("records assets, sql edges through the job, an audit entry, and evaluates", async () => {
    const { code, stdout, stderr } = await zoneline("lineage", "sql", script, "--dialect", "hive", "--namespace", "wh", "--job", "load_b");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/recorded as world version \d+: 4 assets created, 3 edges created, 0 updated; evaluated\./);
    const edges = await rows(`SELECT "fromId", "toId", "signals"::text[] AS signals, "reviewState"::text AS "reviewState" FROM "LineageEdge" ORDER BY "fromId", "toId"`);
    expect(edges).toEqual([
      { fromId: "wh:load_b", toId: "wh:marts.b", signals: ["sql"], reviewState: "unreviewed" },
      { fromId: "wh:raw.a", toId: "wh:load_b", signals: ["sql"], reviewState: "unreviewed" },
      { fromId: "wh:raw.c", toId: "wh:load_b", signals: ["sql"], reviewState: "unreviewed" },
    ]);
    expect(await rows(`SELECT "kind"::text AS kind FROM "Asset" WHERE "name" = 'load_b'`)).toEqual([{ kind: "batch_job" }]);
    expect((await rows(`SELECT "action" FROM "AuditEntry" ORDER BY "sequence"`)).map((r) => r.action)).toEqual(["lineage.sql", "evaluation.run"]);
  });

  it("exits 2 with file:line:column for SQL that does not parse, and stores nothing", async () => {
    const before = await tableCounts();
    const bad = sqlFile("bad.sql", "INSERT INTO t\nSELECT * FROM s WHERE = 1");
    const { code, stderr } = await zoneline("lineage", "sql", bad, "--dialect", "postgres", "--namespace", "wh");
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:\\d+: Expected: an expression`));
    expect(await tableCounts()).toEqual(before);
  });

  it("exits 2 for an unknown dialect, a missing namespace, an unreadable file or an unknown option", async () => {
    const before = await tableCounts();
    expect(await zoneline("lineage", "sql", script, "--dialect", "oracle9", "--namespace", "wh")).toMatchObject({ code: 2, stderr: expect.stringContaining('--dialect: unknown dialect "oracle9"') });
    expect(await zoneline("lineage", "sql", script, "--dialect", "hive")).toMatchObject({ code: 2, stderr: expect.stringContaining("--namespace:") });
    expect(await zoneline("lineage", "sql", path.join(dir, "missing.sql"), "--dialect", "hive", "--namespace", "wh")).toMatchObject({ code: 2, stderr: expect.stringContaining("cannot read") });
    expect(await zoneline("lineage", "sql", script, "--dialect", "hive", "--namespace", "wh", "--force")).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option --force") });
    expect((await zoneline("lineage", "yaml", script)).code).toBe(2);
    expect(await tableCounts()).toEqual(before);
  });
});
