// GET /api/v1/graph/explain?asset=ID or ?from=ID&to=ID: the side panel's content.
import type { NextRequest } from "next/server";
import { AppError } from "@/server/errors";
import { explainGraphSelection } from "@/server/graph/explain-graph-selection";
import { respond } from "../respond";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  return respond(async () => {
    const params = request.nextUrl.searchParams;
    const asset = params.get("asset");
    const from = params.get("from");
    const to = params.get("to");
    if (asset) return explainGraphSelection({ asset });
    if (from && to) return explainGraphSelection({ from, to });
    throw new AppError("INVALID_REQUEST", "asset: give asset=ID, or from=ID and to=ID for an edge");
  });
}
