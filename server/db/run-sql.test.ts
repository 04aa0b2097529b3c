// The statement helpers that let a writer cut round trips: several writes as
// one statement (combineWrites), locks with BEGIN and the last write with
// COMMIT (inPgTransaction), parameters written in as literals for the latter
// (withInlinedParameters). Against a real database: the values must come back
// exactly as the parameter protocol would have sent them.
import { describe, expect, it } from "vitest";
import { databasePool } from "@/server/db";
import { useTestDatabase } from "@/test/use-database";
import { combineWrites, EndingWith, inPgTransaction, pgSql, withInlinedParameters } from "./run-sql";

useTestDatabase("run_sql");

const TRICKY = ["it's", 'a "quoted" \\ backslash', "$zl$ a dollar tag", "ends with a tag start $zl", "$zl_$ $zl__$", "tab\there\nnewline", "ünïcødé ☃ 🦀", ""];

describe("statement helpers", () => {
  it("inlined parameters read back as the parameters themselves", async () => {
    const sql = pgSql(databasePool());
    const statement = {
      text: `SELECT $1::text AS "text", $2::text[] AS "array", $3::jsonb AS "json", $4::int AS "number", $5::text AS "missing", $6::timestamptz AS "at", $7::boolean AS "flag"`,
      params: [TRICKY.join(" | "), [...TRICKY, null], JSON.stringify({ values: TRICKY, nested: { n: 1.5 } }), 42, null, new Date("2026-11-30T09:15:00.123Z"), true],
    };
    const [viaParameters] = await sql(statement.text, statement.params);
    const [{ rows }] = [await databasePool().query(withInlinedParameters(statement))];
    expect(rows[0]).toEqual(viaParameters);
    expect((viaParameters as { array: (string | null)[] }).array).toEqual([...TRICKY, null]);
  });

  it("combined writes run once each, with their parameters renumbered", async () => {
    const sql = pgSql(databasePool());
    await sql(`CREATE TABLE zl_test_a (v text)`, []);
    await sql(`CREATE TABLE zl_test_b (v text, n int)`, []);
    const combined = combineWrites([
      { text: `INSERT INTO zl_test_a (v) SELECT unnest($1::text[])`, params: [["a1", "a2"]] },
      { text: `INSERT INTO zl_test_b (v, n) VALUES ($1, $2), ($3, $2)`, params: ["b1", 7, "b2"] },
    ]);
    expect(combined.params).toHaveLength(4);
    await sql(combined.text, combined.params);
    expect((await sql<{ v: string }>(`SELECT v FROM zl_test_a ORDER BY v`, [])).map((r) => r.v)).toEqual(["a1", "a2"]);
    expect(await sql(`SELECT v, n FROM zl_test_b ORDER BY v`, [])).toEqual([{ v: "b1", n: 7 }, { v: "b2", n: 7 }]);
  });

  it("a last write sent with COMMIT commits with the rest; a failing one leaves nothing of the transaction", async () => {
    const sql = pgSql(databasePool());
    await sql(`CREATE TABLE zl_test_c (v text PRIMARY KEY)`, []);
    const opened = await inPgTransaction(async (client, [[lock]]) => {
      await client.query(`INSERT INTO zl_test_c (v) VALUES ('first')`);
      return new EndingWith(lock, { text: `INSERT INTO zl_test_c (v) VALUES ($1)`, params: ["it's the last"] });
    }, [`SELECT 5 AS "five"`]);
    expect(opened).toEqual({ five: 5 });
    expect((await sql<{ v: string }>(`SELECT v FROM zl_test_c ORDER BY v`, [])).map((r) => r.v)).toEqual(["first", "it's the last"]);
    await expect(
      inPgTransaction(async (client) => {
        await client.query(`INSERT INTO zl_test_c (v) VALUES ('second')`);
        return new EndingWith(null, { text: `INSERT INTO zl_test_c (v) VALUES ($1)`, params: ["first"] }); // a duplicate key
      }),
    ).rejects.toThrow(/duplicate key/);
    expect((await sql<{ v: string }>(`SELECT v FROM zl_test_c ORDER BY v`, [])).map((r) => r.v)).toEqual(["first", "it's the last"]);
    // the connection went back to the pool in a usable state
    expect(await sql(`SELECT 1 AS "one"`, [])).toEqual([{ one: 1 }]);
  });
});
