// `zoneline token create` on a real database, and `zoneline admit --server`
// against the real admission route handler served over HTTP by this test.
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as admissionPOST } from "@/app/api/v1/admission/route";
import { prisma } from "@/server/db";
import { hashToken } from "@/server/tokens/api-tokens";
import { importWorld } from "@/server/world/import-world";
import { resetWorldState } from "@/server/world/world-state";
import { demoWorld } from "@/test/demo-world";
import { useTestDatabase } from "@/test/use-database";

const database = useTestDatabase("cli-server");
const root = path.resolve(import.meta.dirname, "../..");
const demoFile = path.join(root, "examples/demo.world.json");

function zoneline(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: database.url, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let server: http.Server;
let serverUrl = "";
beforeAll(async () => {
  resetWorldState();
  await importWorld({ world: demoWorld() });
  // a minimal HTTP front for the route handler, as Next serves it
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
    const response = await admissionPOST(new NextRequest(new URL(req.url!, "http://zoneline.test"), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  resetWorldState();
});

describe("zoneline token", () => {
  it("create prints the secret once on stdout, stores only its hash, and is audited as cli; revoke ends it", async () => {
    const created = await zoneline(["token", "create", "--name", "ci-admission", "--scope", "admission", "--scope", "read"]);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^zl_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain('created token "ci-admission" (admission, read)');
    const stored = await prisma().apiToken.findFirstOrThrow({ where: { name: "ci-admission" } });
    expect(stored).toMatchObject({ tokenHash: hashToken(secret), scopes: ["admission", "read"], createdBy: "cli", revokedAt: null });
    expect(await prisma().auditEntry.findFirst({ where: { action: "token.create", subject: `token:${stored.id}` } })).toMatchObject({ actor: "cli" });

    const revoked = await zoneline(["token", "revoke", "ci-admission"]);
    expect(revoked.code).toBe(0);
    expect((await prisma().apiToken.findUniqueOrThrow({ where: { id: stored.id } })).revokedAt).not.toBeNull();
    expect(await prisma().auditEntry.count({ where: { action: "token.revoke", subject: `token:${stored.id}` } })).toBe(1);
  });

  it("an unknown scope is invalid input (exit 2) and creates nothing", async () => {
    const before = await prisma().apiToken.count();
    const result = await zoneline(["token", "create", "--name", "x", "--scope", "admin"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('scopes: unknown scope "admin" (read, ingest, admission, world:write)');
    expect(await prisma().apiToken.count()).toBe(before);
  });
});

describe("zoneline admit --server", () => {
  let token = "";
  beforeAll(async () => {
    token = (await zoneline(["token", "create", "--name", "pipeline", "--scope", "admission"])).stdout.trim();
  });
  const raw = ["--job", "assistant_finetune", "--purpose", "train_ai_system.fine_tune", "--input", "assistant_interactions"];
  const aggregated = ["--job", "assistant_finetune", "--purpose", "train_ai_system.fine_tune", "--input", "assistant_training_examples"];

  it("prints what `zoneline admit WORLD.json` prints, plus the checkId, with the same exit codes", async () => {
    for (const [args, code] of [[raw, 1], [aggregated, 0]] as const) {
      const local = await zoneline(["admit", demoFile, ...args]);
      const remote = await zoneline(["admit", "--server", serverUrl, "--token", token, ...args]);
      expect({ local: local.code, remote: remote.code }).toEqual({ local: code, remote: code });
      const { checkId, ...answer } = JSON.parse(remote.stdout);
      expect(answer).toEqual(JSON.parse(local.stdout));
      expect(await prisma().auditEntry.count({ where: { action: "admission.check", payload: { path: ["checkId"], equals: checkId } } })).toBe(1);
    }
  });

  it("takes the token from $ZONELINE_TOKEN; a refused request (unknown input, bad token) exits 2 with the server's message", async () => {
    expect((await zoneline(["admit", "--server", serverUrl, ...aggregated], { ZONELINE_TOKEN: token })).code).toBe(0);
    const unknown = await zoneline(["admit", "--server", serverUrl, "--token", token, "--job", "j", "--purpose", "train_ai_system", "--input", "nope"]);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('zoneline admit: inputs[0]: unknown asset "nope" (HTTP 422)') });
    const refused = await zoneline(["admit", "--server", serverUrl, "--token", `zl_${"x".repeat(43)}`, ...aggregated]);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown, revoked or expired token (HTTP 401)") });
  });
});
