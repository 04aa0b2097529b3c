// sqllineage-style cases: each SQL text, in one dialect, reads the sources
// and writes the targets listed. Written for Zoneline after sqllineage's own
// test layout (one assertion of source and target tables per statement or script).
import { beforeAll, describe, expect, it } from "vitest";
import { analyseSql, loadSqlParser, SQL_DIALECT_NAMES, SqlSyntaxError, type SqlDialect } from "./sql-lineage.ts";

beforeAll(loadSqlParser);

type Case = { name: string; dialect: SqlDialect; sql: string; sources: string[]; targets: string[] };

const CASES: Case[] = [
  // a SELECT alone reads and writes nothing
  { name: "a plain select", dialect: "postgres", sql: "SELECT a, b FROM tab1", sources: ["tab1"], targets: [] },
  { name: "a select with a join", dialect: "postgres", sql: "SELECT * FROM tab1 a JOIN tab2 b ON a.id = b.id LEFT JOIN tab3 c ON c.id = a.id", sources: ["tab1", "tab2", "tab3"], targets: [] },
  { name: "a select with a subquery in WHERE", dialect: "trino", sql: "SELECT * FROM tab1 WHERE id IN (SELECT id FROM tab2)", sources: ["tab1", "tab2"], targets: [] },
  { name: "a select from a derived table", dialect: "ansi", sql: "SELECT x.a FROM (SELECT a FROM tab1) x", sources: ["tab1"], targets: [] },
  { name: "a select with a scalar subquery in the projection", dialect: "postgres", sql: "SELECT (SELECT max(id) FROM tab2) AS m FROM tab1", sources: ["tab1", "tab2"], targets: [] },
  { name: "a select with no table", dialect: "postgres", sql: "SELECT 1", sources: [], targets: [] },
  { name: "a table function is not a table", dialect: "postgres", sql: "SELECT * FROM generate_series(1, 10) g JOIN tab1 ON tab1.id = g", sources: ["tab1"], targets: [] },
  { name: "UNION reads both sides", dialect: "hive", sql: "SELECT a FROM tab1 UNION ALL SELECT a FROM tab2", sources: ["tab1", "tab2"], targets: [] },

  // INSERT
  { name: "insert … select", dialect: "postgres", sql: "INSERT INTO tab1 SELECT * FROM tab2", sources: ["tab2"], targets: ["tab1"] },
  { name: "insert with a column list", dialect: "ansi", sql: "INSERT INTO tab1 (a, b) SELECT x, y FROM tab2", sources: ["tab2"], targets: ["tab1"] },
  { name: "insert … values writes from nothing", dialect: "postgres", sql: "INSERT INTO tab1 VALUES (1, 2)", sources: [], targets: ["tab1"] },
  { name: "insert … values with a subquery", dialect: "postgres", sql: "INSERT INTO tab1 VALUES ((SELECT max(id) FROM tab2), 2)", sources: ["tab2"], targets: ["tab1"] },
  { name: "insert … select with a join and a subquery", dialect: "trino", sql: "INSERT INTO tab1 SELECT b.a FROM tab2 b JOIN tab3 c ON b.id = c.id WHERE b.z IN (SELECT z FROM tab4)", sources: ["tab2", "tab3", "tab4"], targets: ["tab1"] },
  { name: "insert into table (Spark)", dialect: "spark", sql: "INSERT INTO TABLE tab1 SELECT * FROM tab2", sources: ["tab2"], targets: ["tab1"] },
  { name: "insert overwrite (Hive)", dialect: "hive", sql: "INSERT OVERWRITE TABLE tab1 SELECT * FROM tab2", sources: ["tab2"], targets: ["tab1"] },
  { name: "insert overwrite into a partition", dialect: "hive", sql: "INSERT OVERWRITE TABLE tab1 PARTITION (dt='2026-01-01') SELECT col1 FROM tab2 WHERE dt = '2026-01-01'", sources: ["tab2"], targets: ["tab1"] },
  { name: "insert overwrite (Spark)", dialect: "spark", sql: "INSERT OVERWRITE TABLE db.tab1 SELECT * FROM db.tab2", sources: ["db.tab2"], targets: ["db.tab1"] },
  { name: "a self-referencing insert overwrite lists the table on both sides", dialect: "hive", sql: "INSERT OVERWRITE TABLE tab1 SELECT * FROM tab1 WHERE col1 IS NOT NULL", sources: ["tab1"], targets: ["tab1"] },
  { name: "a self-referencing insert with another input", dialect: "spark", sql: "INSERT OVERWRITE TABLE tab1 SELECT * FROM tab1 UNION ALL SELECT * FROM tab2", sources: ["tab1", "tab2"], targets: ["tab1"] },
  { name: "insert with ON CONFLICT", dialect: "postgres", sql: "INSERT INTO tab1 (id, a) SELECT id, a FROM tab2 ON CONFLICT (id) DO UPDATE SET a = EXCLUDED.a", sources: ["tab2"], targets: ["tab1"] },

  // CTEs
  { name: "a CTE name is never a table", dialect: "postgres", sql: "WITH cte1 AS (SELECT a FROM tab1) SELECT * FROM cte1", sources: ["tab1"], targets: [] },
  { name: "WITH … INSERT", dialect: "postgres", sql: "WITH cte1 AS (SELECT a FROM tab2) INSERT INTO tab1 SELECT * FROM cte1", sources: ["tab2"], targets: ["tab1"] },
  { name: "INSERT … WITH", dialect: "hive", sql: "INSERT OVERWRITE TABLE tab1 WITH cte1 AS (SELECT * FROM tab2) SELECT * FROM cte1", sources: ["tab2"], targets: ["tab1"] },
  { name: "chained CTEs", dialect: "trino", sql: "WITH a AS (SELECT * FROM tab1), b AS (SELECT * FROM a JOIN tab2 ON a.id = tab2.id) INSERT INTO tab3 SELECT * FROM b", sources: ["tab1", "tab2"], targets: ["tab3"] },
  { name: "a recursive CTE", dialect: "postgres", sql: "WITH RECURSIVE r AS (SELECT id FROM tab1 UNION ALL SELECT t.id FROM tab2 t JOIN r ON t.parent = r.id) INSERT INTO tab3 SELECT * FROM r", sources: ["tab1", "tab2"], targets: ["tab3"] },
  { name: "a qualified name that matches a CTE is still a table", dialect: "postgres", sql: "WITH tab1 AS (SELECT * FROM s.tab1) SELECT * FROM tab1", sources: ["s.tab1"], targets: [] },

  // CREATE
  { name: "create table as select", dialect: "postgres", sql: "CREATE TABLE tab1 AS SELECT * FROM tab2", sources: ["tab2"], targets: ["tab1"] },
  { name: "create table as select (Hive, stored as)", dialect: "hive", sql: "CREATE TABLE tab1 STORED AS ORC AS SELECT * FROM tab2 JOIN tab3 ON tab2.id = tab3.id", sources: ["tab2", "tab3"], targets: ["tab1"] },
  { name: "create table using … as select (Spark)", dialect: "spark", sql: "CREATE TABLE tab1 USING parquet AS SELECT * FROM tab2", sources: ["tab2"], targets: ["tab1"] },
  { name: "create table with properties as select (Trino)", dialect: "trino", sql: "CREATE TABLE IF NOT EXISTS hive.db.tab1 WITH (format = 'ORC') AS SELECT a FROM hive.db.tab2", sources: ["hive.db.tab2"], targets: ["hive.db.tab1"] },
  { name: "create table with columns writes from nothing", dialect: "postgres", sql: "CREATE TABLE tab1 (col1 int, col2 text)", sources: [], targets: ["tab1"] },
  { name: "create table like", dialect: "hive", sql: "CREATE TABLE tab1 LIKE tab2", sources: ["tab2"], targets: ["tab1"] },
  { name: "create view", dialect: "postgres", sql: "CREATE VIEW v1 AS SELECT a FROM tab1 WHERE b > 0", sources: ["tab1"], targets: ["v1"] },
  { name: "create or replace view (ANSI)", dialect: "ansi", sql: "CREATE OR REPLACE VIEW v1 AS SELECT * FROM tab1 JOIN tab2 ON tab1.id = tab2.id", sources: ["tab1", "tab2"], targets: ["v1"] },
  { name: "create materialized view", dialect: "postgres", sql: "CREATE MATERIALIZED VIEW mv1 AS SELECT count(*) FROM tab1", sources: ["tab1"], targets: ["mv1"] },

  // SELECT INTO, UPDATE, MERGE
  { name: "select into", dialect: "postgres", sql: "SELECT a, b INTO tab1 FROM tab2", sources: ["tab2"], targets: ["tab1"] },
  { name: "update from", dialect: "postgres", sql: "UPDATE tab1 SET a = tab2.a FROM tab2 WHERE tab1.id = tab2.id", sources: ["tab2"], targets: ["tab1"] },
  { name: "update with a join", dialect: "mysql", sql: "UPDATE tab1 a INNER JOIN tab2 b ON a.col1 = b.col1 SET a.col2 = b.col2", sources: ["tab2"], targets: ["tab1"] },
  { name: "update with a subquery", dialect: "ansi", sql: "UPDATE tab1 SET a = (SELECT max(a) FROM tab2 WHERE tab2.id = tab1.id)", sources: ["tab2"], targets: ["tab1"] },
  { name: "update with constants writes from nothing", dialect: "postgres", sql: "UPDATE tab1 SET a = 1 WHERE id = 2", sources: [], targets: ["tab1"] },
  { name: "merge from a table", dialect: "postgres", sql: "MERGE INTO tgt USING src ON tgt.id = src.id WHEN MATCHED THEN UPDATE SET a = src.a WHEN NOT MATCHED THEN INSERT (id, a) VALUES (src.id, src.a)", sources: ["src"], targets: ["tgt"] },
  { name: "merge from a subquery (Spark)", dialect: "spark", sql: "MERGE INTO db.tgt t USING (SELECT * FROM db.src1 JOIN db.src2 ON src1.id = src2.id) s ON t.id = s.id WHEN MATCHED THEN UPDATE SET t.a = s.a WHEN NOT MATCHED THEN INSERT (id, a) VALUES (s.id, s.a)", sources: ["db.src1", "db.src2"], targets: ["db.tgt"] },

  // names
  { name: "unquoted identifiers are lowercased", dialect: "postgres", sql: "INSERT INTO Sales.Orders SELECT * FROM Raw.ORDERS", sources: ["raw.orders"], targets: ["sales.orders"] },
  { name: "quoted identifiers are kept as written", dialect: "postgres", sql: 'INSERT INTO "Sales"."Orders" SELECT * FROM raw."Order Events"', sources: ["raw.Order Events"], targets: ["Sales.Orders"] },
  { name: "backquoted identifiers are kept as written", dialect: "hive", sql: "INSERT INTO `Db`.`Tab1` SELECT * FROM `Db`.tab2", sources: ["Db.tab2"], targets: ["Db.Tab1"] },
  { name: "three-part names", dialect: "trino", sql: "INSERT INTO cat.sch.tab1 SELECT * FROM cat.sch.tab2", sources: ["cat.sch.tab2"], targets: ["cat.sch.tab1"] },

  // scripts
  { name: "statements add up", dialect: "postgres", sql: "INSERT INTO tab1 SELECT * FROM tab2; INSERT INTO tab3 SELECT * FROM tab4;", sources: ["tab2", "tab4"], targets: ["tab1", "tab3"] },
  { name: "a table written then read is intermediate", dialect: "hive", sql: "INSERT OVERWRITE TABLE tab2 SELECT * FROM tab1; INSERT OVERWRITE TABLE tab3 SELECT * FROM tab2;", sources: ["tab1"], targets: ["tab3"] },
  { name: "a table created as select then read is intermediate", dialect: "postgres", sql: "CREATE TABLE tmp AS SELECT * FROM tab1; CREATE TABLE tab2 AS SELECT * FROM tmp;", sources: ["tab1"], targets: ["tab2"] },
  { name: "a temporary table created, read and dropped", dialect: "hive", sql: "CREATE TABLE tmp AS SELECT * FROM tab1; INSERT OVERWRITE TABLE tab2 SELECT * FROM tmp; DROP TABLE tmp;", sources: ["tab1"], targets: ["tab2"] },
  { name: "a table created then dropped yields nothing", dialect: "postgres", sql: "CREATE TABLE tmp (a int); DROP TABLE IF EXISTS tmp;", sources: [], targets: [] },
  { name: "a table created as select then dropped yields nothing", dialect: "postgres", sql: "CREATE TABLE tmp AS SELECT * FROM tab1; DROP TABLE tmp;", sources: [], targets: [] },
  { name: "dropping a table the script did not touch changes nothing", dialect: "postgres", sql: "INSERT INTO tab1 SELECT * FROM tab2; DROP TABLE tab9;", sources: ["tab2"], targets: ["tab1"] },
  { name: "a dropped source keeps its lineage", dialect: "postgres", sql: "INSERT INTO tab1 SELECT * FROM tab2; DROP TABLE tab2;", sources: ["tab2"], targets: ["tab1"] },
  { name: "after a rename only the new name counts", dialect: "hive", sql: "CREATE TABLE tab1 AS SELECT * FROM tab2; ALTER TABLE tab1 RENAME TO tab3;", sources: ["tab2"], targets: ["tab3"] },
  { name: "a rename keeps the schema of the renamed table", dialect: "postgres", sql: "INSERT INTO s.tab1 SELECT * FROM tab2; ALTER TABLE s.tab1 RENAME TO tab3;", sources: ["tab2"], targets: ["s.tab3"] },
  { name: "RENAME TABLE (MySQL)", dialect: "mysql", sql: "INSERT INTO tab1 SELECT * FROM tab2; RENAME TABLE tab1 TO tab3;", sources: ["tab2"], targets: ["tab3"] },
  { name: "a rename then a read of the new name is intermediate", dialect: "postgres", sql: "CREATE TABLE t1 AS SELECT * FROM s; ALTER TABLE t1 RENAME TO t2; INSERT INTO t3 SELECT * FROM t2;", sources: ["s"], targets: ["t3"] },
  { name: "a select after a write in a script reads the written table: intermediate", dialect: "postgres", sql: "INSERT INTO tab2 SELECT * FROM tab1; SELECT * FROM tab2;", sources: ["tab1"], targets: [] },
  { name: "statements that move no data add nothing", dialect: "postgres", sql: "DELETE FROM tab1 WHERE id = 1; TRUNCATE tab2; GRANT SELECT ON tab3 TO bob; INSERT INTO tab4 SELECT * FROM tab5;", sources: ["tab5"], targets: ["tab4"] },
  { name: "comments and blank statements are ignored", dialect: "postgres", sql: "-- load\nINSERT INTO tab1 /* all */ SELECT * FROM tab2;;\n", sources: ["tab2"], targets: ["tab1"] },
];

