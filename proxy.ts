import { NextResponse, type NextRequest } from "next/server";

// A path with a malformed percent-escape (say /assets/%E0%A4%A) names nothing;
// answer with the 404 page rather than let the router fail on decoding it.
export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return NextResponse.next();
  } catch {
    return NextResponse.rewrite(new URL("/not-found", request.url), { status: 404 });
  }
}

export const config = { matcher: ["/assets/:path*", "/zones/:path*"] };
