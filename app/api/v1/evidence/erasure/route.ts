// GET /api/v1/evidence/erasure?asset=<id>&format=csv|json: every asset holding
// data derived from the source asset (by lineage and the engine's transforms),
// as a CSV checklist for forwarding a deletion, or as JSON. Needs
// `evidence.export` (a token: the `read` scope); each download is one audit
// entry with its sha256 (also sent as X-Zoneline-Sha256). An unknown asset is a 404 naming it.
import { attachmentDisposition, ErasureQuery } from "@/lib/evidence/export-queries";
import { requireApiCaller } from "@/server/auth/api-caller";
import { exportErasureImpact } from "@/server/evidence/export-erasure-impact";
import { parseQuery, respond } from "@/server/http/respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return respond(request, async () => {
    const caller = await requireApiCaller(request, { scope: "read", permission: "evidence.export" });
    const query = parseQuery(ErasureQuery, new URL(request.url).searchParams);
    const file = await exportErasureImpact(caller, query);
    return new Response(new Uint8Array(file.body), {
      headers: { "content-type": file.contentType, "content-disposition": attachmentDisposition(file.filename), "content-length": String(file.bytes), "x-zoneline-sha256": file.sha256 },
    });
  });
}
