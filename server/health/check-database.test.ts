import { afterAll, describe, expect, it, vi } from "vitest";
import { disconnectPrisma } from "../db";
import { checkDatabase } from "./check-database";
import { GET } from "@/app/api/health/route";
import { useTestDatabase } from "@/test/use-database";

useTestDatabase("health");

const healthRequest = () => new Request("http://localhost/api/health");

describe("/api/health", () => {
  it("answers 200 with the database's latency when it is up", async () => {
    const response = await GET(healthRequest());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { ok: true, migrations: expect.any(Number) } });
  });

  it("answers 503 with a clear message when the database is unreachable, and keeps the driver's words for the log", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/nowhere";
    await disconnectPrisma();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const health = await checkDatabase();
      expect(health).toMatchObject({ ok: false });
      expect(!health.ok && health.message).toMatch(/unreachable/);
      const response = await GET(healthRequest());
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body).toMatchObject({ status: "unavailable", database: { ok: false, message: expect.stringMatching(/unreachable/) }, requestId: expect.any(String) });
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|nowhere/);
      expect(response.headers.get("x-request-id")).toBe(body.requestId);
      const logged = log.mock.calls.map((args) => args.map(String).join(" ")).join("\n");
      expect(logged).toContain(body.requestId);
      expect(logged).toContain("127.0.0.1:1");
    } finally {
      log.mockRestore();
      process.env.DATABASE_URL = saved;
      await disconnectPrisma();
    }
  });
});

afterAll(() => disconnectPrisma());
