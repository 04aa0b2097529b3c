// Alerts (DESIGN.md 7, README "Alerts"): a violation that opens in a zone with webhooks is POSTed to
// each of them once, signed, retried until it is accepted, through the pg-boss queue, on a real database.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "@/lib/alerts/signature";
import { parseWorld } from "@/lib/world";
import type { Actor } from "@/server/auth/actor";
import { useTestDatabase } from "@/test/use-database";
import { runEvaluation } from "../evaluations/run-evaluation";
import { importWorld } from "../world/import-world";
import { settleAbandonedDeliveries, startAlertWorker, stopAlertWorker } from "./alert-queue";
import { createWebhook, listZoneWebhooks, removeWebhook } from "./manage-webhooks";
import { sendTestDelivery } from "./send-test-delivery";

const db = useTestDatabase("alerts");
const rosa: Actor = { id: "u1", email: "rosa@test.zoneline", name: "Rosa", roles: ["privacy_reviewer"] };
const engineer: Actor = { id: "u2", email: "eng@test.zoneline", name: "Eng", roles: ["engineer"] };

type Received = { headers: http.IncomingHttpHeaders; body: string; answered: number };

/** A webhook receiver: answers each request with the next status of `plan` (then 200), records everything. */
function receiver() {
  const received: Received[] = [];
  let plan: number[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const status = plan.shift() ?? 200;
      received.push({ headers: req.headers, body, answered: status });
      res.writeHead(status).end();
    });
  });
  return {
    received,
    answer(statuses: number[]) {
      plan = [...statuses];
    },
    async start() {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const world = (edges: { from: string; to: string }[]) => {
  const parsed = parseWorld({
    zones: [
      { id: "ads", name: "Ads", color: "#2563eb", allow: [{ category: "user" }], purposes: [] },
      { id: "quiet", name: "Quiet", color: "#16a34a", allow: [{ category: "user" }], purposes: [] },
    ],
    assets: [
      { id: "events", namespace: "w", name: "events", kind: "table", zone: "ads", labels: [{ category: "user.behavior.purchase_history", qualifier: "identified" }] },
      { id: "quiet_events", namespace: "w", name: "quiet_events", kind: "table", zone: "quiet", labels: [{ category: "user.behavior.purchase_history", qualifier: "identified" }] },
      { id: "export", namespace: "bi", name: "export", kind: "report" },
      { id: "quiet_export", namespace: "bi", name: "quiet_export", kind: "report" },
    ],
    edges: edges.map((e) => ({ ...e, signals: ["sql"] })),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.world;
};

const hook = receiver();
let url = "";
const waitFor = async <T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

beforeAll(async () => {
  process.env.ZONELINE_WEBHOOK_RETRY_DELAY_SECONDS = "1";
  process.env.ZONELINE_WEBHOOK_RETRY_LIMIT = "3";
  process.env.ZONELINE_ALERT_POLL_SECONDS = "0.5";
  process.env.ZONELINE_ALERT_SWEEP_SECONDS = "0.5";
  process.env.ZONELINE_WEBHOOK_TIMEOUT_MS = "3000";
  process.env.ZONELINE_URL = "https://zoneline.example.com";
  url = await hook.start();
  await importWorld({ world: world([]) });
  await runEvaluation({ trigger: "test" });
});

afterAll(async () => {
  await stopAlertWorker();
  await hook.stop();
});

describe("webhooks are zone configuration", () => {
  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await db.prisma().auditEntry.count();
    await expect(createWebhook(rosa, { zoneId: "ads", url: "ftp://example.com/x" })).rejects.toMatchObject({ code: "UNPROCESSABLE", details: ["url: only http and https URLs can receive webhooks"] });
    await expect(createWebhook(rosa, { zoneId: "ads", url: "not a url" })).rejects.toMatchObject({ code: "UNPROCESSABLE", details: ["url: not a valid URL"] });
    await expect(createWebhook(rosa, { zoneId: "ads", url, secret: "short" })).rejects.toMatchObject({ code: "UNPROCESSABLE", details: [expect.stringMatching(/^secret: at least 16/)] });
    await expect(createWebhook(rosa, { zoneId: "nowhere", url })).rejects.toMatchObject({ code: "NOT_FOUND", message: 'zoneId: no zone "nowhere"' });
    await expect(createWebhook(engineer, { zoneId: "ads", url })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.prisma().webhook.count()).toBe(0);
    expect(await db.prisma().auditEntry.count()).toBe(before);
  });

  it("creation and removal are audited, without the secret", async () => {
    const created = await createWebhook(rosa, { zoneId: "ads", url: `${url}?token=receiver-secret`, description: "to be removed" });
    expect(created.generatedSecret).toMatch(/^whsec_.{43}$/);
    const entry = await db.prisma().auditEntry.findFirstOrThrow({ where: { action: "webhook.create", subject: `webhook:${created.id}` } });
    expect(entry).toMatchObject({ actor: rosa.email, payload: { zone: "ads", url: `${url}?…`, description: "to be removed", secret: "generated" } });
    expect(JSON.stringify(entry.payload)).not.toContain(created.generatedSecret);
    expect(JSON.stringify(entry.payload)).not.toContain("receiver-secret");
    await expect(createWebhook(rosa, { zoneId: "ads", url: `${url}?token=receiver-secret` })).rejects.toMatchObject({ code: "CONFLICT" });

    await expect(removeWebhook(engineer, created.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await removeWebhook(rosa, created.id);
    expect(await db.prisma().webhook.count()).toBe(0);
    const removal = await db.prisma().auditEntry.findFirstOrThrow({ where: { action: "webhook.remove", subject: `webhook:${created.id}` } });
    expect(removal.payload).toMatchObject({ zone: "ads", deliveries: 0 });
    await expect(removeWebhook(rosa, created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a new violation raises one signed delivery per webhook", () => {
  const secret = "a-receiver-chosen-secret-0123456789";
  let webhookId = "";

  it("two concurrent evaluations create one delivery for the episode; zones without webhooks get none", async () => {
    webhookId = (await createWebhook(rosa, { zoneId: "ads", url, secret })).id;
    await importWorld({ world: world([{ from: "events", to: "export" }, { from: "quiet_events", to: "quiet_export" }]) });
    const runs = await Promise.all([runEvaluation({ trigger: "test-a" }), runEvaluation({ trigger: "test-b" }), runEvaluation({ trigger: "test-c" })]);
    expect(runs.reduce((n, r) => n + r.newViolations, 0)).toBe(2);
    expect(runs.reduce((n, r) => n + r.alerts, 0)).toBe(1);
    const deliveries = await db.prisma().alertDelivery.findMany({ include: { violation: true } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ webhookId, status: "pending", attempts: 0, enqueuedAt: null, violation: { kind: "unsanctioned_crossing", zoneId: "ads", subject: "edge:events->export" } });
    // the quiet zone's crossing is open too, and alerts nobody
    expect(await db.prisma().violation.count({ where: { zoneId: "quiet", resolvedAt: null } })).toBe(1);
  });

  it("the worker delivers it signed, retries a 500 with the same delivery id, and records each attempt", async () => {
    hook.answer([500]);
    await startAlertWorker();
    const delivered = await waitFor("the delivery", async () => {
      const row = await db.prisma().alertDelivery.findFirst({ where: { webhookId, status: "delivered" }, include: { attemptLog: { orderBy: { attemptedAt: "asc" } } } });
      return row ?? undefined;
    });
    expect(hook.received.map((r) => r.answered)).toEqual([500, 200]);
    const [first, second] = hook.received;
    for (const request of hook.received) {
      expect(request.headers[DELIVERY_HEADER]).toBe(delivered.id);
      expect(request.headers[EVENT_HEADER]).toBe("violation.opened");
      expect(Date.parse(String(request.headers[TIMESTAMP_HEADER]))).toBeGreaterThan(0);
      expect(verifySignature(secret, request.body, String(request.headers[SIGNATURE_HEADER]))).toBe(true);
      expect(verifySignature("another-secret-of-sixteen", request.body, String(request.headers[SIGNATURE_HEADER]))).toBe(false);
    }
    expect(second.body).toBe(first.body);
    const payload = JSON.parse(first.body);
    expect(payload).toMatchObject({
      event: "violation.opened",
      deliveryId: delivered.id,
      violation: {
        kind: "unsanctioned_crossing",
        edge: { from: "events", to: "export" },
        zone: "ads",
        categories: ["user.behavior.purchase_history"],
        path: ["events", "export"],
        url: "https://zoneline.example.com/violations?zone=ads&kind=unsanctioned_crossing",
      },
    });
    expect(payload.violation.explanation).toContain("export");
    expect(typeof payload.violation.worldVersion).toBe("number");
    expect(delivered).toMatchObject({ attempts: 2, lastError: null });
    expect(delivered.attemptLog.map((a) => [a.ok, a.responseCode])).toEqual([[false, 500], [true, 200]]);
    expect(delivered.attemptLog[0].error).toBe("the receiver answered HTTP 500");

    const [listed] = await listZoneWebhooks("ads");
    expect(listed).toMatchObject({ id: webhookId, counts: { delivered: 1 } });
    expect(listed).not.toHaveProperty("secret");
  });

  it("further evaluations of the still-open violation send nothing more", async () => {
    await runEvaluation({ trigger: "again" });
    await importWorld({ world: world([{ from: "events", to: "export" }, { from: "quiet_events", to: "quiet_export" }, { from: "quiet_events", to: "export" }]) });
    await runEvaluation({ trigger: "again" });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(hook.received).toHaveLength(2);
    expect(await db.prisma().alertDelivery.count()).toBe(1);
  });

  it("a violation that resolves and opens again is a new episode and alerts again", async () => {
    await db.prisma().lineageEdge.deleteMany({ where: { fromId: "events", toId: "export" } });
    expect((await runEvaluation({ trigger: "resolve" })).resolvedViolations).toBe(1);
    await importWorld({ world: world([{ from: "events", to: "export" }]) });
    const reopened = await runEvaluation({ trigger: "reopen" });
    expect(reopened.alerts).toBe(1);
    await waitFor("the second episode's delivery", async () => (await db.prisma().alertDelivery.count({ where: { status: "delivered" } })) === 2);
    const ids = new Set(hook.received.map((r) => r.headers[DELIVERY_HEADER]));
    expect(ids.size).toBe(2);
  });

  it("a receiver that keeps failing ends with a visible failed delivery after the retry limit", async () => {
    process.env.ZONELINE_WEBHOOK_RETRY_LIMIT = "1";
    hook.answer([503, 503, 503, 503]);
    await db.prisma().lineageEdge.deleteMany({ where: { fromId: "events", toId: "export" } });
    await runEvaluation({ trigger: "resolve" });
    await importWorld({ world: world([{ from: "events", to: "export" }]) });
    await runEvaluation({ trigger: "reopen" });
    const failed = await waitFor("the failed delivery", async () => (await db.prisma().alertDelivery.findFirst({ where: { status: "failed" }, include: { attemptLog: true } })) ?? undefined);
    expect(failed.attempts).toBe(2);
    expect(failed.attemptLog.map((a) => a.responseCode)).toEqual([503, 503]);
    expect(failed.lastError).toBe("the receiver answered HTTP 503");
    process.env.ZONELINE_WEBHOOK_RETRY_LIMIT = "3";
  });

  it("a delivery whose last attempt was cut short by a dying process ends failed, not pending forever", async () => {
    await stopAlertWorker(); // its sweep would settle the row in the background
    const delivery = await db.prisma().alertDelivery.findFirstOrThrow({ where: { status: "failed" } });
    const past = new Date(Date.now() - 60_000);
    // as the queue leaves it: the last claim expired and our handler never finished (attempts count claims)
    await db.prisma().alertDelivery.update({ where: { id: delivery.id }, data: { status: "pending", attempts: 3, claimedUntil: past, lastError: null } });
    expect(await settleAbandonedDeliveries()).toBe(0); // a retry is left: the queue will try again
    await db.prisma().alertDelivery.update({ where: { id: delivery.id }, data: { attempts: 4 } });
    expect(await settleAbandonedDeliveries()).toBe(1);
    expect(await db.prisma().alertDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "failed", claimedUntil: null, lastError: expect.stringContaining("cut short") });
  });
});

describe("a test delivery", () => {
  it("sends a signed ping now, answers with the receiver's status, and stores no delivery", async () => {
    const secret = "ping-secret-0123456789abcdef";
    const { id } = await createWebhook(rosa, { zoneId: "quiet", url, secret });
    const before = { deliveries: await db.prisma().alertDelivery.count(), requests: hook.received.length };
    await expect(sendTestDelivery(engineer, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    hook.answer([200, 418]);
    const accepted = await sendTestDelivery(rosa, id);
    expect(accepted).toMatchObject({ responseCode: 200, error: null });
    const ping = hook.received.at(-1)!;
    expect(ping.headers[EVENT_HEADER]).toBe("ping");
    expect(ping.headers[DELIVERY_HEADER]).toBe(accepted.deliveryId);
    expect(verifySignature(secret, ping.body, String(ping.headers[SIGNATURE_HEADER]))).toBe(true);
    expect(JSON.parse(ping.body)).toMatchObject({ event: "ping", zone: "quiet", requestedBy: rosa.email });
    expect(await sendTestDelivery(rosa, id)).toMatchObject({ responseCode: 418, error: "the receiver answered HTTP 418" });
    expect(hook.received.length).toBe(before.requests + 2);
    expect(await db.prisma().alertDelivery.count()).toBe(before.deliveries);
    await expect(sendTestDelivery(rosa, "no-such-webhook")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
