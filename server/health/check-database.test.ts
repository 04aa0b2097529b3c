import { afterAll, describe, expect, it } from "vitest";
import { disconnectPrisma } from "../db";
import { checkDatabase } from "./check-database";
import { GET } from "@/app/api/health/route";
import { useTestDatabase } from "@/test/use-database";

useTestDatabase("health");

describe("/api/health", () => {
  it("answers 200 with the database's latency when it is up", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { ok: true, migrations: expect.any(Number) } });
  });

  it("answers 503 with a clear message when the database is unreachable", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/nowhere";
    await disconnectPrisma();
    try {
      const health = await checkDatabase();
      expect(health).toMatchObject({ ok: false });
      expect(!health.ok && health.message).toMatch(/unreachable/);
      const response = await GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "unavailable", database: { ok: false } });
    } finally {
      process.env.DATABASE_URL = saved;
      await disconnectPrisma();
    }
  });
});

afterAll(() => disconnectPrisma());
