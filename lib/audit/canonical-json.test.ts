import { describe, expect, it } from "vitest";
import { canonicalJson, CanonicalJsonError } from "./canonical-json.ts";

describe("canonicalJson", () => {
  it("sorts object keys and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: 2, c: { z: true, y: null } })).toBe('{"a":2,"b":1,"c":{"y":null,"z":true}}');
  });

  it("gives the same text whatever order the keys were inserted in", () => {
    const one = { actor: "ana@example.com", payload: { status: "approved", path: "p1" }, sequence: 3 };
    const two = { sequence: 3, payload: { path: "p1", status: "approved" }, actor: "ana@example.com" };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it("sorts keys at every depth, including objects inside arrays", () => {
    const value = { list: [{ b: 1, a: [{ d: 1, c: 2 }] }, 3, "x"], nested: { inner: { y: 1, x: 2 } } };
    expect(canonicalJson(value)).toBe('{"list":[{"a":[{"c":2,"d":1}],"b":1},3,"x"],"nested":{"inner":{"x":2,"y":1}}}');
  });

  it("keeps array order (arrays are sequences, not sets)", () => {
    expect(canonicalJson([3, 1, 2])).toBe("[3,1,2]");
  });

  it("orders keys by UTF-16 code units, as RFC 8785 does", () => {
    // RFC 8785 §3.2.3's example: an emoji (a surrogate pair, 0xd83d…) sorts before U+FB33.
    const value = { "\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\ud83d\ude00": 5, "\u0080": 6, "\u00f6": 7 };
    expect(canonicalJson(value)).toBe(
      '{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\ud83d\ude00":5,"\ufb33":3}',
    );
  });

  it("drops undefined object members", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it("refuses undefined inside arrays rather than silently writing null", () => {
    expect(() => canonicalJson([1, undefined])).toThrow(CanonicalJsonError);
  });

  it("writes numbers as JSON numbers (ECMAScript form, -0 as 0)", () => {
    expect(canonicalJson([1, 1.5, -0, 1e21, 1e-7, 100])).toBe("[1,1.5,0,1e+21,1e-7,100]");
  });

  it("refuses NaN and Infinity, naming where they are", () => {
    expect(() => canonicalJson({ a: { b: NaN } })).toThrow("$.a.b");
    expect(() => canonicalJson([Infinity])).toThrow("$[0]");
  });

  it("writes Dates as ISO-8601 UTC strings", () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 2, 1, 10, 0, 0)) })).toBe('{"at":"2026-03-01T10:00:00.000Z"}');
  });

  it("escapes strings as JSON does", () => {
    expect(canonicalJson({ s: 'quote " backslash \\ newline \n tab \t' })).toBe(
      '{"s":"quote \\" backslash \\\\ newline \\n tab \\t"}',
    );
  });

  it("refuses values with no canonical form (bigint, Map, class instances)", () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ m: new Map() })).toThrow(CanonicalJsonError);
  });

  it("accepts null-prototype objects", () => {
    const bare = Object.create(null) as Record<string, number>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });
});

describe("canonical JSON errors", () => {
  it("name the path of the value that has no JSON form", () => {
    const at = (value: unknown) => {
      try {
        canonicalJson(value);
      } catch (error) {
        return error instanceof CanonicalJsonError ? error.path : "not a CanonicalJsonError";
      }
      return "no error";
    };
    expect(at({ a: [1, { b: NaN }] })).toBe("$.a[1].b");
    expect(at([{ ok: 1 }, undefined])).toBe("$[1]");
    expect(at({ payload: { when: new Date(Number.NaN) } })).toBe("$.payload.when");
    expect(at({ x: { y: [0, 0, new Map()] } })).toBe("$.x.y[2]");
    expect(at(Infinity)).toBe("$");
    // a failure deep in one member leaves no trace on the next value serialized
    expect(at({ a: { b: 1 }, c: [2, 3n] })).toBe("$.c[1]");
  });
});
