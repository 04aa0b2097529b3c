// Ingestion plans a request against this process's cached world before it
// takes the world lock (no reads but the stored facets), and keeps the plan
// when the lock's base is the version it planned on; otherwise (no cache,
// another process wrote) it plans under the lock from the database. After
// commit the cache replays the request's own change from memory. Both paths
// must write exactly the same: the same requests are run on two databases, one with the cache
// kept warm, one with it dropped before every request, and the answers,
// the world, the facets, the label suggestions and the audit payloads compared.
import { afterAll, describe, expect, it } from "vitest";
import { parseOpenLineageBatch } from "@/lib/lineage/openlineage-event";
import { parseWorld } from "@/lib/world";
import { disconnectPrisma, prisma } from "@/server/db";
import { loadWorld } from "@/server/world/load-world";
import { importWorld } from "@/server/world/import-world";
import { cachedWorldVersion, currentWorldState, resetWorldState } from "@/server/world/world-state";
import { describeWorldChanges, readWorldVersion } from "@/server/world/world-version";
import { columnLineageFacet, jobEvent, runEvent, schemaFacet, zonelineFacet } from "@/test/openlineage-fixtures";
import { createMigratedDatabase, type TestDatabase } from "@/test/database";
import { recordOpenLineageEvents } from "./record-openlineage-events";

