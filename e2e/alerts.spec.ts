import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, verifySignature } from "../lib/alerts/signature";
import { embeddedUrl, findRunningEmbedded } from "../server/db/embedded";
import { cookieHeader, storageFor } from "./auth";
import { E2E_PORT } from "./servers";

// Continuous verification end to end (README "Alerts"): a reviewer adds a webhook to the Ads zone,
// an engineer's SQL lineage opens a violation there, and the receiver this test runs gets exactly
// one accepted, signed delivery, even though the worker process dies with an attempt in flight and
// a new process takes over. The server Playwright started runs no alert worker (playwright.config.ts),
// so the worker here, which the test starts, kills and restarts, is the only one.
const ROOT = path.resolve(import.meta.dirname, "..");
const WORKER_PORT = E2E_PORT + 8;
const SECRET = "e2e-receiver-secret-0123456789abcdef";
const TABLE = `alert_e2e_export_${Date.now().toString(36)}`;

function databaseEnv(): Record<string, string> {
  if (process.env.DATABASE_URL) return { DATABASE_URL: process.env.DATABASE_URL };
  const running = findRunningEmbedded(path.join(ROOT, ".zoneline/e2e-pgdata"));
  if (!running) throw new Error("the e2e server's embedded database is not running");
  return { DATABASE_URL: embeddedUrl(running.port), ZONELINE_EMBEDDED: "1" };
}

type Received = { delivery: string; event: string; signed: boolean; subject: string; answered: number | "hung up" };

