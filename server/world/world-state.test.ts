import pg from "pg";
import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/engine/evaluate";
import type { World } from "@/lib/world/schema";
import { demoWorld } from "@/test/demo-world";
import { useTestDatabase } from "@/test/use-database";
import { importWorld } from "./import-world";
import { currentWorldState, resetWorldState } from "./world-state";
import { changesSince, describeWorldChanges, readWorldVersion } from "./world-version";

const db = useTestDatabase("version");

const verdicts = (world: World, at = new Date()) =>
  evaluate(world, { at }).violations.map((v) => `${v.kind} ${v.asset ?? ""} ${v.edge?.from ?? ""}>${v.edge?.to ?? ""} ${v.zone} ${v.categories.join(",")}`);

describe("the world version", () => {
  it("moves on with every committed write to a world table, once per transaction, and not for a write that changes nothing", async () => {
    expect(await readWorldVersion()).toBe(0);
    await importWorld({ world: demoWorld() });
    const afterImport = await readWorldVersion();
    expect(afterImport).toBe(1);
    const p = db.prisma();
    const writes: [string, () => Promise<unknown>][] = [
      ["Zone", () => p.zone.update({ where: { id: "ads" }, data: { description: "changed" } })],
      ["ZoneCategoryRule", () => p.zoneCategoryRule.updateMany({ where: { zoneId: "ads", position: 0 }, data: { requireConsent: true } })],
      ["ZonePurpose", () => p.zonePurpose.deleteMany({ where: { zoneId: "ads", position: 0 } })],
      ["Asset", () => p.asset.updateMany({ where: { id: "purchase_events" }, data: { owner: "someone" } })],
      ["AssetLabel", () => p.assetLabel.deleteMany({ where: { assetId: "purchase_events", position: 0 } })],
      ["LineageEdge", () => p.lineageEdge.updateMany({ where: { fromId: "purchase_events" }, data: { reviewState: "reviewed" } })],
      ["SanctionedPath", () => p.sanctionedPath.updateMany({ data: { reviewNote: "seen" } })],
      ["DataCategory", () => p.dataCategory.create({ data: { key: "user.sensor.radar", name: "Radar", parentKey: "user.sensor", custom: true } })],
      ["Purpose", () => p.purpose.create({ data: { key: "analytics.radar", name: "Radar analytics", parentKey: "analytics", custom: true } })],
    ];
    let expected = afterImport;
    for (const [table, write] of writes) {
      await write();
      expected++;
      expect({ table, version: await readWorldVersion() }).toEqual({ table, version: expected });
    }
    // no row changed: no new version
    await p.zone.updateMany({ where: { id: "no-such-zone" }, data: { description: "x" } });
    await p.$executeRaw`INSERT INTO "DataCategory" ("key", "name") VALUES ('user', 'again') ON CONFLICT ("key") DO NOTHING`;
    // a rolled-back write leaves no version behind
    await p.$transaction(async (tx) => {
      await tx.zone.update({ where: { id: "ads" }, data: { description: "rolled back" } });
      throw new Error("abort");
    }).catch(() => {});
    expect(await readWorldVersion()).toBe(expected);
    // several writes in one transaction: one version
    await p.$transaction(async (tx) => {
      await tx.zone.update({ where: { id: "ads" }, data: { description: "a" } });
      await tx.asset.updateMany({ where: { id: "purchase_events" }, data: { owner: "b" } });
    });
    expect(await readWorldVersion()).toBe(expected + 1);
  });

  // PGlite has one session: its transactions never overlap, so there is no race to test there
  const embedded = !process.env.DATABASE_URL && !process.env.ZONELINE_TEST_ADMIN_URL;
  it.skipIf(embedded)("gives versions in commit order without gaps when writers race", async () => {
    const before = await readWorldVersion();
    const clients = await Promise.all([0, 1].map(async () => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      return client;
    }));
    try {
      const [a, b] = clients;
      await a.query("BEGIN");
      await a.query(`UPDATE "Zone" SET "description" = 'a' WHERE "id" = 'ads'`);
      await b.query("BEGIN");
      // b waits for a's world lock, so b cannot take a version before a commits
      const bWrite = b.query(`UPDATE "Zone" SET "description" = 'b' WHERE "id" = 'reporting'`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await a.query("COMMIT");
      await bWrite;
      await b.query("COMMIT");
      const rows = (await a.query(`SELECT "version", "txid" FROM "WorldChange" WHERE "version" > $1 ORDER BY "version"`, [before])).rows;
      expect(rows.map((r) => r.version)).toEqual([before + 1, before + 2]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it("logs described changes for replay; an undescribed write cannot be replayed", async () => {
    const base = await readWorldVersion();
    await db.prisma().$transaction(async (tx) => {
      await tx.lineageEdge.deleteMany({ where: { fromId: "purchase_events", toId: "lookalike_audience_job" } });
      await describeWorldChanges(tx, [{ kind: "removeEdge", from: "purchase_events", to: "lookalike_audience_job" }]);
    });
    expect(await changesSince(base, base + 1)).toEqual([{ kind: "removeEdge", from: "purchase_events", to: "lookalike_audience_job" }]);
    await db.prisma().zone.update({ where: { id: "ads" }, data: { description: "undescribed" } });
    expect(await changesSince(base, base + 2)).toBeNull();
  });
});

describe("the cached world state", () => {
  it("catches up by replaying described changes, and answers as a full evaluation of the database would", async () => {
    resetWorldState();
    const first = await currentWorldState();
    expect(first.reachedBy).toBe("load");
    expect(await currentWorldState()).toBe(first); // same version: the same state, no reload

    // a partial import is described: this process (and any other) replays it
    const world = demoWorld();
    const edge = world.edges.find((e) => e.from === "purchase_events" && e.to === "recs_purchase_affinity")!;
    await importWorld({ world: { taxonomy: { categories: [], purposes: [] }, zones: [], assets: [], sanctionedPaths: [], edges: [{ ...edge, transforms: ["aggregate"] }] } });
    const replayed = await currentWorldState();
    expect(replayed.reachedBy).toBe("replay");
    expect(replayed.version).toBe(await readWorldVersion());
    const { loadWorld } = await import("./load-world");
    const fromDatabase = await loadWorld();
    expect(verdicts(replayed.world())).toEqual(verdicts(fromDatabase));
    expect(replayed.evaluation.violations.map((v) => `${v.kind} ${v.asset ?? ""} ${v.edge?.from ?? ""}>${v.edge?.to ?? ""} ${v.zone} ${v.categories.join(",")}`)).toEqual(verdicts(fromDatabase));

    // an undescribed write (here straight SQL) makes the state reload
    await db.prisma().lineageEdge.updateMany({ where: { fromId: edge.from, toId: edge.to }, data: { transforms: [] } });
    const reloaded = await currentWorldState();
    expect(reloaded.reachedBy).toBe("load");
    expect(reloaded.evaluation.edgeVerdict(edge.from, edge.to)).toBe(evaluate(await loadWorld()).edgeVerdict(edge.from, edge.to));
  });

  it("evaluates again once an approved path expires, even when nothing was written", async () => {
    const world = demoWorld();
    const crossing = evaluate(world).violations.find((v) => v.kind === "unsanctioned_crossing" && v.edge?.from === "purchase_events")!;
    const from = world.assets.find((a) => a.id === crossing.edge!.from)!.zone!;
    const to = world.assets.find((a) => a.id === crossing.edge!.to)!.zone;
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    await importWorld({
      world: {
        taxonomy: { categories: [], purposes: [] },
        zones: [],
        assets: [],
        edges: [],
        sanctionedPaths: [{ id: "short_lived", from, to, categories: ["user"], purpose: null, justification: "test", requester: "a", reviewer: "b", status: "approved", expiresAt, requestedAt: null, reviewedAt: null, reviewNote: null }],
      },
    });
    const covered = await currentWorldState();
    expect(covered.evaluation.edgeVerdict(crossing.edge!.from, crossing.edge!.to)).toBe("sanctioned");
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const expired = await currentWorldState();
    expect(expired.version).toBe(covered.version);
    expect(expired.evaluation.edgeVerdict(crossing.edge!.from, crossing.edge!.to)).toBe("violation");
  });
});

describe("the world listener", () => {
  const embedded = !process.env.DATABASE_URL && !process.env.ZONELINE_TEST_ADMIN_URL;
  it.skipIf(embedded)("catches the cached state up when another process writes, before any request asks", async () => {
    const { startWorldListener, stopWorldListener } = await import("./world-listener");
    const { cachedWorldVersion } = await import("./world-state");
    await currentWorldState();
    startWorldListener();
    try {
      // another process writes (a plain connection of its own), describing its change
      const other = new pg.Client({ connectionString: db.url });
      await other.connect();
      await other.query("BEGIN");
      await other.query(`UPDATE "Zone" SET "mode" = 'logging' WHERE "id" = 'ads'`);
      const { rows } = await other.query(`SELECT zl_note_world_change() AS v`);
      await other.query("COMMIT");
      await other.end();
      const written = rows[0].v as number;
      for (let i = 0; i < 100 && cachedWorldVersion() !== written; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(cachedWorldVersion()).toBe(written);
    } finally {
      await stopWorldListener();
    }
  });
});
