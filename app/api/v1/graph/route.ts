// GET /api/v1/graph: only what the current view needs. The view state comes in
// the same query parameters as the page's URL (sel, zones, cats, violations,
// focus, depth, collapsed); `lod` chooses zone boxes with aggregated flows
// (overview) or assets (detail), and `bbox=x,y,w,h` limits detail to a region.
import type { NextRequest } from "next/server";
import { graphQuery } from "@/lib/graph/query-schemas";
import { getGraphView } from "@/server/graph/get-graph-view";
import { requireApiCaller } from "@/server/auth/api-caller";
import { parseQuery, respond } from "@/server/http/respond";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  return respond(request, async () => {
    await requireApiCaller(request, { scope: "read", permission: "read" });
    return getGraphView(parseQuery(graphQuery, request.nextUrl.searchParams));
  });
}
