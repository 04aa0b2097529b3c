// POST /api/v1/evidence/verify[?against=live]: checks an evidence bundle sent
// as the request body (application/zip, at most 200 MiB) and answers the
// verifier's findings (README, "Evidence bundle"); anyone who may read. A body
// that is not a ZIP is a finding (not_a_zip), not a request error: the
// answer is about the file.
import { VerifyBundleQuery } from "@/lib/evidence/verify-query";
import { requireApiCaller } from "@/server/auth/api-caller";
import { verifyUploadedBundle } from "@/server/evidence/verify-uploaded-bundle";
import { parseQuery, respond } from "@/server/http/respond";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return respond(request, async () => {
    await requireApiCaller(request, { scope: "read", permission: "read" });
    const query = parseQuery(VerifyBundleQuery, new URL(request.url).searchParams);
    const declared = request.headers.get("content-length");
    return verifyUploadedBundle({ body: request.body, declaredBytes: declared === null ? null : Number(declared), againstLive: query.against === "live" });
  });
}
