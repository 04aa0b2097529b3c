// SQL parsing throughput (issue "Pipelines", point 3): statements per second
// through analyseSql (the WASM parser plus Zoneline's AST walk and script
// combination) over a generated corpus of pipeline-shaped statements (INSERT …
// SELECT with joins and subqueries, CTAS, CTEs, MERGE, UPDATE … FROM), one
// statement per call and as one script. Baselines from the same run: the
// parser alone on the same statements (what the walk adds), the parser on a
// trivial `SELECT 1` (the fixed cost of one WASM call), and JSON.parse of a
// JSON text of the same length (a native parser's speed on as many bytes).
import { parse } from "@guanmingchiu/sqlparser-ts";
import { analyseSql, loadSqlParser } from "../lib/lineage/sql-lineage.ts";
import { prng } from "../lib/random.ts";

function generateCorpus(count: number, seed = 7): string[] {
  const random = prng(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const table = () => `${pick(["raw", "stage", "marts", "ml"])}.${pick(["events", "users", "orders", "sessions", "clicks", "payments"])}_${Math.floor(random() * 500)}`;
  const columns = () => Array.from({ length: 2 + Math.floor(random() * 6) }, (_, i) => `t.col_${i} AS c${i}`).join(", ");
  const shapes = [
    () => `INSERT INTO ${table()} SELECT ${columns()} FROM ${table()} t JOIN ${table()} u ON t.id = u.id WHERE t.day = '2026-01-01' AND u.country IN ('DE', 'FR')`,
    () => `INSERT OVERWRITE TABLE ${table()} SELECT ${columns()}, count(*) AS n FROM ${table()} t WHERE t.id IN (SELECT id FROM ${table()} WHERE active) GROUP BY 1, 2`,
    () => `CREATE TABLE ${table()} AS SELECT ${columns()} FROM ${table()} t LEFT JOIN ${table()} v ON t.id = v.id`,
    () => `WITH a AS (SELECT * FROM ${table()}), b AS (SELECT a.*, x.v FROM a JOIN ${table()} x ON a.id = x.id) INSERT INTO ${table()} SELECT * FROM b`,
    () => `MERGE INTO ${table()} t USING (SELECT * FROM ${table()}) s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)`,
    () => `UPDATE ${table()} SET v = s.v FROM ${table()} s WHERE ${"id"} = s.id`,
  ];
  return Array.from({ length: count }, () => pick(shapes)());
}

function rate(work: () => void, units: number, minMs = 1_500): { perSecond: number; ms: number } {
  work(); // warm-up
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < minMs || rounds === 0) {
    work();
    rounds++;
  }
  const ms = (performance.now() - start) / rounds;
  return { perSecond: Math.round((units * 1000) / ms), ms: +ms.toFixed(2) };
}

export async function benchSqlLineage({ statements = 1_000 } = {}): Promise<Record<string, unknown>> {
  await loadSqlParser();
  const corpus = generateCorpus(statements);
  const script = corpus.join(";\n");
  const averageChars = Math.round(script.length / statements);
  const jsonOfSameSize = corpus.map((sql) => JSON.stringify({ sql: sql.slice(0, sql.length - 10) }));

  const lineage = rate(() => {
    for (const sql of corpus) analyseSql(sql, "hive");
  }, statements);
  const asScript = rate(() => analyseSql(script, "hive"), statements);
  const parserOnly = rate(() => {
    for (const sql of corpus) parse(sql, "hive");
  }, statements);
  const trivial = rate(() => {
    for (let i = 0; i < statements; i++) parse("SELECT 1", "hive");
  }, statements);
  const json = rate(() => {
    for (const text of jsonOfSameSize) JSON.parse(text);
  }, statements);

  const result = {
    statements,
    averageChars,
    lineageStatementsPerSecond: lineage.perSecond,
    lineageAsOneScriptStatementsPerSecond: asScript.perSecond,
    parserOnlyStatementsPerSecond: parserOnly.perSecond,
    trivialSelectPerSecond: trivial.perSecond,
    jsonParseSameSizePerSecond: json.perSecond,
    // how much of a lineage call is the walk and combination rather than the parse
    walkShareOfLineage: +Math.max(0, (lineage.ms - parserOnly.ms) / lineage.ms).toFixed(2),
    // how many times longer a lineage call takes than each baseline
    lineageOverTrivialSelect: +(trivial.perSecond / lineage.perSecond).toFixed(1),
    lineageOverJsonParse: +(json.perSecond / lineage.perSecond).toFixed(1),
  };
  console.log(JSON.stringify(result, null, 2));
  return result;
}
