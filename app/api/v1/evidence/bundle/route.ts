// GET /api/v1/evidence/bundle?from&to&zones: the evidence bundle (ZIP) for a
// period and zones, streamed (README, "Evidence bundle"). Privacy reviewers and
// legal with a session; a token needs the `read` scope (the closest: a bundle
// reveals what the read API does, and its export is audited like any other).
import { requireApiCaller } from "@/server/auth/api-caller";
import { exportEvidenceBundle } from "@/server/evidence/export-evidence-bundle";
import { streamDownload } from "@/server/evidence/stream-download";
import { respond } from "@/server/http/respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return respond(request, async () => {
    const caller = await requireApiCaller(request, { scope: "read", permission: "evidence.export" });
    const params = new URL(request.url).searchParams;
    const input = { from: params.get("from") || undefined, to: params.get("to") || undefined, zones: params.getAll("zones").flatMap((zones) => zones.split(",")) };
    const bundle = await exportEvidenceBundle({ input, actor: caller.name });
    return streamDownload(bundle.stream, { filename: bundle.filename, contentType: "application/zip", onComplete: (zip) => bundle.recordExport(zip) });
  });
}
