import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseWorld, serializeWorld } from "@/lib/world";
import type { World } from "@/lib/world/schema";
import { useTestDatabase } from "@/test/use-database";
import { importWorld } from "./import-world";
import { loadWorld } from "./load-world";

const db = useTestDatabase("world");
const ROOT = path.resolve(import.meta.dirname, "../..");

function worldFile(name: string): World {
  const result = parseWorld(JSON.parse(fs.readFileSync(path.join(ROOT, "examples", name), "utf8")));
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return result.world;
}

describe("world import and export", () => {
  it("imports the demo world, and importing it again changes nothing at all", async () => {
    const demo = worldFile("demo.world.json");
    const first = await importWorld({ world: demo, actor: "test" });
    expect(first.changed).toBe(true);
    expect(first.created.assets).toBe(demo.assets.length);
    expect(first.created.edges).toBe(demo.edges.length);

    const p = db.prisma();
    const snapshot = async () => ({
      zones: await p.zone.findMany({ orderBy: { id: "asc" } }),
      assets: await p.asset.findMany({ orderBy: { id: "asc" } }),
      edges: await p.lineageEdge.findMany({ orderBy: { id: "asc" } }),
      paths: await p.sanctionedPath.findMany({ orderBy: { id: "asc" } }),
      audit: await p.auditEntry.count(),
    });
    const before = await snapshot();
    const second = await importWorld({ world: demo, actor: "test" });
    expect(second.changed).toBe(false);
    expect(second.unchanged.assets).toBe(demo.assets.length);
    // not even updatedAt moves, and no audit entry is written
    expect(await snapshot()).toEqual(before);
  });

  it("export → import → export is byte-identical and equals the imported file", async () => {
    const demo = worldFile("demo.world.json");
    const exported = serializeWorld(await loadWorld());
    expect(exported).toBe(serializeWorld(demo));
    const reparsed = parseWorld(JSON.parse(exported));
    expect(reparsed.ok).toBe(true);
    if (!reparsed.ok) return;
    expect((await importWorld({ world: reparsed.world })).changed).toBe(false);
    expect(serializeWorld(await loadWorld())).toBe(exported);
  });

  it("a changed entity is updated in place and the change is audited", async () => {
    const demo = worldFile("demo.world.json");
    const changed: World = {
      ...demo,
      assets: demo.assets.map((a) => (a.id === "purchase_events" ? { ...a, owner: "new-owner@example.com", labels: a.labels.slice(0, 1) } : a)),
    };
    const auditBefore = await db.prisma().auditEntry.count();
    const summary = await importWorld({ world: changed, actor: "test" });
    expect(summary.updated.assets).toBe(1);
    expect(summary.unchanged.assets).toBe(demo.assets.length - 1);
    const asset = await db.prisma().asset.findUniqueOrThrow({ where: { id: "purchase_events" }, include: { labels: true } });
    expect(asset.owner).toBe("new-owner@example.com");
    expect(asset.labels).toHaveLength(1);
    expect(await db.prisma().auditEntry.count()).toBe(auditBefore + 1);
    const entry = await db.prisma().auditEntry.findFirstOrThrow({ orderBy: { sequence: "desc" } });
    expect(entry).toMatchObject({ action: "world.import", actor: "test" });
  });

  it("an import that fails half-way writes nothing (all or nothing)", async () => {
    const before = serializeWorld(await loadWorld());
    const auditBefore = await db.prisma().auditEntry.count();
    // passes the parser's shape but breaks a foreign key in the database: the
    // zone is written before the asset that references a purpose the database lacks
    const broken: World = {
      taxonomy: { categories: [], purposes: [] },
      zones: [{ id: "brand_new", name: "Brand new", description: null, color: "#000000", owner: null, mode: "enforcing", allow: [], purposes: [], dataSubjects: [], retention: null }],
      assets: [{ id: "orphan", namespace: "x", name: "orphan", kind: "table", zone: "brand_new", labels: [], purpose: "no.such.purpose", owner: null, description: null }],
      edges: [],
      sanctionedPaths: [],
    };
    await expect(importWorld({ world: broken })).rejects.toThrow();
    expect(await db.prisma().zone.findUnique({ where: { id: "brand_new" } })).toBeNull();
    expect(serializeWorld(await loadWorld())).toBe(before);
    expect(await db.prisma().auditEntry.count()).toBe(auditBefore);
  });
});

describe("import against what the database already holds", () => {
  it("refuses an asset that takes another asset's namespace and name, naming the path, and writes nothing", async () => {
    const before = serializeWorld(await loadWorld());
    const existing = (await loadWorld()).assets[0];
    const clash: World = {
      taxonomy: { categories: [], purposes: [] },
      zones: [],
      assets: [{ ...existing, id: `${existing.id}_copy` }],
      edges: [],
      sanctionedPaths: [],
    };
    const error = await importWorld({ world: clash }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_REQUEST", details: [`assets[0].name: "${existing.namespace}" / "${existing.name}" already belongs to asset "${existing.id}" in the database`] });
    expect(serializeWorld(await loadWorld())).toBe(before);
  });
});

describe("a partial world", () => {
  it("may refer to zones and assets the database already holds, and adds only itself", async () => {
    const { loadParseContext } = await import("./load-world");
    const partial = {
      assets: [{ id: "lookalike_report", namespace: "reports", name: "lookalike_report", kind: "report", zone: "ads" }],
      edges: [{ from: "lookalike", to: "lookalike_report", signals: ["sql"] }],
    };
    expect(parseWorld(partial).ok).toBe(false);
    const parsed = parseWorld(partial, await loadParseContext());
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const assetsBefore = (await loadWorld()).assets.length;
    const summary = await importWorld({ world: parsed.world });
    expect(summary.created).toMatchObject({ assets: 1, edges: 1, zones: 0 });
    const after = await loadWorld();
    expect(after.assets).toHaveLength(assetsBefore + 1);
    expect(after.edges.some((e) => e.from === "lookalike" && e.to === "lookalike_report")).toBe(true);
    const unknown = parseWorld({ edges: [{ from: "lookalike", to: "nowhere" }] }, await loadParseContext());
    expect(unknown.ok ? [] : unknown.errors.map((e) => `${e.path}: ${e.message}`)).toEqual(['edges[0].to: unknown asset "nowhere"']);
  });
});
