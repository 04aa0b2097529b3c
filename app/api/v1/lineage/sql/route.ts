// POST /api/v1/lineage/sql: SQL text → the tables it reads and writes, recorded
// as assets and lineage edges with signal `sql` (README "SQL lineage").
import { SqlSyntaxError } from "@/lib/lineage/sql-lineage";
import { describeIssues, MAX_SQL_BODY_BYTES, SqlLineageRequest } from "@/lib/lineage/sql-lineage-request";
import { requireApiCaller } from "@/server/auth/api-caller";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http/respond";
import { readJsonBody } from "@/server/http/read-json-body";
import { recordSqlLineage } from "@/server/lineage/record-sql-lineage";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return respond(request, async () => {
    const caller = await requireApiCaller(request, { scope: "ingest", permission: "path.request" });
    const parsed = SqlLineageRequest.safeParse(await readJsonBody(request, MAX_SQL_BODY_BYTES));
    if (!parsed.success) throw new AppError("UNPROCESSABLE", "the request breaks the rules of POST /api/v1/lineage/sql", describeIssues(parsed.error));
    try {
      const answer = await recordSqlLineage({ actor: caller.name, request: parsed.data, evaluate: "background" });
      return Response.json(answer, { status: parsed.data.dryRun ? 200 : 201 });
    } catch (error) {
      if (!(error instanceof SqlSyntaxError)) throw error;
      const where = error.line !== null ? `line ${error.line}, column ${error.column}: ` : "";
      return Response.json(
        { error: "SQL_SYNTAX", message: `sql does not parse as ${parsed.data.dialect}: ${where}${error.message}`, line: error.line, column: error.column, parserMessage: error.message, details: [`sql: ${where}${error.message}`] },
        { status: 400 },
      );
    }
  });
}
