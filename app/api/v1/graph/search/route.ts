// GET /api/v1/graph/search?q=TEXT[&focus=ID&depth=N]: assets whose name matches, with their position to centre on.
import type { NextRequest } from "next/server";
import { searchQuery } from "@/lib/graph/query-schemas";
import { requireApiCaller } from "@/server/auth/api-caller";
import { searchGraphAssets } from "@/server/graph/search-graph-assets";
import { parseQuery, respond } from "@/server/http/respond";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  return respond(request, async () => {
    await requireApiCaller(request, { scope: "read", permission: "read" });
    return { results: await searchGraphAssets(parseQuery(searchQuery, request.nextUrl.searchParams)) };
  });
}
