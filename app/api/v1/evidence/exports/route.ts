// GET /api/v1/evidence/exports: the recent evidence exports with their status
// and progress (the Audit page polls it while one runs).
// POST /api/v1/evidence/exports: starts one ({kind: "report.pdf", from, to,
// zones, paperSize}); 202 with the queued export, made in the background.
// Evidence is for privacy reviewers and legal (permission evidence.export);
// pipelines use a token with the `read` scope.
import { AppError } from "@/server/errors";
import { requireApiCaller } from "@/server/auth/api-caller";
import { listEvidenceExports } from "@/server/evidence/exports/list-evidence-exports";
import { requestEvidenceExport } from "@/server/evidence/exports/request-evidence-export";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/respond";

export const dynamic = "force-dynamic";

const BODY_LIMIT = 64 * 1024;

export async function GET(request: Request) {
  return respond(request, async () => {
    await requireApiCaller(request, { scope: "read", permission: "evidence.export" });
    return { exports: await listEvidenceExports() };
  });
}

export async function POST(request: Request) {
  return respond(request, async () => {
    const caller = await requireApiCaller(request, { scope: "read", permission: "evidence.export" });
    const body = await readJsonBody(request, BODY_LIMIT);
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("INVALID_REQUEST", "body: expected a JSON object {kind, from, to, zones, paperSize}");
    const started = await requestEvidenceExport(caller.kind === "session" ? caller.actor : { system: caller.name }, { input: body as Record<string, unknown> });
    return Response.json({ export: started }, { status: 202 });
  });
}
