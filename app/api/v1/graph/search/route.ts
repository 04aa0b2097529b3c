// GET /api/v1/graph/search?q=TEXT: assets whose name matches, with their position to centre on.
import type { NextRequest } from "next/server";
import { searchGraphAssets } from "@/server/graph/search-graph-assets";
import { respond } from "../respond";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  return respond(async () => ({ results: await searchGraphAssets({ query: request.nextUrl.searchParams.get("q") ?? "" }) }));
}