describe("SQL lineage, sqllineage-style cases", () => {
  it("covers at least 40 cases and the named dialects", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    const dialects = new Set(CASES.map((c) => c.dialect));
    for (const dialect of ["postgres", "hive", "spark", "trino", "ansi"] as const) expect(dialects).toContain(dialect);
  });

  it.each(CASES)("$name ($dialect)", ({ sql, dialect, sources, targets }) => {
    const lineage = analyseSql(sql, dialect);
    expect({ sources: lineage.sources, targets: lineage.targets }).toEqual({ sources, targets });
  });
});

describe("statements and flows", () => {
  it("lists each statement with its own reads and writes", () => {
    const lineage = analyseSql("CREATE TABLE tmp AS SELECT * FROM a; INSERT INTO b SELECT * FROM tmp JOIN c ON tmp.id = c.id; DELETE FROM b WHERE x = 1", "postgres");
    expect(lineage.statements).toEqual([
      { kind: "CreateTable", sources: ["a"], targets: ["tmp"], understood: true },
      { kind: "Insert", sources: ["c", "tmp"], targets: ["b"], understood: true },
      { kind: "Delete", sources: [], targets: [], understood: false },
    ]);
  });

  it("flows follow the data through intermediate tables, and only where it goes", () => {
    const lineage = analyseSql("INSERT INTO mid SELECT * FROM a; INSERT INTO out1 SELECT * FROM mid; INSERT INTO out2 SELECT * FROM b;", "postgres");
    expect(lineage.flows).toEqual([
      { source: "a", target: "out1" },
      { source: "b", target: "out2" },
    ]);
  });

  it("a self-referencing write has no self-flow", () => {
    expect(analyseSql("INSERT OVERWRITE TABLE t SELECT * FROM t JOIN s ON t.id = s.id", "hive").flows).toEqual([{ source: "s", target: "t" }]);
  });
});

