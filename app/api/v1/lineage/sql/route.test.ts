// POST /api/v1/lineage/sql, called as Next calls it, against a real database:
// what it records, what it reuses, and that every refusal stores nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_SQL_BODY_BYTES, MAX_SQL_LENGTH } from "@/lib/lineage/sql-lineage-request";
import { parseWorld } from "@/lib/world";
import { prisma } from "@/server/db";
import { importWorld } from "@/server/world/import-world";
import { sessionCookie } from "@/test/sign-in";
import { useTestDatabase } from "@/test/use-database";
import { POST } from "./route";

useTestDatabase("sqllineage");

let cookie = "";
const post = (body: unknown, raw?: string) =>
  POST(
    new Request("http://zoneline.test/api/v1/lineage/sql", {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: raw ?? JSON.stringify(body),
    }),
  );

/**
 * Row counts of every table a SQL lineage request writes. The evaluation an
 * earlier request started in the background may land at any moment with its
 * own audit entry; that one is not this request's doing.
 */
async function counts() {
  const db = prisma();
  const [assets, edges, audit, versions] = await Promise.all([
    db.asset.count(),
    db.lineageEdge.count(),
    db.auditEntry.count({ where: { action: { not: "evaluation.run" } } }),
    db.worldChange.count(),
  ]);
  return { assets, edges, audit, versions };
}

