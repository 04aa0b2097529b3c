// GET /api/v1/evidence/ropa?format=csv|xlsx&zones=…: the record of processing
// activities (GDPR Art. 30(1)) as a download. Exports need `evidence.export`
// (privacy reviewers, legal); a token needs the `read` scope. Every download is
// one audit entry with the file's sha256 (also sent as X-Zoneline-Sha256).
import { attachmentDisposition, RopaExportQuery } from "@/lib/evidence/export-queries";
import { requireApiCaller } from "@/server/auth/api-caller";
import { exportRecordOfProcessing } from "@/server/evidence/export-record-of-processing";
import { parseQuery, respond } from "@/server/http/respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return respond(request, async () => {
    const caller = await requireApiCaller(request, { scope: "read", permission: "evidence.export" });
    const { format, ...scope } = parseQuery(RopaExportQuery, new URL(request.url).searchParams);
    const file = await exportRecordOfProcessing(caller, { format, scope });
    return new Response(new Uint8Array(file.body), {
      headers: { "content-type": file.contentType, "content-disposition": attachmentDisposition(file.filename), "content-length": String(file.bytes), "x-zoneline-sha256": file.sha256 },
    });
  });
}
