// SQL lineage: which tables a SQL text reads and writes, with the semantics of
// the established tool sqllineage (reata/sqllineage). Parsing is DataFusion's
// sqlparser-rs compiled to WASM; this module only walks its AST. Pure
// TypeScript: the route, the CLI and the benchmark share it.
import { init, parse, ParserError } from "@guanmingchiu/sqlparser-ts";

/**
 * The dialects Zoneline accepts, mapped to the parser's. The parser has no
 * Trino dialect: its generic dialect is a superset that reads Trino's syntax
 * (WITH (...) table properties, UNNEST, lambdas) where strict ANSI refuses some.
 */
export const SQL_DIALECTS = {
  postgres: "postgresql",
  postgresql: "postgresql",
  hive: "hive",
  spark: "spark",
  sparksql: "spark",
  databricks: "databricks",
  trino: "generic",
  ansi: "ansi",
  generic: "generic",
  mysql: "mysql",
  bigquery: "bigquery",
  snowflake: "snowflake",
  redshift: "redshift",
  mssql: "mssql",
  duckdb: "duckdb",
  sqlite: "sqlite",
} as const;

export type SqlDialect = keyof typeof SQL_DIALECTS;
export const SQL_DIALECT_NAMES = Object.keys(SQL_DIALECTS) as SqlDialect[];

export interface StatementLineage {
  /** the parser's statement kind: Insert, Query, CreateTable, CreateView, Update, Merge, Drop, AlterTable, … */
  kind: string;
  sources: string[];
  targets: string[];
  /** false for statements that move no data between tables (DELETE, TRUNCATE, GRANT, …): they add nothing */
  understood: boolean;
}

export interface SqlLineage {
  statements: StatementLineage[];
  sources: string[];
  targets: string[];
  /** source → target pairs where data flows (through the script's intermediate tables); no self-pairs */
  flows: { source: string; target: string }[];
}

/** SQL the parser refuses, with where it stopped (1-based, as the parser counts). */
export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(message);
  }
}

let ready: Promise<void> | null = null;
let loaded = false;

/** Loads the WASM parser once per process; every call after the first is free. */
export async function loadSqlParser(): Promise<void> {
  ready ??= init().then(() => {
    loaded = true;
  });
  await ready;
}

/** Loads the parser if needed, then analyses. */
export async function sqlLineage(sql: string, dialect: SqlDialect): Promise<SqlLineage> {
  await loadSqlParser();
  return analyseSql(sql, dialect);
}

/** The synchronous core, for callers that awaited loadSqlParser() (the benchmark's loop). */
export function analyseSql(sql: string, dialect: SqlDialect): SqlLineage {
  if (!loaded) throw new Error("call loadSqlParser() first");
  const statements = parseStatements(sql, dialect).map(analyseStatement);
  return { statements: statements.map((s) => s.lineage), ...combine(statements) };
}

function parseStatements(sql: string, dialect: SqlDialect): Json[] {
  try {
    return parse(sql, SQL_DIALECTS[dialect]) as unknown as Json[];
  } catch (error) {
    if (!(error instanceof ParserError)) throw error;
    // the parser puts the position in its message ("… at Line: 2, Column: 6"); location is often unset
    const text = error.message.replace(/^sql parser error:\s*/i, "");
    const at = /\s*at Line: (\d+), Column: (\d+)\s*$/.exec(text);
    const line = error.location?.line ?? (at ? Number(at[1]) : null);
    const column = error.location?.column ?? (at ? Number(at[2]) : null);
    throw new SqlSyntaxError(at ? text.slice(0, at.index) : text, line, column);
  }
}

// ------------------------------------------------------------------ one statement

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

interface Analysed {
  lineage: StatementLineage;
  reads: Set<string>;
  writes: Set<string>;
  drops: string[];
  renames: [string, string][];
}

// Statements that can move data between tables; every other kind is listed but adds nothing.
const DATA_STATEMENTS = new Set(["Query", "Insert", "CreateTable", "CreateView", "Update", "Merge", "Drop", "AlterTable", "RenameTable"]);

/**
 * A table name as the SQL wrote it: every part kept (schema-qualified where
 * the SQL qualifies it), unquoted parts lowercased (SQL folds them), quoted
 * parts exactly as written.
 */
function tableName(parts: Json | undefined): string | null {
  if (!Array.isArray(parts) || parts.length === 0) return null;
  const names: string[] = [];
  for (const part of parts) {
    const ident = isObject(part) && isObject(part.Identifier) ? part.Identifier : isObject(part) ? part : null;
    if (!ident || typeof ident.value !== "string") return null;
    names.push(typeof ident.quote_style === "string" ? ident.value : ident.value.toLowerCase());
  }
  return names.join(".");
}

