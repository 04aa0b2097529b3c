// GET /api/v1/graph/explain?asset=ID or ?from=ID&to=ID: the side panel's content.
import type { NextRequest } from "next/server";
import { explainQuery } from "@/lib/graph/query-schemas";
import { explainGraphSelection } from "@/server/graph/explain-graph-selection";
import { requireApiCaller } from "@/server/auth/api-caller";
import { parseQuery, respond } from "@/server/http/respond";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  return respond(request, async () => {
    await requireApiCaller(request, { scope: "read", permission: "read" });
    return explainGraphSelection(parseQuery(explainQuery, request.nextUrl.searchParams));
  });
}
