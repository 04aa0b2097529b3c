// POST /api/v1/admission: `zoneline admit` over HTTP for a pipeline's pre-task
// step. Answers exactly what the CLI prints, plus the checkId of its audit entry.
import { AdmissionRequestBody, formatIssues } from "@/lib/admission/request-schema";
import { checkAdmission } from "@/server/admission/check-admission";
import { requireApiCaller } from "@/server/auth/api-caller";
import { AppError } from "@/server/errors";
import { MiB, readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/respond";

export const dynamic = "force-dynamic";

// a request names a job and its inputs; 1 MiB is thousands of inputs
const BODY_LIMIT = 1 * MiB;

export async function POST(request: Request) {
  return respond(request, async () => {
    const caller = await requireApiCaller(request, { scope: "admission", permission: "read" });
    const parsed = AdmissionRequestBody.safeParse(await readJsonBody(request, BODY_LIMIT));
    if (!parsed.success) {
      const details = formatIssues(parsed.error.issues);
      throw new AppError("UNPROCESSABLE", details[0], details);
    }
    return checkAdmission({ caller: caller.name, request: parsed.data });
  });
}
