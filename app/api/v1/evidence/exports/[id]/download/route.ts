// GET /api/v1/evidence/exports/:id/download: the finished file, as an attachment
// (zoneline-audit-report-<from>-<to>.pdf), with its sha256 in a header so a
// caller can compare it with the export's audit entry.
import { requireApiCaller } from "@/server/auth/api-caller";
import { getEvidenceExportFile } from "@/server/evidence/exports/get-evidence-export-file";
import { respond } from "@/server/http/respond";

export const dynamic = "force-dynamic";

// the id is read from the path itself, so the handler needs nothing but the request
const idOf = (request: Request) => decodeURIComponent(new URL(request.url).pathname.split("/").at(-2) ?? "");

export async function GET(request: Request) {
  return respond(request, async () => {
    await requireApiCaller(request, { scope: "read", permission: "evidence.export" });
    const id = idOf(request);
    const file = await getEvidenceExportFile(id);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "content-type": file.contentType,
        "content-length": String(file.bytes.length),
        "content-disposition": `attachment; filename="${file.fileName}"`,
        "x-content-sha256": file.sha256,
      },
    });
  });
}
