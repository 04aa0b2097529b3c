// The API as pipelines call it: bearer tokens, the admission API and world
// import/export, through the route handlers Next calls, on a real database.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admit } from "@/lib/engine";
import { serializeWorld } from "@/lib/world";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { prisma } from "@/server/db";
import { createApiToken, hashToken, revokeApiToken } from "@/server/tokens/api-tokens";
import { importWorld } from "@/server/world/import-world";
import { loadWorld } from "@/server/world/load-world";
import { resetWorldState } from "@/server/world/world-state";
import { demoWorld } from "@/test/demo-world";
import { sessionCookie } from "@/test/sign-in";
import { useTestDatabase } from "@/test/use-database";
import { POST as admissionPOST } from "./admission/route";
import { GET as graphGET } from "./graph/route";
import { GET as worldGET, POST as worldPOST } from "./world/route";

useTestDatabase("api");

type Handler = (request: NextRequest) => Promise<Response>;
const call = (handler: Handler, path: string, { token, cookie, body, method = body === undefined ? "GET" : "POST", headers = {} }: { token?: string; cookie?: string; body?: unknown; method?: string; headers?: Record<string, string> } = {}) =>
  handler(
    new NextRequest(new URL(path, "http://zoneline.test"), {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(cookie ? { cookie } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

/** What a refused request must leave untouched. */
const tableCounts = async () => ({ audit: await prisma().auditEntry.count(), assets: await prisma().asset.count(), edges: await prisma().lineageEdge.count(), zones: await prisma().zone.count() });

const tokens: Record<string, string> = {};
beforeAll(async () => {
  resetWorldState();
  await importWorld({ world: demoWorld() });
  for (const [name, scopes] of Object.entries({ reader: ["read"], admitter: ["admission"], writer: ["world:write"], revoked: ["read", "admission"] })) {
    tokens[name] = (await createApiToken({ system: "cli" }, { name, scopes })).secret;
  }
  const revoked = await prisma().apiToken.findFirstOrThrow({ where: { name: "revoked" } });
  await revokeApiToken({ system: "cli" }, revoked.id);
});
afterAll(() => resetWorldState());

describe("bearer tokens", () => {
  it("only the sha256 of a secret is stored, under a recognisable prefix", async () => {
    expect(tokens.reader).toMatch(/^zl_[A-Za-z0-9_-]{43}$/);
    const stored = await prisma().apiToken.findFirstOrThrow({ where: { name: "reader" } });
    expect(stored.tokenHash).toBe(hashToken(tokens.reader));
    expect(JSON.stringify(stored)).not.toContain(tokens.reader.slice(3));
    expect(stored).toMatchObject({ scopes: ["read"], createdBy: "cli", prefix: tokens.reader.slice(0, 9) });
  });

  it("a token with the scope is let in and its last use is recorded; one without it gets 403 naming the scope", async () => {
    const allowed = await call(graphGET, "/api/v1/graph", { token: tokens.reader });
    expect(allowed.status).toBe(200);
    expect((await prisma().apiToken.findFirstOrThrow({ where: { name: "reader" } })).lastUsedAt).not.toBeNull();
    const refused = await call(graphGET, "/api/v1/graph", { token: tokens.admitter });
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toBe('token "admitter" lacks the "read" scope (it has: admission)');
  });

  it("a revoked token, an unknown one, a malformed header and no credentials at all are 401 with a clear message", async () => {
    const answers = await Promise.all([
      call(graphGET, "/api/v1/graph", { token: tokens.revoked }),
      call(graphGET, "/api/v1/graph", { token: `zl_${"A".repeat(43)}` }),
      call(graphGET, "/api/v1/graph", { headers: { authorization: tokens.reader } }),
      call(graphGET, "/api/v1/graph", { headers: { authorization: "Bearer not-a-token" } }),
      call(graphGET, "/api/v1/graph"),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(await Promise.all(answers.map(async (a) => (await a.json()).message))).toEqual([
      "Authorization: unknown, revoked or expired token",
      "Authorization: unknown, revoked or expired token",
      'Authorization: expected "Bearer <token>"',
      "Authorization: not a Zoneline API token (they start with zl_)",
      'send "Authorization: Bearer <token>" with a token that has the "read" scope, or sign in',
    ]);
  });

  it("a request that sends a token is judged by it, not by a session cookie riding along", async () => {
    const cookie = await sessionCookie(["admin"]);
    expect((await call(graphGET, "/api/v1/graph", { cookie })).status).toBe(200);
    expect((await call(graphGET, "/api/v1/graph", { cookie, token: tokens.revoked })).status).toBe(401);
  });
});

describe("POST /api/v1/admission", () => {
  const raw = { job: "assistant_finetune", purpose: "train_ai_system.fine_tune", inputs: ["assistant_interactions"] };
  const aggregated = { job: { namespace: "ml", name: "assistant_finetune" }, purpose: "train_ai_system.fine_tune", inputs: [{ namespace: "ml", name: "assistant_training_examples" }] };

  it("answers what `zoneline admit` answers (the same engine on the same world), plus the checkId of its audit entry", async () => {
    const response = await call(admissionPOST, "/api/v1/admission", { token: tokens.admitter, body: raw });
    expect(response.status).toBe(200);
    const { checkId, ...answer } = await response.json();
    const cli = admit(demoWorld(), { ...raw, zone: null });
    expect(answer).toEqual(JSON.parse(JSON.stringify(cli)));
    expect(answer.allowed).toBe(false);
    const entry = await prisma().auditEntry.findFirstOrThrow({ where: { action: "admission.check" }, orderBy: { sequence: "desc" } });
    expect(entry).toMatchObject({ actor: "token:admitter", subject: "job:assistant_finetune", payload: { checkId, request: { job: "assistant_finetune", inputs: ["assistant_interactions"], purpose: raw.purpose }, answer: { allowed: false } } });
  });

  it("takes job and inputs by (namespace, name): the aggregated read is allowed and audited", async () => {
    const response = await call(admissionPOST, "/api/v1/admission", { token: tokens.admitter, body: aggregated });
    const body = await response.json();
    expect(body).toMatchObject({ allowed: true, reasons: [] });
    const entry = await prisma().auditEntry.findFirstOrThrow({ where: { action: "admission.check" }, orderBy: { sequence: "desc" } });
    expect(entry.payload).toMatchObject({ checkId: body.checkId, request: { job: "assistant_finetune", inputs: ["assistant_training_examples"] }, answer: { allowed: true } });
  });

  it("a logging zone admits and the audit entry records what it would have denied", async () => {
    const body = await (await call(admissionPOST, "/api/v1/admission", { token: tokens.admitter, body: { job: "high_value_segments", purpose: "marketing.advertising.profiling", inputs: ["ad_performance_daily"] } })).json();
    expect(body.allowed).toBe(true);
    expect(body.reasons).toEqual([expect.objectContaining({ kind: "purpose_not_permitted", zone: "reporting", enforced: false })]);
    const entry = await prisma().auditEntry.findFirstOrThrow({ where: { action: "admission.check" }, orderBy: { sequence: "desc" } });
    expect(entry.payload).toMatchObject({ wouldDeny: [{ kind: "purpose_not_permitted", input: null, zone: "reporting" }] });
  });

  it("a signed-in user of any role may ask (the dashboard's own calls)", async () => {
    const response = await call(admissionPOST, "/api/v1/admission", { cookie: await sessionCookie(["legal"]), body: raw });
    expect(response.status).toBe(200);
    expect((await prisma().auditEntry.findFirstOrThrow({ where: { action: "admission.check" }, orderBy: { sequence: "desc" } })).actor).toMatch(/@test\.zoneline$/);
  });

  it("`at` answers at that instant: while the assistant-to-reporting path had not yet expired, the answer differs from today's", async () => {
    const request = { job: "ad_performance_daily_job", purpose: "analytics.reporting", inputs: ["assistant_interactions"] };
    const ask = async (at?: string) => {
      const { checkId: _, ...answer } = await (await call(admissionPOST, "/api/v1/admission", { token: tokens.admitter, body: { ...request, ...(at ? { at } : {}) } })).json();
      return answer;
    };
    const then = await ask("2026-10-01T00:00:00");
    expect(then).toEqual(JSON.parse(JSON.stringify(admit(demoWorld(), { ...request, at: new Date("2026-10-01T00:00:00Z") }))));
    expect(then).not.toEqual(await ask());
  });

  it("concurrent checks are written together (group commit): one entry each, and the chain still verifies", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => call(admissionPOST, "/api/v1/admission", { token: tokens.admitter, body: raw }).then((r) => r.json())));
    const ids = answers.map((a) => a.checkId);
    expect(new Set(ids).size).toBe(30);
    const entries = await prisma().auditEntry.findMany({ where: { action: "admission.check" }, orderBy: { sequence: "desc" }, take: 30 });
    expect(entries.map((e) => (e.payload as { checkId: string }).checkId).sort()).toEqual([...ids].sort());
    expect(await verifyAuditChain({ full: true })).toMatchObject({ ok: true });
  });

  it.each([
    ["malformed JSON", '{"job": "x",', 400, /^body: malformed JSON/],
    ["an empty body", "", 400, /^body: expected a JSON document/],
    ["an unknown input by id", { ...raw, inputs: ["assistant_interactions", "nope"] }, 422, /^inputs\[1\]: unknown asset "nope"$/],
    ["an unknown input by name", { ...raw, inputs: [{ namespace: "ml", name: "nope" }] }, 422, /^inputs\[0\]: unknown asset \{namespace: "ml", name: "nope"\}$/],
    ["an unknown purpose", { ...raw, purpose: "mining" }, 422, /^purpose: unknown purpose "mining"$/],
    ["an unknown zone", { ...raw, zone: "moon" }, 422, /^zone: unknown zone "moon"$/],
    ["a missing purpose", { job: "j", inputs: ["assistant_interactions"] }, 422, /^purpose: /],
    ["no inputs", { ...raw, inputs: [] }, 422, /^inputs: at least one input is required$/],
    ["an input without a name", { ...raw, inputs: [{ namespace: "ml" }] }, 422, /^inputs\[0\]/],
    ["an unknown field", { ...raw, priority: 1 }, 422, /priority/],
    ["an at that is not a date-time", { ...raw, at: "yesterday" }, 422, /^at: not an ISO-8601 date-time$/],
    ["a body over 1 MiB", { ...raw, inputs: Array.from({ length: 60_000 }, (_, i) => `input-number-${i}`) }, 413, /^body: larger than the limit of 1 MiB$/],
  ])("%s is a %i naming the problem, and nothing is stored", async (_, body, status, message) => {
    const before = await tableCounts();
    const response = await call(admissionPOST, "/api/v1/admission", { token: tokens.admitter, body });
    expect(response.status).toBe(status);
    expect((await response.json()).message).toMatch(message);
    expect(await tableCounts()).toEqual(before);
  });
});

describe("GET and POST /api/v1/world", () => {
  it("GET returns the world file `zoneline export` writes", async () => {
    const response = await call(worldGET, "/api/v1/world", { token: tokens.reader });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.text()).toBe(serializeWorld(await loadWorld()));
  });

  const partial = {
    assets: [{ id: "api_events", namespace: "warehouse", name: "api_events", kind: "table", zone: "ads", labels: [{ category: "user.behavior.purchase_history", qualifier: "identified" }] }],
    edges: [{ from: "api_events", to: "recs_purchase_affinity", signals: ["manual"] }],
  };

  it("POST imports a partial world, audited as the token, re-evaluates, and a replay changes nothing", async () => {
    const before = await tableCounts();
    const first = await call(worldPOST, "/api/v1/world", { token: tokens.writer, body: partial });
    expect(first.status).toBe(200);
    const summary = await first.json();
    expect(summary).toMatchObject({ changed: true, created: { assets: 1, edges: 1 }, evaluation: { runId: expect.any(Number) } });
    const entry = await prisma().auditEntry.findFirstOrThrow({ where: { action: "world.import" }, orderBy: { sequence: "desc" } });
    expect(entry.actor).toBe("token:writer");
    expect(await tableCounts()).toMatchObject({ assets: before.assets + 1, edges: before.edges + 1 });

    const replayed = await tableCounts();
    const second = await call(worldPOST, "/api/v1/world", { token: tokens.writer, body: partial });
    expect(await second.json()).toMatchObject({ changed: false, evaluation: null });
    expect(await tableCounts()).toEqual(replayed);
  });

  it("only world:write tokens, and sessions that may import, may write", async () => {
    expect((await call(worldPOST, "/api/v1/world", { token: tokens.reader, body: partial })).status).toBe(403);
    expect((await call(worldPOST, "/api/v1/world", { cookie: await sessionCookie(["engineer"]), body: partial })).status).toBe(403);
    expect((await call(worldPOST, "/api/v1/world", { cookie: await sessionCookie(["privacy_reviewer"]), body: partial })).status).toBe(200);
  });

  it.each([
    ["an unknown asset in an edge", { edges: [{ from: "api_events", to: "nowhere" }] }, 422, 'edges[0].to: unknown asset "nowhere"'],
    ["an unknown field", { assets: [{ ...partial.assets[0], id: "x2", colour: "red" }] }, 422, "assets[0].colour"],
    ["malformed JSON", "{", 400, "body: malformed JSON"],
    ["a body over 10 MiB", { assets: [{ id: "big", namespace: "w", name: "big", kind: "table", description: "x".repeat(10 * 1024 * 1024) }] }, 413, "body: larger than the limit of 10 MiB"],
  ])("%s is refused (%i) naming it, and nothing is stored", async (_, body, status, message) => {
    const before = await tableCounts();
    const response = await call(worldPOST, "/api/v1/world", { token: tokens.writer, body });
    expect(response.status).toBe(status);
    const answer = await response.json();
    expect([answer.message, ...(answer.details ?? [])].join("\n")).toContain(message);
    expect(await tableCounts()).toEqual(before);
  });
});