beforeAll(async () => {
  const parsed = parseWorld({
    zones: [],
    assets: [
      // an existing table the SQL names: reused, not duplicated
      { id: "events", namespace: "warehouse", name: "raw.events", kind: "table" },
      { id: "reviewed_target", namespace: "warehouse", name: "marts.reviewed", kind: "table" },
      // holds the id a new asset (warehouse, raw.clash) would take first
      { id: "warehouse:raw.clash", namespace: "elsewhere", name: "something", kind: "table" },
    ],
    edges: [{ from: "events", to: "reviewed_target", signals: ["manual"], reviewState: "reviewed", reviewedBy: "rita@example.org", firstSeen: "2026-01-01T00:00:00Z", lastSeen: "2026-01-02T00:00:00Z" }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  await importWorld({ world: parsed.world });
  cookie = await sessionCookie(["engineer"]);
});

describe("POST /api/v1/lineage/sql records lineage", () => {
  it("with a job: tables become assets, edges go source → job → target with signal sql, unreviewed, in one audited version", async () => {
    const before = await counts();
    const sql = "INSERT INTO marts.daily SELECT e.* FROM raw.events e JOIN raw.users u ON e.user_id = u.id";
    const response = await post({ sql, dialect: "postgres", namespace: "warehouse", job: "nightly_daily" });
    expect(response.status).toBe(201);
    const answer = await response.json();
    expect({ sources: answer.sources, targets: answer.targets }).toEqual({ sources: ["raw.events", "raw.users"], targets: ["marts.daily"] });
    expect(answer.edges).toEqual([
      { from: "events", to: "warehouse:nightly_daily", created: true },
      { from: "warehouse:raw.users", to: "warehouse:nightly_daily", created: true },
      { from: "warehouse:nightly_daily", to: "warehouse:marts.daily", created: true },
    ]);

    const job = await prisma().asset.findUniqueOrThrow({ where: { namespace_name: { namespace: "warehouse", name: "nightly_daily" } } });
    expect({ id: job.id, kind: job.kind }).toEqual({ id: "warehouse:nightly_daily", kind: "batch_job" });
    expect(await prisma().asset.count({ where: { namespace: "warehouse", name: "raw.events" } })).toBe(1);
    const edges = await prisma().lineageEdge.findMany({ where: { OR: [{ toId: "warehouse:nightly_daily" }, { fromId: "warehouse:nightly_daily" }] } });
    expect(edges.map((e) => ({ signals: e.signals, reviewState: e.reviewState, seen: e.firstSeen?.getTime() === e.lastSeen?.getTime() }))).toEqual(
      Array(3).fill({ signals: ["sql"], reviewState: "unreviewed", seen: true }),
    );

    expect(await counts()).toEqual({ assets: before.assets + 3, edges: before.edges + 3, audit: before.audit + 1, versions: before.versions + 1 });
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { action: "lineage.sql" }, orderBy: { sequence: "desc" } });
    expect(audit.payload).toMatchObject({ namespace: "warehouse", job: "nightly_daily", assetsCreated: 3, edgesCreated: 3, edgesUpdated: 0, statements: 1 });
    expect((audit.payload as { sqlSha256: string }).sqlSha256).toMatch(/^[0-9a-f]{64}$/);
    // other processes catch up by replaying the version's description, not by reloading
    const version = await prisma().worldChange.findFirstOrThrow({ where: { version: answer.worldVersion } });
    expect(version.described).toBe(true);
    expect((version.changes as { kind: string }[]).map((c) => c.kind).sort()).toEqual(["putAsset", "putAsset", "putAsset", "putEdge", "putEdge", "putEdge"]);
  });

  it("without a job: edges go source → target, through the script's intermediate tables", async () => {
    const sql = "CREATE TABLE tmp.stage AS SELECT * FROM raw.orders; INSERT INTO marts.orders SELECT * FROM tmp.stage; DROP TABLE tmp.stage;";
    const response = await post({ sql, dialect: "postgres", namespace: "warehouse" });
    expect(response.status).toBe(201);
    const answer = await response.json();
    expect(answer.edges).toEqual([{ from: "warehouse:raw.orders", to: "warehouse:marts.orders", created: true }]);
    expect(await prisma().asset.count({ where: { name: "tmp.stage" } })).toBe(0);
  });

  it("an existing edge gains signal sql and keeps its review; replaying changes no edge count", async () => {
    const sql = "INSERT INTO marts.reviewed SELECT * FROM raw.events";
    const first = await (await post({ sql, dialect: "hive", namespace: "warehouse" })).json();
    expect(first.edges).toEqual([{ from: "events", to: "reviewed_target", created: false }]);
    const edge = await prisma().lineageEdge.findUniqueOrThrow({ where: { fromId_toId: { fromId: "events", toId: "reviewed_target" } } });
    expect({ signals: edge.signals, reviewState: edge.reviewState, reviewedBy: edge.reviewedBy, firstSeen: edge.firstSeen?.toISOString() }).toEqual({
      signals: ["manual", "sql"],
      reviewState: "reviewed",
      reviewedBy: "rita@example.org",
      firstSeen: "2026-01-01T00:00:00.000Z",
    });
    expect(edge.lastSeen!.getTime()).toBeGreaterThan(Date.parse("2026-01-02T00:00:00Z"));

    const before = await counts();
    await post({ sql, dialect: "hive", namespace: "warehouse" });
    const again = await prisma().lineageEdge.findUniqueOrThrow({ where: { fromId_toId: { fromId: "events", toId: "reviewed_target" } } });
    expect(again.signals).toEqual(["manual", "sql"]);
    expect({ assets: (await counts()).assets, edges: (await counts()).edges }).toEqual({ assets: before.assets, edges: before.edges });
  });

  it("a new asset whose readable id is taken gets the id with a hash suffix", async () => {
    const answer = await (await post({ sql: "INSERT INTO raw.clash_copy SELECT * FROM raw.clash", dialect: "trino", namespace: "warehouse" })).json();
    const clash = answer.assets.find((a: { name: string }) => a.name === "raw.clash");
    expect(clash.id).toMatch(/^warehouse:raw\.clash~[0-9a-f]{8}$/);
    expect(await prisma().asset.findUniqueOrThrow({ where: { id: clash.id } })).toMatchObject({ namespace: "warehouse", name: "raw.clash" });
    expect(await prisma().asset.findUniqueOrThrow({ where: { id: "warehouse:raw.clash" } })).toMatchObject({ namespace: "elsewhere" });
  });

  it("a dry run answers the same shape and records nothing", async () => {
    const before = await counts();
    const response = await post({ sql: "INSERT INTO marts.dry SELECT * FROM raw.dry_source", dialect: "spark", namespace: "warehouse", job: "dry_job", dryRun: true });
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer.edges).toEqual([
      { from: "warehouse:raw.dry_source", to: "warehouse:dry_job", created: true },
      { from: "warehouse:dry_job", to: "warehouse:marts.dry", created: true },
    ]);
    expect(answer.worldVersion).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("re-evaluates in the background after recording", async () => {
    const runsBefore = await prisma().evaluationRun.count({ where: { trigger: "lineage.sql" } });
    await post({ sql: "INSERT INTO marts.evaluated SELECT * FROM raw.events", dialect: "postgres", namespace: "warehouse" });
    let runs = runsBefore;
    for (let i = 0; i < 100 && runs === runsBefore; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runs = await prisma().evaluationRun.count({ where: { trigger: "lineage.sql" } });
    }
    expect(runs).toBeGreaterThan(runsBefore);
  });
});

describe("POST /api/v1/lineage/sql refuses bad input and stores nothing", () => {
  const cases: { name: string; body?: unknown; raw?: string; status: number; names: RegExp }[] = [
    { name: "malformed JSON", raw: '{"sql": "SELECT 1", ', status: 400, names: /malformed JSON/ },
    { name: "an empty body", raw: "", status: 400, names: /empty/ },
    { name: "an unknown dialect", body: { sql: "INSERT INTO t SELECT * FROM s", dialect: "oracle9", namespace: "w" }, status: 422, names: /^dialect: unknown dialect "oracle9"/ },
    { name: "a missing namespace", body: { sql: "INSERT INTO t SELECT * FROM s", dialect: "postgres" }, status: 422, names: /^namespace: / },
    { name: "empty SQL", body: { sql: "  \n ", dialect: "postgres", namespace: "w" }, status: 422, names: /^sql: must not be empty/ },
    { name: "over-long SQL", body: { sql: `SELECT 1 ${"-".repeat(MAX_SQL_LENGTH)}`, dialect: "postgres", namespace: "w" }, status: 422, names: /^sql: at most/ },
    { name: "control characters in the namespace", body: { sql: "INSERT INTO t SELECT * FROM s", dialect: "postgres", namespace: "w\u0001" }, status: 422, names: /^namespace: .*control characters/ },
    { name: "an unknown field", body: { sql: "INSERT INTO t SELECT * FROM s", dialect: "postgres", namespace: "w", jobs: "x" }, status: 422, names: /"jobs"/ },
    { name: "dryRun that is not a boolean", body: { sql: "INSERT INTO t SELECT * FROM s", dialect: "postgres", namespace: "w", dryRun: "yes" }, status: 422, names: /^dryRun: / },
    { name: "SQL that does not parse", body: { sql: "INSERT INTO t\nSELECT FROM WHERE = 1", dialect: "postgres", namespace: "w" }, status: 400, names: /^sql: line 2, column \d+: Expected/ },
    { name: "SQL valid only in another dialect", body: { sql: "INSERT INTO t SELECT * FROM `s`", dialect: "postgres", namespace: "w" }, status: 400, names: /^sql: line 1, column \d+: / },
  ];

  it.each(cases)("$name → $status", async ({ body, raw, status, names }) => {
    const before = await counts();
    const response = await post(body, raw);
    expect(response.status).toBe(status);
    const answer = await response.json();
    expect([answer.message, ...(answer.details ?? [])].some((text: string) => names.test(text))).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it("SQL that does not parse names the parser's line and column as fields", async () => {
    const answer = await (await post({ sql: "SELECT *\nFROM t WHERE a = = 1", dialect: "postgres", namespace: "w" })).json();
    expect({ error: answer.error, line: answer.line, column: answer.column }).toEqual({ error: "SQL_SYNTAX", line: 2, column: 18 });
    expect(answer.parserMessage).toMatch(/^Expected: an expression/);
  });

  it("a body over the limit → 413, before it is read to the end", async () => {
    const before = await counts();
    const response = await post(undefined, JSON.stringify({ sql: "x".repeat(MAX_SQL_BODY_BYTES), dialect: "postgres", namespace: "w" }));
    expect(response.status).toBe(413);
    expect((await response.json()).message).toMatch(/larger than the limit/);
    expect(await counts()).toEqual(before);
  });

  it("signed out → 401, nothing stored", async () => {
    const before = await counts();
    const response = await POST(new Request("http://zoneline.test/api/v1/lineage/sql", { method: "POST", body: JSON.stringify({ sql: "INSERT INTO t SELECT * FROM s", dialect: "postgres", namespace: "w" }) }));
    expect(response.status).toBe(401);
    expect(await counts()).toEqual(before);
  });
});