const identName = (ident: Json | undefined): string | null =>
  isObject(ident) && typeof ident.value === "string" ? (typeof ident.quote_style === "string" ? ident.value : ident.value.toLowerCase()) : null;

function analyseStatement(statement: Json): Analysed {
  const kind = isObject(statement) ? Object.keys(statement)[0] : String(statement);
  const body = isObject(statement) ? statement[kind] : null;
  const reads = new Set<string>();
  const writes = new Set<string>();
  const drops: string[] = [];
  const renames: [string, string][] = [];
  const understood = DATA_STATEMENTS.has(kind);

  if (understood) {
    // nodes that name a written table in the shape of a read (UPDATE's and MERGE's target)
    const targetsInReadShape = new Set<JsonObject>();
    const cteNames = new Set<string>();
    const tableFactors: JsonObject[] = [];

    const visit = (node: Json): void => {
      if (Array.isArray(node)) {
        for (const item of node) visit(item);
        return;
      }
      if (!isObject(node)) return;
      if (Array.isArray(node.cte_tables)) {
        for (const cte of node.cte_tables) if (isObject(cte) && isObject(cte.alias)) addName(cteNames, identName(cte.alias.name));
      }
      // for…in rather than Object.entries: this loop runs for every node of the AST (about 450 for a plain INSERT … SELECT)
      for (const childKey in node) {
        // source positions are a good part of the AST and never name a table
        if (childKey === "span") continue;
        const child = node[childKey];
        if (!isObject(child)) {
          visit(child);
          continue;
        }
        switch (childKey) {
          case "Table":
            // a table factor; one with arguments is a table function (generate_series(…)), not a table
            if (Array.isArray(child.name) && (child.args === undefined || child.args === null)) tableFactors.push(child);
            break;
          case "Insert":
            // INSERT [OVERWRITE] … and WITH … INSERT (a statement nested in a query body)
            if (isObject(child.table)) addName(writes, tableName(child.table.TableName));
            break;
          case "Update":
            if (isObject(child.table) && isObject(child.table.relation) && isObject(child.table.relation.Table)) {
              targetsInReadShape.add(child.table.relation.Table);
              addName(writes, tableName(child.table.relation.Table.name));
            }
            break;
          case "Merge":
            if (isObject(child.table) && isObject(child.table.Table)) {
              targetsInReadShape.add(child.table.Table);
              addName(writes, tableName(child.table.Table.name));
            }
            break;
          case "CreateTable":
          case "CreateView":
            addName(writes, tableName(child.name));
            // CREATE TABLE t LIKE s / (LIKE s) / CLONE s: t takes s's shape, as sqllineage reads it
            if (isObject(child.like)) for (const like of Object.values(child.like)) if (isObject(like)) addName(reads, tableName(like.name));
            if (Array.isArray(child.clone)) addName(reads, tableName(child.clone));
            break;
          case "Drop":
            if (child.object_type === "Table" || child.object_type === "View" || child.object_type === "MaterializedView") {
              if (Array.isArray(child.names)) for (const name of child.names) addName(drops, tableName(name));
            }
            break;
          case "AlterTable": {
            const from = tableName(child.name);
            if (from && Array.isArray(child.operations)) {
              for (const op of child.operations) {
                const rename = isObject(op) && isObject(op.RenameTable) && isObject(op.RenameTable.table_name) ? op.RenameTable.table_name : null;
                const to = rename ? tableName(rename.To ?? rename.As) : null;
                if (to) renames.push([from, qualifyLike(from, to)]);
              }
            }
            break;
          }
          case "into":
            // SELECT … INTO new_table
            if (Array.isArray(child.name)) addName(writes, tableName(child.name));
            break;
        }
        visit(child);
      }
    };
    visit(statement);

    if (kind === "RenameTable" && Array.isArray(body)) {
      for (const pair of body) {
        if (!isObject(pair)) continue;
        const from = tableName(pair.old_name);
        const to = tableName(pair.new_name);
        if (from && to) renames.push([from, to]);
      }
    }
    for (const factor of tableFactors) {
      if (targetsInReadShape.has(factor)) continue;
      const name = tableName(factor.name);
      // a CTE is named by one unqualified identifier; a qualified name is always a table
      if (name && !((factor.name as Json[]).length === 1 && cteNames.has(name))) reads.add(name);
    }
  }

  return {
    lineage: { kind, sources: [...reads].sort(), targets: [...writes].sort(), understood },
    reads,
    writes,
    drops,
    renames,
  };
}

function addName(into: Set<string> | string[], name: string | null): void {
  if (name === null) return;
  if (Array.isArray(into)) into.push(name);
  else into.add(name);
}

