// zoneline lineage openlineage, run as a user runs it: on the database
// directly, and against a server (the batch route handler behind a local
// HTTP listener, on the same test database).
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postBatch } from "@/app/api/v1/lineage/batch/route";
import { prisma } from "@/server/db";
import { whenEvaluationsSettled } from "@/server/evaluations/schedule-evaluation";
import { createApiToken } from "@/server/tokens/api-tokens";
import { runEvent } from "@/test/openlineage-fixtures";
import { useTestDatabase } from "@/test/use-database";

const database = useTestDatabase("olcli");
afterAll(() => whenEvaluationsSettled());
const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "zoneline-ol-"));

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

/** The CLI in a child process (asynchronously: with --server, this process answers its requests). */
function zoneline(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: database.url } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const counts = async () => ({ events: await prisma().openLineageEvent.count(), edges: await prisma().lineageEdge.count(), assets: await prisma().asset.count() });

const runId = "0190e3c5-4f7a-7a1e-9c1e-0000000000c1";
const job = { namespace: "cli", name: "nightly" };
const start = runEvent({ eventType: "START", eventTime: "2026-11-30T01:00:00Z", runId, job, inputs: [{ namespace: "cli", name: "src" }] });
const complete = runEvent({ eventType: "COMPLETE", eventTime: "2026-11-30T01:10:00Z", runId, job, inputs: [{ namespace: "cli", name: "src" }], outputs: [{ namespace: "cli", name: "dst" }] });

// each case spawns the CLI (tsx start-up, a database session, an evaluation): seconds each on a busy machine
describe("zoneline lineage openlineage", { timeout: 180_000 }, () => {
  it("records an .ndjson file's events on the database, then knows them as replays", async () => {
    const events = file("run.ndjson", `${JSON.stringify(start)}\n\n${JSON.stringify(complete)}\n`);
    const first = await zoneline("lineage", "openlineage", events);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: "" });
    expect(first.stdout).toContain("2 events: 2 recorded, 0 already known; 3 assets created, 2 edges created, 0 updated.");
    expect((await prisma().lineageEdge.findMany({ orderBy: { fromId: "asc" } })).map((e) => `${e.fromId}>${e.toId}:${e.signals.join()}`)).toEqual([
      "cli:nightly>cli:dst:openlineage",
      "cli:src>cli:nightly:openlineage",
    ]);
    const again = await zoneline("lineage", "openlineage", file("run.json", JSON.stringify([complete, start])));
    expect(again.stdout).toContain("2 events: 0 recorded, 2 already known");
  });

  it("exits 2 naming a bad event by its place in the file, and records none of them", async () => {
    const before = await counts();
    const good = runEvent({ eventType: "COMPLETE", eventTime: "2026-11-30T02:00:00Z", job: { namespace: "cli", name: "other" }, inputs: [{ namespace: "cli", name: "x" }] });
    const bad = file("bad.ndjson", [good, { ...good, run: {} }].map((e) => JSON.stringify(e)).join("\n"));
    const result = await zoneline("lineage", "openlineage", bad);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${bad}: [1].run.runId: required`);
    const broken = await zoneline("lineage", "openlineage", file("broken.ndjson", `${JSON.stringify(good)}\n{"eventTime": \n`));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.ndjson:2: malformed JSON/);
    expect(await counts()).toEqual(before);
  });

  it("--server posts the events to a running Zoneline's batch route with the token", async () => {
    const { secret } = await createApiToken({ system: "cli" }, { name: "cli-test", scopes: ["ingest"] });
    const server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const response = await postBatch(new Request(`http://localhost${req.url}`, { method: "POST", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }));
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(await response.text());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const event = runEvent({ eventType: "COMPLETE", eventTime: "2026-11-30T03:00:00Z", job: { namespace: "cli", name: "remote" }, inputs: [{ namespace: "cli", name: "src" }] });
      const events = file("remote.json", JSON.stringify(event));
      const result = await zoneline("lineage", "openlineage", events, "--server", url, "--token", secret);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
      expect(result.stdout).toContain("1 event: 1 recorded, 0 already known; 1 asset created, 1 edge created");
      expect((await prisma().openLineageEvent.findFirstOrThrow({ where: { jobName: "remote" } })).receivedBy).toBe("token:cli-test");
      const refused = await zoneline("lineage", "openlineage", events, "--server", url, "--token", "zl_" + "x".repeat(43));
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("unknown, revoked or expired token (HTTP 401)");
    } finally {
      server.close();
    }
  });
});
