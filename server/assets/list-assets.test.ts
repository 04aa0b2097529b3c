import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseWorld } from "@/lib/world";
import { useTestDatabase } from "@/test/use-database";
import { importWorld } from "../world/import-world";
import { listAssets, NO_ZONE } from "./list-assets";
import { listQuery } from "../paging";

useTestDatabase("assets");

beforeAll(async () => {
  const parsed = parseWorld(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../examples/demo.world.json"), "utf8")));
  if (!parsed.ok) throw new Error("demo world invalid");
  await importWorld({ world: parsed.world });
});

describe("the asset list", () => {
  it("matches % and _ literally, not as wildcards", async () => {
    expect((await listAssets({ q: "u%er" })).total).toBe(0);
    const underscored = await listAssets({ q: "purchase_events" });
    expect(underscored.rows.map((a) => a.id)).toContain("purchase_events");
    expect((await listAssets({ q: "purchase_" })).total).toBeLessThan((await listAssets({ q: "purchase" })).total + 1);
    expect((await listAssets({ q: "purchase%events" })).total).toBe(0);
  });

  it("shows the last page for a page past the end, and filters by zone or by no zone", async () => {
    const all = await listAssets({});
    const past = await listAssets({ page: 999 });
    expect(past.page).toBe(all.pageCount);
    expect(past.rows.length).toBeGreaterThan(0);
    const ads = await listAssets({ zone: "ads" });
    expect(ads.rows.every((a) => a.zoneId === "ads")).toBe(true);
    const unzoned = await listAssets({ zone: NO_ZONE });
    expect(unzoned.total).toBeGreaterThan(0);
    expect(unzoned.rows.every((a) => a.zoneId === null)).toBe(true);
  });

  it("reads junk page numbers and overlong searches from the URL sensibly", () => {
    expect(listQuery.parse({ page: "abc" }).page).toBe(1);
    expect(listQuery.parse({ page: "-3" }).page).toBe(1);
    expect(listQuery.parse({ q: "x".repeat(500) }).q).toHaveLength(200);
    expect(listQuery.parse({ q: "   " }).q).toBeUndefined();
  });
});
