// SQL parsing throughput (issue "Pipelines", point 3): statements per second
// through analyseSql (the WASM parser plus Zoneline's AST walk and script
// combination) over a generated corpus of pipeline-shaped statements (INSERT …
// SELECT with joins and subqueries, CTAS, CTEs, MERGE, UPDATE … FROM), one
// statement per call and as one script. Baselines from the same run: the
// parser alone on the same statements (what the walk adds), the parser on a
// trivial `SELECT 1` (the fixed cost of one WASM call), and JSON.parse of a
// JSON text of the same length (a native parser's speed on as many bytes).
// Rates are per CPU second of this process.
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

// CPU time, not wall time: on a shared two-core machine the wall clock mostly measures the neighbours
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Units per CPU second of one timed stretch of `work`. */
function rate(work: () => void, units: number, minMs: number): number {
  let rounds = 0;
  const start = cpuMs();
  while (cpuMs() - start < minMs || rounds === 0) {
    work();
    rounds++;
  }
  return (units * 1000 * rounds) / (cpuMs() - start);
}

/**
 * The best of several stretches per measure, the measures taken in turn, so
 * that a neighbour's burst or a garbage collection slows one stretch and not
 * one measure.
 */
function bestRates(measures: Record<string, () => void>, units: number, { stretches = 5, minMs = 400 } = {}): Record<string, number> {
  const best: Record<string, number> = {};
  for (const [name, work] of Object.entries(measures)) {
    work(); // warm-up
    best[name] = 0;
  }
  for (let i = 0; i < stretches; i++) for (const [name, work] of Object.entries(measures)) best[name] = Math.max(best[name], rate(work, units, minMs));
  for (const name of Object.keys(best)) best[name] = Math.round(best[name]);
  return best;
}

export async function benchSqlLineage({ statements = 1_000 } = {}): Promise<Record<string, unknown>> {
  await loadSqlParser();
  const corpus = generateCorpus(statements);
  const script = corpus.join(";\n");
  const averageChars = Math.round(script.length / statements);
  const jsonOfSameSize = corpus.map((sql) => JSON.stringify({ sql: sql.slice(0, sql.length - 10) }));

  const rates = bestRates(
    {
      lineage: () => {
        for (const sql of corpus) analyseSql(sql, "hive");
      },
      asScript: () => analyseSql(script, "hive"),
      parserOnly: () => {
        for (const sql of corpus) parse(sql, "hive");
      },
      trivial: () => {
        for (let i = 0; i < statements; i++) parse("SELECT 1", "hive");
      },
      json: () => {
        for (const text of jsonOfSameSize) JSON.parse(text);
      },
    },
    statements,
  );

  const result = {
    statements,
    averageChars,
    lineageStatementsPerSecond: rates.lineage,
    lineageAsOneScriptStatementsPerSecond: rates.asScript,
    parserOnlyStatementsPerSecond: rates.parserOnly,
    trivialSelectPerSecond: rates.trivial,
    jsonParseSameSizePerSecond: rates.json,
    // how many times longer a lineage call takes than each baseline (the first: what the walk adds to the parse)
    lineageOverParserOnly: +(rates.parserOnly / rates.lineage).toFixed(2),
    lineageOverTrivialSelect: +(rates.trivial / rates.lineage).toFixed(1),
    lineageOverJsonParse: +(rates.json / rates.lineage).toFixed(1),
  };
  console.log(JSON.stringify(result, null, 2));
  return result;
}
