// The graph's route handlers, called as Next calls them, against a real database.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { explainApiUrl, graphApiUrl, searchApiUrl } from "@/lib/graph/query";
import { EMPTY_VIEW, serializeViewState } from "@/lib/graph/view-state";
import { parseWorld } from "@/lib/world";
import { disconnectPrisma } from "@/server/db";
import { INTERNAL_MESSAGE } from "@/server/http/respond";
import { importWorld } from "@/server/world/import-world";
import { createEmptyDatabase, type TestDatabase } from "@/test/database";
import { sessionCookie } from "@/test/sign-in";
import { useTestDatabase } from "@/test/use-database";
import { GET as explainGET } from "./explain/route";
import { GET as graphGET } from "./route";
import { GET as searchGET } from "./search/route";

useTestDatabase("routes");

// Ids that use the URL state's own separators.
const world = {
  zones: [
    { id: "ads,eu", name: "Ads (EU)", color: "#2563eb", allow: [{ category: "user.behavior" }], purposes: ["marketing.advertising"] },
    { id: "recs>eu", name: "Recommendations (EU)", color: "#16a34a", allow: [{ category: "user.behavior" }], purposes: ["personalize.content"] },
  ],
  assets: [
    { id: "events,raw", namespace: "warehouse", name: "purchase events", kind: "table", zone: "ads,eu", labels: [{ category: "user.behavior.purchase_history", qualifier: "identified" }] },
    { id: "recs>job", namespace: "jobs", name: "recommender", kind: "batch_job", zone: "recs>eu", purpose: "personalize.content" },
  ],
  edges: [{ from: "events,raw", to: "recs>job", signals: ["sql"] }],
};

// as a signed-in engineer (any role may read); the authorization matrix test covers who may call what
let cookie = "";
const get = (handler: (request: NextRequest) => Promise<Response>, path: string) => handler(new NextRequest(new URL(path, "http://zoneline.test"), { headers: { cookie } }));

beforeAll(async () => {
  const parsed = parseWorld(world);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  await importWorld({ world: parsed.world });
  cookie = await sessionCookie(["engineer"]);
});

describe("graph routes", () => {
  it("filter and select by ids that contain , and >, through the URLs the client builds", async () => {
    const filtered = await get(graphGET, graphApiUrl(serializeViewState({ ...EMPTY_VIEW, zones: ["ads,eu"] }), { lod: "detail" }));
    expect(filtered.status).toBe(200);
    const view = await filtered.json();
    expect(view.assets.map((a: { id: string }) => a.id)).toEqual(["events,raw"]);

    const explained = await get(explainGET, explainApiUrl({ kind: "edge", from: "events,raw", to: "recs>job" }));
    expect(explained.status).toBe(200);
    expect(await explained.json()).toMatchObject({ kind: "edge", violations: [{ kind: "unsanctioned_crossing", edge: { from: "events,raw", to: "recs>job" } }] });

    const found = await get(searchGET, searchApiUrl("recommender", { focus: null, depth: null }));
    expect((await found.json()).results.map((r: { id: string }) => r.id)).toEqual(["recs>job"]);
  });

  it.each([
    ["graph", "a bad depth", "/api/v1/graph?zones=ads&depth=deep", /^depth: /, graphGET],
    ["graph", "a category key too long", `/api/v1/graph?cats=${"x".repeat(600)}`, /^cats\.0: at most 512 characters/, graphGET],
    ["graph", "a bbox that is not numbers", "/api/v1/graph?lod=detail&bbox=0,0,big,1", /^bbox\.2: not a number/, graphGET],
    ["search", "a search too long", `/api/v1/graph/search?q=${"q".repeat(201)}`, /^q: at most 200 characters/, searchGET],
    ["search", "a negative depth", "/api/v1/graph/search?q=a&focus=x&depth=-2", /^depth: /, searchGET],
    ["explain", "an edge without its end", "/api/v1/graph/explain?from=events", /^asset: give asset=ID, or from=ID and to=ID/, explainGET],
  ])("%s answers 400 naming the parameter for %s", async (_, __, path, message, handler) => {
    const response = await get(handler, path);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "INVALID_REQUEST", message: expect.stringMatching(message) });
  });

  it("a typed error keeps its status and words: an unknown asset is a 404 that names it", async () => {
    const response = await get(explainGET, "/api/v1/graph/explain?asset=nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "NOT_FOUND", message: expect.stringContaining("nope") });
  });
});

describe("when the data layer fails", () => {
  let broken: TestDatabase;
  let savedUrl: string | undefined;
  beforeAll(async () => {
    // A database without Zoneline's tables: every query fails inside Prisma with the driver's words.
    savedUrl = process.env.DATABASE_URL;
    // Created beside the test database on the same server (or as a fresh embedded one), not inside it.
    delete process.env.DATABASE_URL;
    broken = await createEmptyDatabase("broken");
    process.env.DATABASE_URL = broken.url;
    await disconnectPrisma();
  });
  afterAll(async () => {
    process.env.DATABASE_URL = savedUrl;
    await disconnectPrisma();
    await broken.drop();
  });

  it.each([
    ["graph", graphGET, "/api/v1/graph"],
    ["search", searchGET, "/api/v1/graph/search?q=events"],
    ["explain", explainGET, "/api/v1/graph/explain?asset=events,raw"],
  ])("%s answers 500 with a request id and no internals, and logs the detail under that id", async (_, handler, path) => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = await get(handler, path);
      expect(response.status).toBe(500);
      const body = await response.json();
      expect(body).toEqual({ error: "INTERNAL", message: INTERNAL_MESSAGE, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(response.headers.get("x-request-id")).toBe(body.requestId);

      const logged = log.mock.calls.flat().map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join("\n");
      expect(logged).toContain(body.requestId);
      expect(logged).toMatch(/does not exist/);
    } finally {
      log.mockRestore();
    }
  });

  it("reuses a proxy's request id so one request can be followed across logs", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = await graphGET(new NextRequest("http://zoneline.test/api/v1/graph", { headers: { "x-request-id": "edge-7f3a9c01", cookie } }));
      expect((await response.json()).requestId).toBe("edge-7f3a9c01");
      expect(log.mock.calls.flat().map(String).join(" ")).toContain("edge-7f3a9c01");
    } finally {
      log.mockRestore();
    }
  });
});
