// GET /api/v1/graph/search?q=TEXT[&focus=ID&depth=N]: assets whose name matches, with their position to centre on.
import type { NextRequest } from "next/server";
import { parseViewState } from "@/lib/graph/view-state";
import { searchGraphAssets } from "@/server/graph/search-graph-assets";
import { respond } from "../respond";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  return respond(async () => ({ results: await searchGraphAssets({ query: params.get("q") ?? "", state: parseViewState(params) }) }));
}
