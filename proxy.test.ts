// The cookie-only gate in front of every route: signed-out browsers go to the
// sign-in page, signed-out API calls get 401, and a pipeline's bearer-token
// call to /api/v1 reaches its route handler (which judges the token).
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "./proxy";

const call = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(new URL(path, "http://zoneline.test"), { headers }));

describe("proxy", () => {
  it("passes a bearer-token call to /api/v1 through without a session cookie", () => {
    for (const path of ["/api/v1/lineage", "/api/v1/lineage/batch", "/api/v1/admission"]) {
      const response = call(path, { authorization: "Bearer zl_abc" });
      expect({ path, next: response.headers.get("x-middleware-next") }).toEqual({ path, next: "1" });
    }
  });
  it("still answers 401 to an API call with neither a cookie nor a bearer token, and outside /api/v1", async () => {
    expect(call("/api/v1/lineage").status).toBe(401);
    expect(call("/api/v1/lineage", { authorization: "Basic eDp5" }).status).toBe(401);
    expect(call("/api/other", { authorization: "Bearer zl_abc" }).status).toBe(401);
    expect(call("/graph", { authorization: "Bearer zl_abc" }).status).toBe(307);
  });
});