describe("dialects and errors", () => {
  it("each dialect name maps to a parser dialect that parses a simple insert", () => {
    for (const dialect of SQL_DIALECT_NAMES) expect({ dialect, targets: analyseSql("INSERT INTO t SELECT a FROM s", dialect).targets }).toEqual({ dialect, targets: ["t"] });
  });

  it("the dialect matters: Hive's backquoted names are refused as Postgres", () => {
    expect(analyseSql("INSERT INTO t SELECT * FROM `s`", "hive").sources).toEqual(["s"]);
    expect(() => analyseSql("INSERT INTO t SELECT * FROM `s`", "postgres")).toThrow(SqlSyntaxError);
  });

  // the README lists these; when a parser upgrade reads them, these tests say so
  it("known limits of the parser: Delta's MERGE … SET * and Hive's multi-insert FROM … INSERT are refused", () => {
    expect(() => analyseSql("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET *", "spark")).toThrow(SqlSyntaxError);
    expect(() => analyseSql("FROM s INSERT OVERWRITE TABLE t1 SELECT a INSERT OVERWRITE TABLE t2 SELECT b", "hive")).toThrow(SqlSyntaxError);
  });

  it("unparseable SQL is an error with the parser's line, column and message", () => {
    let error: unknown;
    try {
      analyseSql("INSERT INTO t\nSELECT FROM WHERE = 1", "postgres");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SqlSyntaxError);
    const syntax = error as SqlSyntaxError;
    expect(syntax.line).toBe(2);
    expect(syntax.column).toBeGreaterThan(1);
    expect(syntax.message).toMatch(/^Expected/);
    expect(syntax.message).not.toMatch(/Line:/);
  });
});
