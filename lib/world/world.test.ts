import { describe, expect, it } from "vitest";
import { parseWorld, parseWorldJson } from "./parse.ts";
import { normalizeTimestamp } from "./schema.ts";
import { serializeWorld } from "./serialize.ts";

const zone = { id: "ads", name: "Ads", color: "#2563eb", allow: [{ category: "user.behavior" }], purposes: ["marketing.advertising"] };
const asset = (id: string, more: Record<string, unknown> = {}) => ({ id, namespace: "warehouse", name: id, kind: "table", ...more });
const errorsOf = (input: unknown) => {
  const result = parseWorld(input);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
};

describe("parseWorld", () => {
  it("accepts DESIGN.md's example and fills in the defaults", () => {
    const result = parseWorld({
      zones: [zone],
      assets: [asset("purchase_events", { zone: "ads", labels: [{ category: "user.behavior.purchase_history", qualifier: "identified" }] })],
      edges: [],
      sanctionedPaths: [{ id: "p1", from: "ads", to: null, categories: ["user.behavior"] }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.world.zones[0]).toMatchObject({ mode: "enforcing", owner: null, description: null, allow: [{ minQualifier: "identified", requireConsent: false }] });
    expect(result.world.assets[0]).toMatchObject({ purpose: null, owner: null, labels: [{ consented: false }] });
    expect(result.world.sanctionedPaths[0]).toMatchObject({ status: "pending", expiresAt: null, purpose: null, reviewer: null });
    expect(result.world.taxonomy).toEqual({ categories: [], purposes: [] });
  });

  it("fills edge defaults: no transforms, no signals, unreviewed, no reviewer", () => {
    const result = parseWorld({ assets: [asset("a"), asset("b")], edges: [{ from: "a", to: "b" }] });
    expect(result.ok && result.world.edges[0]).toEqual({ from: "a", to: "b", transforms: [], signals: [], firstSeen: null, lastSeen: null, reviewState: "unreviewed", reviewedBy: null, reviewedAt: null });
  });

  it("normalises timestamps to full ISO UTC; one without an offset is UTC", () => {
    expect(normalizeTimestamp("2026-01-01")).toBe("2026-01-01T00:00:00.000Z");
    expect(normalizeTimestamp("2026-01-01T10:30")).toBe("2026-01-01T10:30:00.000Z");
    expect(normalizeTimestamp("2026-01-01T10:30:00+02:00")).toBe("2026-01-01T08:30:00.000Z");
    expect(normalizeTimestamp("2026-02-30T00:00:00Z")).toBeNull();
    expect(errorsOf({ assets: [asset("a"), asset("b")], edges: [{ from: "a", to: "b", lastSeen: "soon" }] })).toEqual(['edges[0].lastSeen: not an ISO-8601 timestamp: "soon"']);
  });

  it("names the JSON path of an unknown asset", () => {
    expect(errorsOf({ assets: [asset("a")], edges: [{ from: "a", to: "a" }, { from: "a", to: "a2" }, { from: "a", to: "a3" }, { from: "a", to: "x" }] })).toContain(
      'edges[3].to: unknown asset "x"',
    );
  });

  it("rejects unknown fields anywhere", () => {
    expect(errorsOf({ zones: [{ ...zone, colour: "red" }], extra: 1 })).toEqual(["extra: unknown field", "zones[0].colour: unknown field"]);
  });

  it("reports every kind of reference error, all at once", () => {
    const errors = errorsOf({
      taxonomy: { categories: [{ key: "user.sensor.camera", name: "Camera" }, { key: "user.nowhere.cam", name: "Cam" }], purposes: [] },
      zones: [zone, { ...zone, allow: [{ category: "user.nope" }], purposes: ["nope"] }],
      assets: [
        asset("a", { zone: "ghost", labels: [{ category: "user.sensor.camera", qualifier: "identified" }], purpose: "nope.either" }),
        asset("a"),
        asset("b", { name: "a" }),
      ],
      edges: [
        { from: "a", to: "b", transforms: ["drop:", "blur", "drop:nonexistent.cat"] },
        { from: "a", to: "b" },
      ],
      sanctionedPaths: [
        { id: "p", from: "ads", to: "ads", categories: ["user"], requester: "alice", reviewer: "alice" },
        { id: "p", from: "nowhere", to: "elsewhere", categories: [] },
      ],
    });
    expect(errors).toEqual([
      'taxonomy.categories[1].key: parent "user.nowhere" of "user.nowhere.cam" is not a known category',
      'zones[1].id: duplicate zone id "ads" (also zones[0])',
      'zones[1].allow[0].category: unknown category "user.nope"',
      'zones[1].purposes[0]: unknown purpose "nope"',
      'assets[0].zone: unknown zone "ghost"',
      'assets[0].purpose: unknown purpose "nope.either"',
      'assets[1].id: duplicate asset id "a" (also assets[0])',
      'assets[1].name: duplicate namespace and name "warehouse" / "a" (also assets[0])',
      'assets[2].name: duplicate namespace and name "warehouse" / "a" (also assets[0])',
      'edges[0].transforms[0]: malformed transform "drop:": drop needs a category (drop:<category>)',
      'edges[0].transforms[1]: unknown transform "blur" (expected aggregate, pseudonymize, filter_consented or drop:<category>)',
      'edges[0].transforms[2]: unknown category "nonexistent.cat" in "drop:nonexistent.cat"',
      'edges[1]: duplicate edge "a" → "b" (also edges[0])',
      'sanctionedPaths[0].to: a sanctioned path must lead out of its zone: from and to are both "ads"',
      'sanctionedPaths[0].reviewer: the reviewer must not be the requester ("alice")',
      "sanctionedPaths[1].categories: a sanctioned path allows at least one category",
      'sanctionedPaths[1].id: duplicate sanctioned path id "p" (also sanctionedPaths[0])',
      'sanctionedPaths[1].from: unknown zone "nowhere"',
      'sanctionedPaths[1].to: unknown zone "elsewhere"',
    ]);
  });

  it("a custom category under an existing parent is usable everywhere", () => {
    const result = parseWorld({
      taxonomy: { categories: [{ key: "user.sensor", name: "Sensors" }], purposes: [] },
      assets: [asset("cam", { labels: [{ category: "user.sensor", qualifier: "identified" }] })],
    });
    expect(errorsOf({ taxonomy: { categories: [{ key: "user.sensor", name: "Sensors" }] } })).toEqual(['taxonomy.categories[0].key: "user.sensor" is already in the default taxonomy']);
    expect(errorsOf({ taxonomy: { categories: [{ key: "gadgets", name: "Gadgets" }] } })).toEqual(['taxonomy.categories[0].key: custom key "gadgets" must sit under an existing parent']);
    expect(result.ok).toBe(false); // user.sensor is already a fideslang key
    expect(errorsOf({ taxonomy: { categories: [{ key: "user.sensor.camera", name: "Camera" }] }, assets: [asset("cam", { labels: [{ category: "user.sensor.camera", qualifier: "aggregated" }] })] })).toEqual([]);
  });

  it("requires the fields DESIGN.md makes mandatory", () => {
    expect(errorsOf({ zones: [{ id: "z" }], sanctionedPaths: [{ id: "p", from: "z", categories: ["user"] }] })).toEqual([
      "zones[0].name: required",
      "zones[0].color: required",
      "zones[0].allow: required",
      "zones[0].purposes: required",
      "sanctionedPaths[0].to: required",
    ]);
  });

  it("zones carry data subjects and retention for the record of processing; both optional, so older world files stay valid", () => {
    const plain = parseWorld({ zones: [zone] });
    expect(plain.ok && plain.world.zones[0]).toMatchObject({ dataSubjects: [], retention: null });
    const full = parseWorld({ zones: [{ ...zone, dataSubjects: ["customer", "prospect"], retention: "  13 months after account closure " }] });
    expect(full.ok && full.world.zones[0]).toMatchObject({ dataSubjects: ["customer", "prospect"], retention: "13 months after account closure" });
  });

  it("names an unknown or repeated data subject and an empty retention", () => {
    expect(errorsOf({ zones: [{ ...zone, dataSubjects: ["customer", "martian", "customer", "not a key"], retention: " " }] })).toEqual([
      "zones[0].dataSubjects[3]: malformed key (dotted segments of letters, digits, _ or -)",
      "zones[0].retention: must not be empty (leave it out or null for none)",
      'zones[0].dataSubjects[1]: unknown data subject "martian"',
      'zones[0].dataSubjects[2]: duplicate data subject "customer" (also dataSubjects[0])',
    ]);
  });

  it("reports JSON syntax errors with line and column", () => {
    expect(parseWorldJson('{\n  "zones": [\n    1,\n  ]\n}')).toEqual({ ok: false, errors: [{ path: "(json)", message: 'invalid JSON at line 4, column 3: unexpected "]"' }] });
    expect(parseWorldJson('{"zones": [')).toEqual({ ok: false, errors: [{ path: "(json)", message: "invalid JSON at line 1, column 12: unexpected end of text" }] });
    expect(parseWorldJson("[]")).toEqual({ ok: false, errors: [{ path: "(root)", message: "a world is a JSON object, got an array" }] });
  });
});

describe("serializeWorld", () => {
  const input = {
    taxonomy: { categories: [{ key: "user.sensor.camera", name: "Camera" }], purposes: [] },
    zones: [{ ...zone, id: "z2", dataSubjects: ["employee", "customer"], retention: "7 years (tax law)" }, zone],
    assets: [asset("b", { zone: "ads" }), asset("a", { labels: [{ category: "user.sensor.camera", qualifier: "identified", consented: true }] })],
    edges: [{ from: "b", to: "a", transforms: ["aggregate", "drop:user.contact"] }, { from: "a", to: "b", firstSeen: "2026-01-01T12:00+01:00" }],
    sanctionedPaths: [{ id: "p2", from: "ads", to: null, categories: ["user"] }, { id: "p1", from: "ads", to: "z2", categories: ["user"], status: "approved" }],
  };

  it("export → import → export is byte-identical", () => {
    const first = parseWorld(input);
    if (!first.ok) throw new Error("invalid");
    const text = serializeWorld(first.world);
    const second = parseWorldJson(text);
    if (!second.ok) throw new Error(JSON.stringify(second.errors));
    expect(serializeWorld(second.world)).toBe(text);
  });

  it("sorts sections by id (edges by from, then to), indents by two and ends with a newline", () => {
    const result = parseWorld(input);
    if (!result.ok) throw new Error("invalid");
    const text = serializeWorld(result.world);
    const json = JSON.parse(text);
    expect(json.zones.map((z: { id: string }) => z.id)).toEqual(["ads", "z2"]);
    expect(json.zones[1]).toMatchObject({ dataSubjects: ["employee", "customer"], retention: "7 years (tax law)" }); // the reviewer's order is kept
    expect(json.zones[0]).toMatchObject({ dataSubjects: [], retention: null });
    expect(json.assets.map((a: { id: string }) => a.id)).toEqual(["a", "b"]);
    expect(json.edges.map((e: { from: string; to: string }) => `${e.from}>${e.to}`)).toEqual(["a>b", "b>a"]);
    expect(json.sanctionedPaths.map((p: { id: string }) => p.id)).toEqual(["p1", "p2"]);
    expect(json.edges[0].firstSeen).toBe("2026-01-01T11:00:00.000Z");
    expect(json.edges[1].transforms).toEqual(["aggregate", "drop:user.contact"]); // order is meaning: kept
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toBe('  "taxonomy": {');
  });
});
