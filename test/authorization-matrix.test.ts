// The authorization matrix (DESIGN.md "Roles and permissions"): every route
// handler and server action in app/, found on the file system, must have a row
// here, and each row is exercised as every role and as a signed-out visitor.
// A new route or action that nobody put in the matrix fails this test.
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { can, ROLES, type Permission, type Role } from "@/lib/auth/permissions";
import { TOKEN_SCOPES, type TokenScope } from "@/lib/auth/token-scopes";
import { parseWorld } from "@/lib/world";
import { createApiToken } from "@/server/tokens/api-tokens";
import { importWorld } from "@/server/world/import-world";
import { sessionCookie } from "@/test/sign-in";
import { useTestDatabase } from "@/test/use-database";

const db = useTestDatabase("authz");
const ROOT = path.resolve(import.meta.dirname, "..");

// a finished export for the download route's rows (a file of a few bytes: the route serves whatever was stored)
const MATRIX_EXPORT_ID = "matrix-export";
beforeAll(async () => {
  await db.prisma().evidenceExport.create({
    data: { id: MATRIX_EXPORT_ID, kind: "report.pdf", scope: {}, requestedBy: "matrix", status: "done", progress: 1, file: new Uint8Array(Buffer.from("%PDF-1.3\n")), bytes: 9, sha256: "x", fileName: "matrix.pdf", contentType: "application/pdf" },
  });
});

