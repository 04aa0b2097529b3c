// POST /api/v1/lineage: one OpenLineage event (RunEvent, JobEvent or
// DatasetEvent), as an OpenLineage HTTP transport posts it (README
// "OpenLineage ingestion"). 201 when accepted, a replay included.
import { MAX_EVENT_BYTES, parseOpenLineageEvent } from "@/lib/lineage/openlineage-event";
import { requireApiCaller } from "@/server/auth/api-caller";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http/respond";
import { readJsonBody } from "@/server/http/read-json-body";
import { recordOpenLineageEvents } from "@/server/lineage/record-openlineage-events";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return respond(request, async () => {
    const caller = await requireApiCaller(request, { scope: "ingest", permission: "path.request" });
    const parsed = parseOpenLineageEvent(await readJsonBody(request, MAX_EVENT_BYTES));
    if (!parsed.ok) throw new AppError("UNPROCESSABLE", parsed.issues[0], parsed.issues);
    const answer = await recordOpenLineageEvents({ actor: caller.name, events: [parsed.event], batch: false });
    return Response.json(answer, { status: 201 });
  });
}
