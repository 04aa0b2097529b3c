import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { embeddedUrl, findRunningEmbedded } from "../server/db/embedded";
import { cookieHeader } from "./auth";
import { E2E_PORT } from "./servers";

// Two app processes on one database, as replicas behind a load balancer run:
// the server Playwright started and a second `next start` on another port.
// A write to the world (here through the CLI, a third process) must show in
// the very next answer of both, never a stale verdict.
const ROOT = path.resolve(import.meta.dirname, "..");
const SECOND_PORT = E2E_PORT + 7;
const EDGE = { from: "purchase_events", to: "recs_purchase_affinity" };

function databaseEnv(): Record<string, string> {
  if (process.env.DATABASE_URL) return { DATABASE_URL: process.env.DATABASE_URL };
  const running = findRunningEmbedded(path.join(ROOT, ".zoneline/e2e-pgdata"));
  if (!running) throw new Error("the e2e server's embedded database is not running");
  return { DATABASE_URL: embeddedUrl(running.port), ZONELINE_EMBEDDED: "1" };
}

// asynchronously: a blocked event loop would leave fetch a keep-alive socket the servers have closed meanwhile
async function importWorld(world: unknown) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zl-replica-")), "write.world.json");
  fs.writeFileSync(file, JSON.stringify(world));
  await promisify(execFile)(process.execPath, ["--import", "tsx", "cli/main.ts", "import", file], { cwd: ROOT, env: { ...process.env, ...databaseEnv() } });
}

const pendingPath = () => {
  const demo = JSON.parse(fs.readFileSync(path.join(ROOT, "examples/demo.world.json"), "utf8"));
  return demo.sanctionedPaths.find((p: { id: string }) => p.id === "ads-purchases-to-recs");
};
const withPath = (sanctionedPath: unknown) => ({ zones: [], assets: [], edges: [], sanctionedPaths: [sanctionedPath] });

let second: ChildProcess | undefined;

test.beforeAll(async () => {
  const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
  second = spawn(process.execPath, [nextBin, "start", "-p", String(SECOND_PORT), "-H", "127.0.0.1"], {
    cwd: ROOT,
    // replicas share one configuration: the public URL (here the first process's) and the session secret
    env: { ...process.env, ...databaseEnv(), ZONELINE_URL: `http://127.0.0.1:${E2E_PORT}`, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`http://127.0.0.1:${SECOND_PORT}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the second app process did not start");
});

test.afterAll(async () => {
  second?.kill("SIGTERM");
});

test("a write shows in the next answer of every app process", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const replicas = [baseURL!, `http://127.0.0.1:${SECOND_PORT}`];
  const verdict = async (base: string) => {
    // one session, signed in on the first process: sessions live in the database, so every replica knows it
    const response = await fetch(`${base}/api/v1/graph/explain?from=${EDGE.from}&to=${EDGE.to}`, { headers: { cookie: cookieHeader("engineer") } });
    expect(response.status, `${base}: ${await response.clone().text()}`).toBe(200);
    const body = (await response.json()) as { edge: { sanctionedPaths: { id: string }[] }; violations: unknown[] };
    return body.violations.length > 0 ? "red" : body.edge.sanctionedPaths.map((p) => p.id).join(",");
  };
  // both processes hold the world in memory, with the ads → recs crossing red
  for (const base of replicas) expect(await verdict(base)).toBe("red");

  const pending = pendingPath();
  try {
    await importWorld(withPath({ ...pending, status: "approved", reviewer: "priya.natarajan@example.com", reviewedAt: "2026-11-30T09:00:00Z" }));
    for (const base of replicas) expect(await verdict(base)).toBe("ads-purchases-to-recs");
  } finally {
    await importWorld(withPath(pending));
  }
  for (const base of replicas) expect(await verdict(base)).toBe("red");
});
