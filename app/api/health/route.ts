import { checkDatabase } from "@/server/health/check-database";
import { logServerError, respond } from "@/server/http/respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return respond(request, async ({ requestId }) => {
    const database = await checkDatabase();
    if (!database.ok) {
      logServerError(requestId, "GET /api/health (database check)", database.detail);
      return Response.json({ status: "unavailable", database: { ok: false, message: database.message }, requestId }, { status: 503 });
    }
    return { status: "ok", database };
  });
}
