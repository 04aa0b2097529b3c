// zoneline lineage sql FILE.sql --dialect D --namespace N [--job J] [--dry-run]:
// the same use case as POST /api/v1/lineage/sql, on the database `zoneline import` writes to.
import { readFile } from "node:fs/promises";
import { SQL_DIALECT_NAMES, sqlLineage, SqlSyntaxError } from "../../lib/lineage/sql-lineage.ts";
import { describeIssues, SqlLineageRequest } from "../../lib/lineage/sql-lineage-request.ts";
import { parseArgs, single, UsageError } from "./shared.ts";

const USAGE = `usage: zoneline lineage sql FILE.sql --dialect D --namespace N [--job J] [--dry-run]

Reads the tables the SQL reads and writes and records them as assets of namespace N
with lineage edges (signal sql): source → J → target with --job, source → target
without. --dry-run prints what it found and records nothing.
Dialects: ${SQL_DIALECT_NAMES.join(", ")}.
Exit 0 recorded (or dry run), 2 invalid input (including SQL that does not parse), 3 internal error.`;

export async function run(argv: string[]): Promise<number> {
  if (argv[0] === "openlineage") {
    const { OPENLINEAGE_USAGE, runOpenLineage } = await import("./lineage-openlineage.ts");
    if (argv.includes("--help")) {
      console.log(OPENLINEAGE_USAGE);
      return 0;
    }
    return runOpenLineage(argv.slice(1));
  }
  if (argv.includes("--help")) {
    console.log(USAGE);
    return 0;
  }
  let request: SqlLineageRequest;
  let file: string;
  try {
    const [sub, ...rest] = argv;
    if (sub !== "sql") throw new UsageError(sub === undefined ? "which lineage? (sql or openlineage)" : `unknown lineage source "${sub}" (expected sql or openlineage)`);
    const args = parseArgs(rest, ["dialect", "namespace", "job"], ["dry-run"]);
    if (args.positional.length !== 1) throw new UsageError("give exactly one SQL file");
    file = args.positional[0];
    let sql: string;
    try {
      sql = await readFile(file, "utf8");
    } catch (error) {
      throw new UsageError(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = SqlLineageRequest.safeParse({
      sql,
      dialect: single(args, "dialect"),
      namespace: single(args, "namespace"),
      job: single(args, "job") ?? null,
      dryRun: args.options.has("dry-run"),
    });
    if (!parsed.success) throw new UsageError(describeIssues(parsed.error).map((issue) => issue.replace(/^sql:/, `${file}:`).replace(/^(dialect|namespace|job):/, "--$1:")).join("\n"));
    request = parsed.data;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`zoneline lineage: ${error.message}\n\n${USAGE}`);
    return 2;
  }

  // the data layer loads only here, so --help, bad flags and SQL that does not parse answer without a database
  const { reportCliError } = await import("../report-error.ts");
  try {
    await sqlLineage(request.sql, request.dialect);
    const [{ withDatabase }, { recordSqlLineage }] = await Promise.all([import("@/server/db/session"), import("@/server/lineage/record-sql-lineage")]);
    const actor = `cli:${process.env.USER ?? "unknown"}`;
    const answer = await withDatabase(() => recordSqlLineage({ actor, request, evaluate: "wait" }));
    console.log(describeAnswer(file, answer));
    return 0;
  } catch (error) {
    if (error instanceof SqlSyntaxError) {
      console.error(`${file}:${error.line ?? "?"}:${error.column ?? "?"}: ${error.message}`);
      return 2;
    }
    return reportCliError(error);
  }
}

function describeAnswer(file: string, answer: Awaited<ReturnType<typeof import("@/server/lineage/record-sql-lineage").recordSqlLineage>>): string {
  const list = (names: string[]) => (names.length ? names.join(", ") : "none");
  const lines = [
    `${file}: ${answer.statements.length} statement${answer.statements.length === 1 ? "" : "s"}; reads ${list(answer.sources)}; writes ${list(answer.targets)}.`,
  ];
  for (const edge of answer.edges) lines.push(`  ${edge.from} → ${edge.to}${edge.created ? " (new, unreviewed)" : " (known, signal sql)"}`);
  const createdAssets = answer.assets.filter((asset) => asset.created);
  if (answer.dryRun) lines.push(`dry run: nothing recorded (${createdAssets.length} asset${createdAssets.length === 1 ? "" : "s"} would be created).`);
  else if (answer.worldVersion === null) lines.push("nothing to record: the SQL names no table.");
  else lines.push(`recorded as world version ${answer.worldVersion}: ${createdAssets.length} asset${createdAssets.length === 1 ? "" : "s"} created, ${answer.edges.filter((e) => e.created).length} edge${answer.edges.filter((e) => e.created).length === 1 ? "" : "s"} created, ${answer.edges.filter((e) => !e.created).length} updated; evaluated.`);
  return lines.join("\n");
}
