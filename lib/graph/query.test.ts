import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readQuery } from "../query-params.ts";
import { cutSearch, explainApiUrl, graphApiUrl, searchApiUrl } from "./query.ts";
import { explainQuery, graphQuery, parseViewState, searchQuery, viewStateQuery } from "./query-schemas.ts";
import { EMPTY_VIEW, QUERY_LIMITS, serializeViewState, viewShapeKey, type ViewState } from "./view-state.ts";

// Ids as a world may spell them: the URL's own separators, escapes, spaces, unicode.
const awkwardId = fc
  .array(fc.oneof(fc.constantFrom(",", ">", "%", "%2C", "%25", " ", "+", "&", "=", "#", "?", "/", "é", "→", "👩‍💻", "a:", "e:"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(""));
const idList = fc.uniqueArray(awkwardId, { maxLength: 4 }).map((ids) => [...ids].sort());

const viewState: fc.Arbitrary<ViewState> = fc.record({
  selected: fc.oneof(
    fc.constant(null),
    awkwardId.map((id) => ({ kind: "asset" as const, id })),
    fc.tuple(awkwardId, awkwardId).map(([from, to]) => ({ kind: "edge" as const, from, to })),
  ),
  zones: idList,
  categories: idList,
  violationsOnly: fc.boolean(),
  focus: fc.option(awkwardId, { nil: null }),
  depth: fc.option(fc.integer({ min: 0, max: QUERY_LIMITS.depth }), { nil: null }),
  collapsed: idList,
}).map((s) => (s.focus ? s : { ...s, depth: EMPTY_VIEW.depth })); // depth is written only with a focus

/** As the browser does it: the query goes into a URL and comes back out of it. */
const throughUrl = (path: string) => new URL(path, "http://zoneline.test").searchParams;

describe("view state in the URL", () => {
  it("round-trips any ids, separators and escapes included, for pages and routes alike", () => {
    fc.assert(
      fc.property(viewState, (state) => {
        const params = throughUrl(`/graph?${serializeViewState(state)}`);
        expect(parseViewState(params)).toEqual(state);
        expect(readQuery(viewStateQuery, params)).toEqual({ ok: true, value: state });
      }),
      { numRuns: 300 },
    );
  });

  it("reads the plain URLs written before ids were escaped", () => {
    const state = parseViewState(throughUrl("/graph?sel=e:purchase_events>recs_job&zones=recs,ads&cats=user.behavior&focus=purchase_events&depth=all&collapsed=reporting&violations=1"));
    expect(state).toEqual({
      selected: { kind: "edge", from: "purchase_events", to: "recs_job" },
      zones: ["ads", "recs"],
      categories: ["user.behavior"],
      violationsOnly: true,
      focus: "purchase_events",
      depth: null,
      collapsed: ["reporting"],
    });
  });

  it("keeps an id with a comma whole, and an edge whose ends contain >", () => {
    const state: ViewState = { ...EMPTY_VIEW, selected: { kind: "edge", from: "a>b", to: "c,d" }, zones: ["x,y", "z"] };
    const qs = serializeViewState(state);
    expect(qs).toBe("sel=e%3Aa%253Eb%3Ec%252Cd&zones=x%252Cy%2Cz");
    expect(parseViewState(throughUrl(`/graph?${qs}`))).toEqual(state);
  });

  it("a page forgives a bad parameter (its default), a route names it", () => {
    const params = throughUrl("/graph?depth=deep&zones=ads&sel=x:y");
    expect(parseViewState(params)).toEqual({ ...EMPTY_VIEW, zones: ["ads"] });
    expect(readQuery(viewStateQuery, params)).toEqual({ ok: false, message: expect.stringMatching(/^sel: expected a:ASSET or e:FROM>TO/) });
  });
});

describe("API queries", () => {
  it("the graph URL the client builds is the query the route reads", () => {
    fc.assert(
      fc.property(viewState, fc.constantFrom("auto", "overview", "detail") as fc.Arbitrary<"auto" | "overview" | "detail">, fc.option(fc.record({ x: fc.integer({ min: -1e6, max: 1e6 }), y: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((n) => n + 0), w: fc.nat(1e6), h: fc.double({ min: 0, max: 1e6, noNaN: true }).map((n) => n + 0) }), { nil: undefined }), (state, lod, bbox) => {
        const read = readQuery(graphQuery, throughUrl(graphApiUrl(viewShapeKey(state), { lod, bbox })));
        expect(read).toEqual({ ok: true, value: { state: { ...state, selected: null }, lod, bbox: bbox ?? null } });
      }),
      { numRuns: 200 },
    );
  });

  it("search and explain URLs read back as what was asked", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), fc.option(awkwardId, { nil: null }), awkwardId, awkwardId, (query, focus, from, to) => {
        const search = readQuery(searchQuery, throughUrl(searchApiUrl(query, { focus, depth: 3 })));
        const cut = cutSearch(query);
        expect(query.startsWith(cut) && cut.length >= Math.min(query.length, QUERY_LIMITS.search) - 1).toBe(true);
        expect(search).toEqual({ ok: true, value: { query: cut, state: { ...EMPTY_VIEW, focus, depth: focus ? 3 : EMPTY_VIEW.depth } } });
        expect(readQuery(explainQuery, throughUrl(explainApiUrl({ kind: "asset", id: from })))).toEqual({ ok: true, value: { asset: from } });
        expect(readQuery(explainQuery, throughUrl(explainApiUrl({ kind: "edge", from, to })))).toEqual({ ok: true, value: { from, to } });
      }),
    );
  });

  const tooMany = Array.from({ length: QUERY_LIMITS.list + 1 }, (_, i) => `z${i}`).join(",");
  it.each([
    ["an unknown lod", "lod=zoomed", /^lod: one of auto, overview, detail/],
    ["a bbox of three numbers", "bbox=1,2,3", /^bbox: /],
    ["a negative bbox width", "bbox=1,2,-3,4", /^bbox\.2: negative width/],
    ["a bbox that is not numbers", "bbox=1,2,3,NaN", /^bbox\.3: not a number/],
    ["a bbox far out", "bbox=1e12,0,1,1", /^bbox\.0: out of range/],
    ["too many zones", `zones=${tooMany}`, /^zones: at most 1000 ids/],
    ["a category key too long", `cats=${"c".repeat(QUERY_LIMITS.id + 1)}`, /^cats\.0: at most 512 characters/],
    ["a collapsed list too long", `collapsed=${"a,".repeat(QUERY_LIMITS.listChars)}`, /^collapsed: at most 32768 characters/],
    ["a negative depth", "depth=-1", /^depth: a number of edges/],
    ["a depth too deep", "depth=5000", /^depth: at most 1000 edges/],
    ["an empty focus", "focus=", /^focus: must not be empty/],
    ["a focus id too long", `focus=${"f".repeat(QUERY_LIMITS.id + 1)}`, /^focus: at most 512 characters/],
    ["an edge selection with one end", "sel=e:only-one-end", /^sel: expected a:ASSET or e:FROM>TO/],
    ["violations=yes", "violations=yes", /^violations: 1 or 0/],
  ])("graph: %s is refused with the parameter named", (_, query, message) => {
    const read = readQuery(graphQuery, throughUrl(`/api/v1/graph?${query}`));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(message);
  });

  it("search and explain name their parameters too", () => {
    expect(readQuery(searchQuery, throughUrl(`/s?q=${"q".repeat(QUERY_LIMITS.search + 1)}`))).toEqual({ ok: false, message: "q: at most 200 characters" });
    expect(readQuery(explainQuery, throughUrl("/e?from=a"))).toEqual({ ok: false, message: "asset: give asset=ID, or from=ID and to=ID for an edge" });
    expect(readQuery(explainQuery, throughUrl(`/e?asset=${"a".repeat(QUERY_LIMITS.id + 1)}`))).toEqual({ ok: false, message: "asset: at most 512 characters" });
  });

  it("ignores parameters it does not know, and reads the first of a repeated one", () => {
    expect(readQuery(graphQuery, throughUrl("/api/v1/graph?_=123&lod=overview&lod=zoomed"))).toEqual({ ok: true, value: { state: EMPTY_VIEW, lod: "overview", bbox: null } });
    expect(readQuery(explainQuery, throughUrl("/e?__proto__=x&constructor=y&asset=a"))).toEqual({ ok: true, value: { asset: "a" } });
  });
});

describe("what the browser loads", () => {
  it("the URL codec and builders import no zod, so the graph page does not ship a validator it never runs", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = fs.readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/from\s+["']zod/);
      for (const [, spec] of text.matchAll(/^import\s[^;]*?from\s+["'](\.[^"']+)["']/gm)) visit(path.resolve(path.dirname(file), spec));
    };
    visit(path.join(import.meta.dirname, "query.ts"));
    visit(path.join(import.meta.dirname, "view-state.ts"));
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });
});
