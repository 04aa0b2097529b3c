// GET /api/v1/graph: only what the current view needs. The view state comes in
// the same query parameters as the page's URL (sel, zones, cats, violations,
// focus, depth, collapsed); `lod` chooses zone boxes with aggregated flows
// (overview) or assets (detail), and `bbox=x,y,w,h` limits detail to a region.
import type { NextRequest } from "next/server";
import { parseViewState } from "@/lib/graph/view-state";
import { AppError } from "@/server/errors";
import { getGraphView } from "@/server/graph/get-graph-view";
import { respond } from "./respond";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  return respond(async () => {
    const params = request.nextUrl.searchParams;
    const lod = params.get("lod") ?? "auto";
    if (lod !== "auto" && lod !== "overview" && lod !== "detail") {
      throw new AppError("INVALID_REQUEST", `lod: must be auto, overview or detail, not "${lod}"`);
    }
    let bbox = null;
    const rawBox = params.get("bbox");
    if (rawBox) {
      const parts = rawBox.split(",").map(Number);
      if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || parts[2] < 0 || parts[3] < 0) {
        throw new AppError("INVALID_REQUEST", `bbox: expected x,y,width,height, got "${rawBox}"`);
      }
      bbox = { x: parts[0], y: parts[1], w: parts[2], h: parts[3] };
    }
    return getGraphView({ state: parseViewState(params), lod, bbox });
  });
}
