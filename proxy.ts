import { NextResponse, type NextRequest } from "next/server";
import { getSessionCookie } from "better-auth/cookies";

// Signed-out visitors see only the sign-in page, /api/health and the audit log's
// public key (a public key reveals nothing, and an auditor outside the
// organisation checks exported evidence with it). This is the
// quick, cookie-only gate; every page, server action and route handler checks
// the session itself on the server (a stale or forged cookie gets no further).
const PUBLIC = [/^\/sign-in(\/|$)/, /^\/api\/health$/, /^\/api\/auth\//, /^\/api\/v1\/audit\/public-key$/];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // A path with a malformed percent-escape (say /assets/%E0%A4%A) names nothing;
  // answer with the 404 page rather than let the router fail on decoding it.
  try {
    decodeURIComponent(pathname);
  } catch {
    return NextResponse.rewrite(new URL("/not-found", request.url), { status: 404 });
  }
  if (PUBLIC.some((pattern) => pattern.test(pathname)) || getSessionCookie(request)) return NextResponse.next();
  // Pipelines call /api/v1 with a bearer token and no cookie (an OpenLineage transport, the admission API):
  // the route handler judges the token (requireApiCaller), so this cookie gate lets them through to it.
  if (pathname.startsWith("/api/v1/") && request.headers.get("authorization")?.startsWith("Bearer ")) return NextResponse.next();
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "UNAUTHORIZED", message: "sign in first" }, { status: 401 });
  }
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/" && pathname !== "/sign-in") signIn.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

// everything but Next's own assets and the icon
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"] };