const databases: TestDatabase[] = [];
const originalUrl = process.env.DATABASE_URL;
afterAll(async () => {
  await disconnectPrisma();
  resetWorldState();
  for (const database of databases) await database.drop();
  if (originalUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = originalUrl;
  delete process.env.ZONELINE_EMBEDDED;
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 8, minute)).toISOString();
const lake = (name: string, facets?: Record<string, Record<string, unknown>>) => ({ namespace: "lake", name, facets });
const job = (name: string, facets?: Record<string, Record<string, unknown>>) => ({ namespace: "airflow", name, facets });

/** Requests that make every kind of write: new assets and edges, existing edges moved on, facets, `zoneline` facets, suggestions, replays. */
function requests(): unknown[][] {
  const runId = "7a1c2f4e-2a0b-4c55-9a6e-0d2b7f3e1c11";
  return [
    [
      runEvent({ eventType: "START", eventTime: at(1), runId, job: job("daily_orders"), inputs: [lake("orders")], outputs: [lake("orders_daily", { schema: schemaFacet([{ name: "email" }, { name: "total" }]) })] }),
      runEvent({ eventType: "COMPLETE", eventTime: at(2), runId, job: job("daily_orders"), inputs: [lake("orders"), lake("customers")], outputs: [lake("orders_daily")] }),
    ],
    [
      // the same edges later, one earlier (firstSeen moves back), and a new reader
      runEvent({ eventType: "COMPLETE", eventTime: at(30), job: job("daily_orders"), inputs: [lake("orders")], outputs: [lake("orders_daily")] }),
      runEvent({ eventType: "COMPLETE", eventTime: at(0), job: job("daily_orders"), inputs: [lake("customers")], outputs: [] }),
      runEvent({
        eventType: "COMPLETE",
        eventTime: at(31),
        job: job("train_ranker", { zoneline: zonelineFacet({ kind: "training_job", zone: "ads", purpose: "marketing.advertising" }) }),
        inputs: [lake("orders_daily")],
        outputs: [lake("ranker_features", { columnLineage: columnLineageFacet({ contact: [{ namespace: "lake", name: "orders_daily", field: "email" }] }), schema: schemaFacet([{ name: "contact" }]) })],
      }),
    ],
    [
      // labels and a zone by facet on an existing dataset, and an edge between world assets
      runEvent({ eventType: "COMPLETE", eventTime: at(40), job: job("daily_orders"), inputs: [lake("orders", { zoneline: zonelineFacet({ zone: "ads", labels: [{ category: "user.behavior", qualifier: "pseudonymized", consented: false }] }) })], outputs: [lake("orders_daily")] }),
      jobEvent({ eventTime: at(41), job: job("export"), inputs: [lake("orders_daily")], outputs: [lake("partner_share")] }),
    ],
    [
      // labels changed again, a schema facet that changes nothing, and a job whose kind moves on
      runEvent({ eventType: "COMPLETE", eventTime: at(50), job: job("daily_orders"), inputs: [lake("orders", { zoneline: zonelineFacet({ labels: [{ category: "user.contact.email", qualifier: "identified", consented: true }] }) })], outputs: [lake("orders_daily", { schema: schemaFacet([{ name: "email" }, { name: "total" }]) })] }),
      runEvent({ eventType: "COMPLETE", eventTime: at(51), job: job("train_ranker", { zoneline: zonelineFacet({ kind: "batch_job" }) }), inputs: [lake("orders_daily")], outputs: [] }),
    ],
  ];
}

// made once: both runs send the very same events (run ids are random)
const REQUESTS = requests();

async function ingestAll(mode: "cache" | "database") {
  // scratch databases are made from the server's own one, not from the previous scratch one
  if (!process.env.ZONELINE_TEST_ADMIN_URL && originalUrl) process.env.ZONELINE_TEST_ADMIN_URL = originalUrl;
  const database = await createMigratedDatabase(`ol_${mode}`);
  databases.push(database);
  process.env.DATABASE_URL = database.url;
  if (database.kind === "pglite") process.env.ZONELINE_EMBEDDED = "1";
  await disconnectPrisma();
  resetWorldState();
  const parsed = parseWorld({
    zones: [{ id: "ads", name: "Ads", color: "#2563eb", allow: [{ category: "user.behavior" }], purposes: ["marketing.advertising"] }],
    assets: [
      { id: "orders", namespace: "lake", name: "orders", kind: "table", labels: [{ category: "user.behavior.purchase_history", qualifier: "identified" }] },
      { id: "customers", namespace: "lake", name: "customers", kind: "table" },
      { id: "daily_orders", namespace: "airflow", name: "daily_orders", kind: "batch_job" },
    ],
    edges: [{ from: "orders", to: "daily_orders", signals: ["sql"], firstSeen: "2026-10-01T00:00:00Z", lastSeen: "2026-10-02T00:00:00Z" }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  await importWorld({ world: parsed.world });
  if (mode === "cache") await currentWorldState();
  const answers = [];
  for (const body of [...REQUESTS, REQUESTS[1]]) {
    const events = parseOpenLineageBatch(body);
    if (!events.ok) throw new Error(events.issues.join("; "));
    if (mode === "database") resetWorldState();
    answers.push(await recordOpenLineageEvents({ actor: "pipeline", events: events.events, batch: true, evaluate: "none" }));
    await new Promise((resolve) => setImmediate(resolve)); // the cache's replay of the request's own change
    // the warm cache followed every write from memory: no catch-up was asked for
    if (mode === "cache") expect(cachedWorldVersion()).toBe(await readWorldVersion());
  }
  const db = prisma();
  const sorted = <T>(items: T[]) => items.map((item) => JSON.stringify(item)).sort();
  const world = await loadWorld();
  const cached = mode === "cache" ? (await currentWorldState()).world() : null;
  const result = {
    answers,
    assets: sorted(world.assets),
    edges: sorted(world.edges),
    cachedAssets: cached ? sorted(cached.assets) : null,
    cachedEdges: cached ? sorted(cached.edges) : null,
    facets: sorted(await db.assetFacets.findMany({ select: { assetId: true, facets: true, facetTimes: true } })),
    suggestions: sorted(await db.labelSuggestion.findMany({ select: { assetId: true, column: true, categoryKey: true, evidence: true, sourceAssetId: true, sourceColumn: true } })),
    audit: (await db.auditEntry.findMany({ where: { action: "lineage.openlineage" }, orderBy: { sequence: "asc" }, select: { payload: true } })).map((entry) => entry.payload),
    versions: await db.worldChange.findMany({ orderBy: { version: "asc" }, select: { version: true, described: true, changes: true } }),
    afterConcurrent: null as null | { assets: string[]; edges: string[]; cachedAssets: string[]; cachedEdges: string[] },
  };
  if (mode === "cache") {
    // another process writes (a version this one has not replayed), then requests come at once: each plans
    // against the version its cache holds, finds it outdated under the lock and plans again there
    await prisma().$transaction((tx) => describeWorldChanges(tx, []));
    const concurrent = Array.from({ length: 6 }, (_, i) =>
      parseOpenLineageBatch([runEvent({ eventType: "COMPLETE", eventTime: at(60 + i), job: job(i % 2 ? "daily_orders" : "export"), inputs: [lake("orders"), lake(`extra_${i}`)], outputs: [lake("orders_daily", { schema: schemaFacet([{ name: "email" }, { name: `c${i}` }]) })] })]),
    );
    const answers = await Promise.all(concurrent.map((parsed) => (parsed.ok ? recordOpenLineageEvents({ actor: "pipeline", events: parsed.events, batch: true, evaluate: "none" }) : Promise.reject(new Error("batch")))));
    expect(answers.map((a) => a.stored)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(new Set(answers.map((a) => a.worldVersion)).size).toBe(6);
    await new Promise((resolve) => setImmediate(resolve));
    const now = await loadWorld();
    const cachedNow = (await currentWorldState()).world();
    expect(cachedWorldVersion()).toBe(await readWorldVersion());
    result.afterConcurrent = { assets: sorted(now.assets), edges: sorted(now.edges), cachedAssets: sorted(cachedNow.assets), cachedEdges: sorted(cachedNow.edges) };
  }

  await disconnectPrisma();
  // the next database is made as the first was (from the server's own one, or a new embedded one)
  if (originalUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = originalUrl;
  delete process.env.ZONELINE_EMBEDDED;
  return result;
}

describe("resolving a request against the cached world", () => {
  it("writes exactly what resolving against the database writes, and keeps the cache equal to the database", async () => {
    const warm = await ingestAll("cache");
    const cold = await ingestAll("database");
    expect(warm.answers).toEqual(cold.answers);
    expect(warm.assets).toEqual(cold.assets);
    expect(warm.edges).toEqual(cold.edges);
    expect(warm.facets).toEqual(cold.facets);
    expect(warm.suggestions).toEqual(cold.suggestions);
    expect(warm.audit).toEqual(cold.audit);
    expect(warm.versions).toEqual(cold.versions);
    // the cache that replayed every change from memory holds the world the database holds
    expect(warm.cachedAssets).toEqual(warm.assets);
    expect(warm.cachedEdges).toEqual(warm.edges);
    // and still after requests at once, most of them planned again under the lock
    expect(warm.afterConcurrent!.cachedAssets).toEqual(warm.afterConcurrent!.assets);
    expect(warm.afterConcurrent!.cachedEdges).toEqual(warm.afterConcurrent!.edges);
    expect(warm.afterConcurrent!.assets.length).toBe(warm.assets.length + 6);
    // the requests did what they were written to do
    expect(cold.answers.map((a) => a.stored)).toEqual([2, 3, 2, 2, 0]);
    expect(cold.answers[2].assetsUpdated).toBeGreaterThan(0);
    expect(cold.suggestions.length).toBeGreaterThan(1);
    expect(warm.edges.some((edge) => edge.includes('"from":"orders","to":"daily_orders"') && edge.includes('"firstSeen":"2026-10-01T00:00:00.000Z"') && edge.includes('"lastSeen":"2026-11-01T08:50:00.000Z"'))).toBe(true);
  });
});