// /api/v1 routes also take bearer tokens: `scope` is the token scope they need (public ones need neither)
type Access = Permission | "public";
type MethodSpec = { access: Access; scope?: TokenScope; request: string; body?: () => Promise<unknown> };
type RouteRow = { url: string; methods: Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", MethodSpec>> };

// a RunEvent every caller may post again: after the first, a replay that changes nothing (201 all the same)
const MATRIX_RUN_EVENT = {
  eventTime: "2026-11-30T10:00:00Z",
  eventType: "COMPLETE",
  producer: "https://example.org/matrix",
  run: { runId: "0190e3c5-4f7a-7a1e-9c1e-000000000001" },
  job: { namespace: "w", name: "matrix_job" },
  inputs: [{ namespace: "w", name: "events" }],
  outputs: [],
};

// file → the URL Next serves it at, and per method: who may call it and a request that exercises it
const ROUTES: Record<string, RouteRow> = {
  "app/api/health/route.ts": { url: "/api/health", methods: { GET: { access: "public", request: "/api/health" } } },
  "app/api/auth/[...all]/route.ts": {
    url: "/api/auth/:...all",
    methods: {
      GET: { access: "public", request: "/api/auth/get-session" },
      POST: { access: "public", request: "/api/auth/sign-in/email", body: async () => ({ email: "matrix.public@test.zoneline", password: "a-long-test-password" }) },
    },
  },
  // public: a public key reveals nothing, and auditors outside the organisation verify evidence with it
  "app/api/v1/audit/public-key/route.ts": { url: "/api/v1/audit/public-key", methods: { GET: { access: "public", request: "/api/v1/audit/public-key" } } },
  "app/api/v1/graph/route.ts": { url: "/api/v1/graph", methods: { GET: { access: "read", scope: "read", request: "/api/v1/graph" } } },
  "app/api/v1/graph/explain/route.ts": { url: "/api/v1/graph/explain", methods: { GET: { access: "read", scope: "read", request: "/api/v1/graph/explain?asset=events" } } },
  "app/api/v1/graph/search/route.ts": { url: "/api/v1/graph/search", methods: { GET: { access: "read", scope: "read", request: "/api/v1/graph/search?q=ev" } } },
  "app/api/v1/admission/route.ts": {
    url: "/api/v1/admission",
    methods: { POST: { access: "read", scope: "admission", request: "/api/v1/admission", body: async () => ({ job: "new_job", purpose: "marketing", inputs: ["events"] }) } },
  },
  "app/api/v1/world/route.ts": {
    url: "/api/v1/world",
    methods: {
      GET: { access: "read", scope: "read", request: "/api/v1/world" },
      // an empty world file: a valid import that changes nothing, so every caller sees the same world
      POST: { access: "world.evaluate", scope: "world:write", request: "/api/v1/world", body: async () => ({}) },
    },
  },
  // evidence (DESIGN.md: privacy reviewers and legal export it); a token needs `read`: a bundle reveals what the read API does
  "app/api/v1/evidence/bundle/route.ts": { url: "/api/v1/evidence/bundle", methods: { GET: { access: "evidence.export", scope: "read", request: "/api/v1/evidence/bundle" } } },
  // anyone who may read checks a bundle; the matrix's body is not a ZIP, which is a finding, not a refusal
  "app/api/v1/evidence/verify/route.ts": { url: "/api/v1/evidence/verify", methods: { POST: { access: "read", scope: "read", request: "/api/v1/evidence/verify", body: async () => ({ not: "a zip" }) } } },
  // evidence exports: privacy reviewers and legal; a token needs the read scope (no narrower scope exists)
  "app/api/v1/evidence/ropa/route.ts": { url: "/api/v1/evidence/ropa", methods: { GET: { access: "evidence.export", scope: "read", request: "/api/v1/evidence/ropa?format=csv" } } },
  "app/api/v1/evidence/erasure/route.ts": { url: "/api/v1/evidence/erasure", methods: { GET: { access: "evidence.export", scope: "read", request: "/api/v1/evidence/erasure?asset=events&format=csv" } } },
  // evidence is for privacy reviewers and legal (DESIGN.md's roles table); pipelines with a read token
  "app/api/v1/evidence/exports/route.ts": {
    url: "/api/v1/evidence/exports",
    methods: {
      GET: { access: "evidence.export", scope: "read", request: "/api/v1/evidence/exports" },
      // a real export of the one-zone world, made in the background
      POST: { access: "evidence.export", scope: "read", request: "/api/v1/evidence/exports", body: async () => ({ kind: "report.pdf", zones: ["ads"] }) },
    },
  },
  "app/api/v1/evidence/exports/[id]/download/route.ts": {
    url: "/api/v1/evidence/exports/:id/download",
    methods: { GET: { access: "evidence.export", scope: "read", request: `/api/v1/evidence/exports/${MATRIX_EXPORT_ID}/download` } },
  },
  // engineers and reviewers register lineage (DESIGN.md's roles table: the same people who request paths); pipelines with an ingest token
  "app/api/v1/lineage/sql/route.ts": {
    url: "/api/v1/lineage/sql",
    methods: { POST: { access: "path.request", scope: "ingest", request: "/api/v1/lineage/sql", body: async () => ({ sql: "INSERT INTO t SELECT * FROM s", dialect: "postgres", namespace: "w", dryRun: true }) } },
  },
  // OpenLineage clients post here with an ingest token; the same people as SQL lineage from a session
  "app/api/v1/lineage/route.ts": {
    url: "/api/v1/lineage",
    methods: { POST: { access: "path.request", scope: "ingest", request: "/api/v1/lineage", body: async () => MATRIX_RUN_EVENT } },
  },
  "app/api/v1/lineage/batch/route.ts": {
    url: "/api/v1/lineage/batch",
    methods: { POST: { access: "path.request", scope: "ingest", request: "/api/v1/lineage/batch", body: async () => [MATRIX_RUN_EVENT] } },
  },
};

// "use server" file → exported action → the permission it must ask for first
const ACTIONS: Record<string, Record<string, Permission>> = {
  "app/(dashboard)/violations/actions.ts": { rerunEvaluation: "world.evaluate" },
  "app/(dashboard)/audit/actions.ts": { recheckWholeAuditChain: "read", startReportExport: "evidence.export" },
  "app/(dashboard)/paths/actions.ts": { previewPathRequestAction: "path.request", requestPathAction: "path.request", decidePathAction: "path.decide", withdrawPathAction: "path.request" },
  "app/(dashboard)/tokens/actions.ts": { createToken: "admin.manage", revokeToken: "admin.manage" },
  "app/(dashboard)/users/actions.ts": { addUser: "admin.manage", saveUserRoles: "admin.manage", setUserActive: "admin.manage", resetPassword: "admin.manage" },
  "app/(dashboard)/edges/actions.ts": { markEdgeReviewed: "edge.review", markSelectedEdgesReviewed: "edge.review" },
  "app/(dashboard)/labels/actions.ts": { decideLabelSuggestions: "labels.review" },
  "app/(dashboard)/zones/actions.ts": { previewZone: "zone.edit", saveZoneDraft: "zone.edit" },
  "app/(dashboard)/settings/actions.ts": { saveOrganisationSettings: "admin.manage" },
  "app/(dashboard)/zones/webhook-actions.ts": { addWebhook: "zone.edit", removeWebhookAction: "zone.edit", sendTestDeliveryAction: "zone.edit" },
};

function filesUnder(dir: string, match: (file: string) => boolean): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .filter(match)
    .sort();
}