/** `ALTER TABLE db.a RENAME TO b` keeps b in db (Hive, Spark and Postgres agree). */
function qualifyLike(from: string, to: string): string {
  if (to.includes(".")) return to;
  const dot = from.lastIndexOf(".");
  return dot < 0 ? to : `${from.slice(0, dot)}.${to}`;
}

// ------------------------------------------------------------------ the script

/**
 * Combines statements as sqllineage does: each statement's reads flow into
 * its writes; a table both written and read inside the script is
 * intermediate and is in neither set (except a self-referencing write, such as
 * INSERT OVERWRITE t … FROM t, which is in both); a DROP removes a table that
 * nothing in the script read from (so a table created then dropped yields
 * nothing); a RENAME carries the table's lineage to its new name.
 */
function combine(statements: Analysed[]): Omit<SqlLineage, "statements"> {
  const out = new Map<string, Set<string>>();
  const into = new Map<string, Set<string>>();
  const readOnly = new Set<string>(); // read by a statement that writes nothing (a SELECT)
  const writeOnly = new Set<string>(); // written from nothing (CREATE TABLE (…), INSERT … VALUES)
  const nodes = new Set<string>();
  const edgeSet = (map: Map<string, Set<string>>, key: string) => map.get(key) ?? map.set(key, new Set()).get(key)!;
  const addEdge = (from: string, to: string) => {
    nodes.add(from).add(to);
    edgeSet(out, from).add(to);
    edgeSet(into, to).add(from);
  };
  const removeNode = (name: string) => {
    for (const to of out.get(name) ?? []) into.get(to)?.delete(name);
    for (const from of into.get(name) ?? []) out.get(from)?.delete(name);
    out.delete(name);
    into.delete(name);
    nodes.delete(name);
    readOnly.delete(name);
    writeOnly.delete(name);
  };

  for (const { reads, writes, drops, renames } of statements) {
    if (reads.size > 0 && writes.size === 0) for (const name of reads) nodes.add(name), readOnly.add(name);
    if (reads.size === 0 && writes.size > 0) for (const name of writes) nodes.add(name), writeOnly.add(name);
    for (const from of reads) for (const to of writes) addEdge(from, to);
    for (const name of drops) {
      if (!nodes.has(name)) continue;
      const readFrom = [...(out.get(name) ?? [])].some((to) => to !== name);
      if (readFrom) continue;
      const feeders = [...(into.get(name) ?? [])];
      removeNode(name);
      // a table that only fed the dropped one has no lineage left
      for (const feeder of feeders) if (isIsolated(feeder)) removeNode(feeder);
    }
    for (const [from, to] of renames) {
      if (!nodes.has(from) || from === to) continue;
      const outs = [...(out.get(from) ?? [])];
      const ins = [...(into.get(from) ?? [])];
      const wasReadOnly = readOnly.has(from);
      const wasWriteOnly = writeOnly.has(from);
      removeNode(from);
      nodes.add(to);
      for (const target of outs) addEdge(to, target === from ? to : target);
      for (const source of ins) if (source !== from) addEdge(source, to);
      if (wasReadOnly) readOnly.add(to);
      if (wasWriteOnly) writeOnly.add(to);
    }
  }

  function isIsolated(name: string): boolean {
    return (out.get(name)?.size ?? 0) === 0 && (into.get(name)?.size ?? 0) === 0 && !readOnly.has(name) && !writeOnly.has(name);
  }

  const selfLoop = (name: string) => out.get(name)?.has(name) ?? false;
  const otherCount = (map: Map<string, Set<string>>, name: string) => [...(map.get(name) ?? [])].filter((n) => n !== name).length;
  const isRead = (name: string) => otherCount(out, name) > 0 || readOnly.has(name);
  const isWritten = (name: string) => otherCount(into, name) > 0 || writeOnly.has(name);
  const sources = [...nodes].filter((n) => selfLoop(n) || (isRead(n) && !isWritten(n))).sort();
  const targets = [...nodes].filter((n) => selfLoop(n) || (isWritten(n) && !isRead(n))).sort();

  // flows: every target reachable from a source, through intermediate tables
  const targetSet = new Set(targets);
  const flows: { source: string; target: string }[] = [];
  for (const source of sources) {
    const seen = new Set<string>([source]);
    const queue = [source];
    while (queue.length) {
      for (const next of out.get(queue.shift()!) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
        if (targetSet.has(next)) flows.push({ source, target: next });
      }
    }
  }
  flows.sort((a, b) => (a.source === b.source ? cmp(a.target, b.target) : cmp(a.source, b.source)));
  return { sources, targets, flows };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