/** The receiver: answers 500 first, leaves the second request hanging (the worker is killed then), accepts the rest. */
function startReceiver() {
  const received: Received[] = [];
  let onHang: () => void = () => {};
  const hung = new Promise<void>((resolve) => (onHang = resolve));
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const payload = JSON.parse(body) as { violation: { subject: string } };
      const entry: Received = {
        delivery: String(req.headers[DELIVERY_HEADER]),
        event: String(req.headers[EVENT_HEADER]),
        signed: verifySignature(SECRET, body, req.headers[SIGNATURE_HEADER] as string | undefined),
        subject: payload.violation.subject,
        answered: 200,
      };
      const ours = received.filter((r) => r.subject === entry.subject).length;
      received.push(entry);
      if (ours === 0) entry.answered = 500;
      if (ours === 1) {
        entry.answered = "hung up";
        onHang();
        return; // no answer: the worker dies waiting
      }
      res.writeHead(entry.answered as number).end();
    });
  });
  return {
    received,
    hung,
    url: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/zoneline-hook`))),
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A `next start` process on the same database whose only job here is the alert worker. */
async function startWorkerProcess(): Promise<ChildProcess> {
  const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(WORKER_PORT), "-H", "127.0.0.1"], {
    cwd: ROOT,
    detached: true, // its own process group, so the test can kill it (and anything it forked) at once
    env: {
      ...process.env,
      ...databaseEnv(),
      ZONELINE_URL: `http://127.0.0.1:${E2E_PORT}`,
      NEXT_TELEMETRY_DISABLED: "1",
      ZONELINE_ALERT_WORKER: "1",
      ZONELINE_WEBHOOK_TIMEOUT_MS: "2000",
      ZONELINE_WEBHOOK_RETRY_DELAY_SECONDS: "1",
      ZONELINE_ALERT_EXPIRE_SECONDS: "8",
      ZONELINE_ALERT_MONITOR_SECONDS: "2",
      ZONELINE_ALERT_POLL_SECONDS: "0.5",
      ZONELINE_ALERT_SWEEP_SECONDS: "1",
    },
    stdio: "ignore",
  });
  for (let i = 0; i < 120; i++) {
    if (await fetch(`http://127.0.0.1:${WORKER_PORT}/api/health`).then((r) => r.ok).catch(() => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the worker process did not start");
}

const killGroup = (child: ChildProcess | undefined, signal: NodeJS.Signals) => {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
};

const receiver = startReceiver();
let worker: ChildProcess | undefined;

test.afterAll(async () => {
  killGroup(worker, "SIGTERM");
  await receiver.stop();
  // The specs after this one share the demo world and count its assets: take out the two tables the SQL
  // lineage added (their edges go with them). A raw write: every process reloads the world on its next read.
  const client = new pg.Client({ connectionString: databaseEnv().DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DELETE FROM "Asset" WHERE namespace = 'warehouse' AND name = ANY($1::text[])`, [[TABLE, `${TABLE}_2`]]);
  } finally {
    await client.end();
  }
});

test("a new violation reaches the zone's webhook exactly once, signed, across a worker restart", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const hookUrl = await receiver.url();
  worker = await startWorkerProcess();

  // the reviewer adds the webhook on the zone's page, with a secret of the receiver's choosing
  const reviewer = await browser.newContext({ storageState: storageFor("privacy_reviewer") });
  const page = await reviewer.newPage();
  await page.goto("/zones/ads");
  const form = page.getByRole("form", { name: "Add a webhook" });
  await form.getByLabel("URL").fill("ftp://not-http.example.com/");
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(form.getByRole("alert")).toContainText("url: only http and https URLs can receive webhooks");
  await form.getByLabel("URL").fill(hookUrl);
  await form.getByLabel(/Description/).fill("e2e receiver");
  await form.getByLabel(/Signing secret/).fill(SECRET);
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(form.getByRole("status")).toContainText("Webhook added");
  const webhook = page.getByTestId("webhook").filter({ hasText: "e2e receiver" });
  await expect(webhook).toBeVisible();

  // an engineer's SQL lineage copies purchase events out of the Ads zone: a new crossing
  const response = await fetch(`${baseURL}/api/v1/lineage/sql`, {
    method: "POST",
    headers: { cookie: cookieHeader("engineer"), "content-type": "application/json" },
    body: JSON.stringify({ sql: `INSERT INTO ${TABLE} SELECT * FROM purchase_events`, dialect: "postgres", namespace: "warehouse" }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const subject = `edge:purchase_events->warehouse:${TABLE}`;
  const ours = () => receiver.received.filter((r) => r.subject === subject);

  // first attempt: 500; second: in flight when the worker process is killed
  await receiver.hung;
  killGroup(worker, "SIGKILL");
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(ours().map((r) => r.answered)).toEqual([500, "hung up"]);

  // a new process takes over: the expired attempt is retried and accepted
  worker = await startWorkerProcess();
  await expect.poll(() => ours().map((r) => r.answered), { timeout: 90_000, intervals: [500] }).toEqual([500, "hung up", 200]);
  const deliveryIds = new Set(ours().map((r) => r.delivery));
  expect(deliveryIds.size).toBe(1);
  expect(ours().every((r) => r.signed && r.event === "violation.opened")).toBe(true);

  // more evaluations of the still-open violation send nothing more
  const again = await fetch(`${baseURL}/api/v1/lineage/sql`, {
    method: "POST",
    headers: { cookie: cookieHeader("engineer"), "content-type": "application/json" },
    body: JSON.stringify({ sql: `INSERT INTO ${TABLE}_2 SELECT * FROM ${TABLE}`, dialect: "postgres", namespace: "warehouse" }),
  });
  expect(again.status).toBe(201);
  await page.goto("/violations");
  await page.getByRole("button", { name: "Re-run evaluation" }).click();
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  expect(ours().filter((r) => r.answered === 200)).toHaveLength(1);
  expect(ours()).toHaveLength(3);

  // the zone's page shows the delivery and its attempts
  await page.goto("/zones/ads");
  const delivery = webhook.getByTestId("delivery").filter({ hasText: TABLE });
  await expect(delivery).toContainText("delivered");
  await delivery.locator("summary").click();
  await expect(delivery).toContainText("500");
  await webhook.screenshot({ path: "screenshots/zone-webhooks.png" });

  // removing the webhook (so later specs' violations alert nobody)
  await webhook.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("webhook").filter({ hasText: "e2e receiver" })).toHaveCount(0);
  await reviewer.close();
});