const HTTP_METHODS = /export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b|export\s+const\s+\{([^}]*)\}/g;
function exportedMethods(file: string): string[] {
  const source = fs.readFileSync(path.join(ROOT, file), "utf8");
  const methods = new Set<string>();
  for (const match of source.matchAll(HTTP_METHODS)) {
    if (match[1]) methods.add(match[1]);
    for (const name of (match[2] ?? "").split(",").map((s) => s.trim())) if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) methods.add(name);
  }
  return [...methods].sort();
}

const routeFiles = filesUnder("app", (file) => file.endsWith("route.ts"));
const actionFiles = filesUnder("app", (file) => /\.tsx?$/.test(file) && /^\s*["']use server["']/.test(fs.readFileSync(path.join(ROOT, file), "utf8")));
const pageFiles = filesUnder("app", (file) => file.endsWith("page.tsx"));

describe("every route handler and server action is in the matrix", () => {
  it("route handlers: files and methods", () => {
    expect(routeFiles).toEqual(Object.keys(ROUTES).sort());
    for (const file of routeFiles) expect({ file, methods: exportedMethods(file) }).toEqual({ file, methods: Object.keys(ROUTES[file].methods).sort() });
  });

  it("/api/v1 routes: each one asks requireApiCaller for the scope in its row, unless it is public", () => {
    for (const file of routeFiles.filter((f) => f.startsWith("app/api/v1/"))) {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      for (const [method, spec] of Object.entries(ROUTES[file].methods)) {
        const body = source.slice(source.search(new RegExp(`function ${method}\\b`)));
        const handler = body.slice(0, body.search(/\nexport |$/) + 1 || undefined);
        const asked = /requireApiCaller\(request, \{ scope: "([^"]+)", permission: "([^"]+)" \}\)/.exec(handler);
        expect({ file, method, asked: asked ? { scope: asked[1], permission: asked[2] } : null }).toEqual({ file, method, asked: spec!.access === "public" ? null : { scope: spec!.scope, permission: spec!.access } });
      }
    }
  });

  it("server actions: each export asks for its permission before doing anything", () => {
    expect(actionFiles).toEqual(Object.keys(ACTIONS).sort());
    for (const file of actionFiles) {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      const exported = [...source.matchAll(/export\s+async\s+function\s+(\w+)/g)].map((m) => m[1]).sort();
      expect({ file, exported }).toEqual({ file, exported: Object.keys(ACTIONS[file]).sort() });
      for (const [name, permission] of Object.entries(ACTIONS[file])) {
        const body = source.slice(source.indexOf(`function ${name}`));
        const firstStatement = body.slice(body.indexOf("{") + 1).trim().split("\n")[0];
        expect({ file, name, firstStatement }).toEqual({ file, name, firstStatement: expect.stringContaining(`actionActor("${permission}")`) });
      }
    }
  });

  it("pages: each one resolves the signed-in caller (or is the sign-in page)", () => {
    for (const file of pageFiles) {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      if (file === "app/(auth)/sign-in/page.tsx") continue;
      if (file === "app/page.tsx") {
        expect(source).toContain('redirect("/graph")');
        continue;
      }
      expect({ file, checks: /await pageActor\(\)/.test(source) }).toEqual({ file, checks: true });
    }
  });
});

describe("route handlers as each role and signed out", () => {
  const cookies = new Map<Role | "signed out", string>();
  beforeAll(async () => {
    const parsed = parseWorld({ zones: [{ id: "ads", name: "Ads", color: "#2563eb", allow: [{ category: "user" }], purposes: [] }], assets: [{ id: "events", namespace: "w", name: "events", kind: "table", zone: "ads" }], edges: [] });
    if (!parsed.ok) throw new Error("world");
    await importWorld({ world: parsed.world });
    cookies.set("signed out", "");
    for (const role of ROLES) cookies.set(role, await sessionCookie([role]));
    // the user the public sign-in row signs in as
    const { createUser } = await import("@/server/users/manage-users");
    await createUser({ system: "cli" }, { email: "matrix.public@test.zoneline", name: "Public", roles: [] }, { password: "a-long-test-password" });
  });

  const cases = Object.entries(ROUTES).flatMap(([file, row]) =>
    Object.entries(row.methods).flatMap(([method, spec]) => [...ROLES, "signed out" as const].map((who) => ({ file, method, who, spec: spec! }))),
  );

  it.each(cases)("$method $file as $who", async ({ file, method, who, spec }) => {
    const handlers = (await import(`@/${file.replace(/\.ts$/, "")}`)) as Record<string, (request: NextRequest) => Promise<Response>>;
    const body = spec.body ? JSON.stringify(await spec.body()) : undefined;
    const headers: Record<string, string> = { origin: "http://zoneline.test" };
    const cookie = cookies.get(who as Role | "signed out");
    if (cookie) headers.cookie = cookie;
    if (body) headers["content-type"] = "application/json";
    const response = await handlers[method](new NextRequest(new URL(spec.request, "http://zoneline.test"), { method, headers, body }));
    const allowed = spec.access === "public" || (who !== "signed out" && can([who], spec.access));
    if (allowed) expect({ who, status: response.status }).toEqual({ who, status: expect.not.toBeOneOf([401, 403]) });
    else expect({ who, status: response.status }).toEqual({ who, status: who === "signed out" ? 401 : 403 });
  });
});

describe("/api/v1 route handlers with bearer tokens", () => {
  // (after the role cases, whose beforeAll imports the world these requests read)
  // one token per scope, and one with every scope but the route's: no token 401, wrong scope 403, right scope 2xx
  const secrets = new Map<string, string>();
  beforeAll(async () => {
    for (const scope of TOKEN_SCOPES) {
      secrets.set(scope, (await createApiToken({ system: "cli" }, { name: `matrix-${scope}`, scopes: [scope] })).secret);
      secrets.set(`all-but-${scope}`, (await createApiToken({ system: "cli" }, { name: `matrix-all-but-${scope}`, scopes: TOKEN_SCOPES.filter((s) => s !== scope) })).secret);
    }
  });

  const cases = Object.entries(ROUTES)
    .filter(([file]) => file.startsWith("app/api/v1/"))
    .flatMap(([file, row]) =>
      Object.entries(row.methods).flatMap(([method, spec]) =>
        spec!.access === "public" ? [] : (["right scope", "wrong scope", "no token"] as const).map((token) => ({ file, method, token, spec: spec! })),
      ),
    );

  it.each(cases)("$method $file with $token", async ({ file, method, token, spec }) => {
    const handlers = (await import(`@/${file.replace(/\.ts$/, "")}`)) as Record<string, (request: NextRequest) => Promise<Response>>;
    const body = spec.body ? JSON.stringify(await spec.body()) : undefined;
    const headers: Record<string, string> = {};
    if (token !== "no token") headers.authorization = `Bearer ${secrets.get(token === "right scope" ? spec.scope! : `all-but-${spec.scope}`)}`;
    if (body) headers["content-type"] = "application/json";
    const response = await handlers[method](new NextRequest(new URL(spec.request, "http://zoneline.test"), { method, headers, body }));
    const expected = { "right scope": expect.toSatisfy((status: number) => status >= 200 && status < 300), "wrong scope": 403, "no token": 401 }[token];
    expect({ token, status: response.status }).toEqual({ token, status: expected });
  });
});
