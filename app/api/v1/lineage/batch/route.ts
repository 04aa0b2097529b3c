// POST /api/v1/lineage/batch: a JSON array of up to 1,000 OpenLineage events,
// atomic: one bad event refuses the whole batch, naming it (`[3].run.runId:
// required`), and nothing is stored.
import { MAX_BATCH_BYTES, parseOpenLineageBatch } from "@/lib/lineage/openlineage-event";
import { requireApiCaller } from "@/server/auth/api-caller";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http/respond";
import { readJsonBody } from "@/server/http/read-json-body";
import { recordOpenLineageEvents } from "@/server/lineage/record-openlineage-events";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return respond(request, async () => {
    const caller = await requireApiCaller(request, { scope: "ingest", permission: "path.request" });
    const parsed = parseOpenLineageBatch(await readJsonBody(request, MAX_BATCH_BYTES));
    if (!parsed.ok) {
      const more = parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more problems)` : "";
      throw new AppError("UNPROCESSABLE", `${parsed.issues[0]}${more}`, parsed.issues.slice(0, 100));
    }
    const answer = await recordOpenLineageEvents({ actor: caller.name, events: parsed.events, batch: true });
    return Response.json(answer, { status: 201 });
  });
}
