import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { parseWorld } from "@/lib/world";
import { disconnectPrisma } from "../db";
import { useTestDatabase } from "@/test/use-database";
import { importWorld } from "./import-world";
import { loadWorld } from "./load-world";

const db = useTestDatabase("tz");

// A server whose time zone is not UTC (Debian's default follows the machine's)
beforeAll(async () => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const { rows } = await client.query<{ name: string }>("SELECT current_database() AS name");
  await client.query(`ALTER DATABASE "${rows[0].name}" SET timezone TO 'America/New_York'`);
  await client.end();
  await disconnectPrisma();
});

// The embedded PGlite always runs in UTC; the server case is the one that matters.
describe.skipIf(!process.env.DATABASE_URL)("timestamps are instants, whatever the server's time zone", () => {
  it("imports, exports and re-imports times unchanged on a New York server", async () => {
    const parsed = parseWorld({
      zones: [
        { id: "a", name: "A", color: "#111111", allow: [], purposes: [] },
        { id: "b", name: "B", color: "#222222", allow: [], purposes: [] },
      ],
      assets: [
        { id: "x", namespace: "n", name: "x", kind: "table", zone: "a" },
        { id: "y", namespace: "n", name: "y", kind: "table", zone: "b" },
      ],
      edges: [{ from: "x", to: "y", firstSeen: "2026-01-01T00:00:00Z", lastSeen: "2026-06-30T23:30:00+02:00" }],
      sanctionedPaths: [{ id: "p", from: "a", to: "b", categories: ["user"], status: "approved", expiresAt: "2026-12-31T12:00:00" }],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect((await importWorld({ world: parsed.world })).changed).toBe(true);
    const loaded = await loadWorld();
    expect(loaded.edges[0]).toMatchObject({ firstSeen: "2026-01-01T00:00:00.000Z", lastSeen: "2026-06-30T21:30:00.000Z" });
    expect(loaded.sanctionedPaths[0].expiresAt).toBe("2026-12-31T12:00:00.000Z");
    expect((await importWorld({ world: parsed.world })).changed).toBe(false);
  });
});
