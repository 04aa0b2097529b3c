import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.ts";
import { appendEntry, GENESIS_HASH, hashEntry, isoInstant, verifyChain, type AuditEntry } from "./chain.ts";

const ACTIONS = ["path.requested", "path.approved", "edge.reviewed", "admission.decided", "zone.updated"];

function buildChain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < length; i++) {
    const prev = entries.at(-1) ?? null;
    entries.push(
      appendEntry(prev, {
        at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        actor: i % 2 ? "reviewer@example.com" : "engineer@example.com",
        action: ACTIONS[i % ACTIONS.length],
        subject: `subject-${i}`,
        payload: { index: i, nested: { tags: ["a", "b"], ok: i % 3 === 0 } },
      }),
    );
  }
  return entries;
}

const clone = (entries: AuditEntry[]): AuditEntry[] => structuredClone(entries);

describe("hashEntry", () => {
  it("is sha256 hex of prevHash followed by the entry's canonical JSON", () => {
    const entry = { sequence: 1, at: "2026-03-01T10:00:00.000Z", actor: "a", action: "x", subject: "s", payload: { k: 1 } };
    const expected = createHash("sha256")
      .update(GENESIS_HASH + canonicalJson({ sequence: 1, at: entry.at, actor: "a", action: "x", subject: "s", payload: { k: 1 } }))
      .digest("hex");
    expect(hashEntry(GENESIS_HASH, entry)).toBe(expected);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it("hashes the same instant the same whether it is a Date or an ISO string", () => {
    const base = { sequence: 1, actor: "a", action: "x", subject: "s", payload: null };
    const fromDate = hashEntry(GENESIS_HASH, { ...base, at: new Date("2026-03-01T10:00:00Z") });
    expect(hashEntry(GENESIS_HASH, { ...base, at: "2026-03-01T10:00:00Z" })).toBe(fromDate);
    expect(hashEntry(GENESIS_HASH, { ...base, at: "2026-03-01T11:00:00+01:00" })).toBe(fromDate);
    // A timestamp without an offset is UTC.
    expect(hashEntry(GENESIS_HASH, { ...base, at: "2026-03-01T10:00:00" })).toBe(fromDate);
  });

  it("ignores fields outside the hashed entry and key order inside the payload", () => {
    const a = { sequence: 2, at: "2026-01-01T00:00:00Z", actor: "a", action: "x", subject: "s", payload: { y: 1, x: 2 } };
    const b = { ...a, payload: { x: 2, y: 1 }, note: "not hashed" };
    expect(hashEntry("ab".repeat(32), b)).toBe(hashEntry("ab".repeat(32), a));
  });

  it("refuses an invalid timestamp", () => {
    expect(() => isoInstant("not a date")).toThrow("invalid timestamp");
  });
});

describe("appendEntry", () => {
  it("starts the chain at sequence 1 on the genesis hash", () => {
    const first = appendEntry(null, { at: "2026-01-01T00:00:00Z", actor: "a", action: "x", subject: "s", payload: {} });
    expect(first.sequence).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.actor).toBe("a");
  });

  it("links each entry to the one before it", () => {
    const [first, second] = buildChain(2);
    expect(second.sequence).toBe(2);
    expect(second.prevHash).toBe(first.hash);
  });
});

describe("verifyChain", () => {
  const chain = buildChain(200);

  it("accepts an empty chain", () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0 });
  });

  it("accepts a long untouched chain", () => {
    expect(verifyChain(chain)).toEqual({ ok: true, count: 200 });
  });

  it("survives a JSON round trip (export and re-import)", () => {
    const exported = JSON.parse(JSON.stringify(chain)) as AuditEntry[];
    expect(verifyChain(exported)).toEqual({ ok: true, count: 200 });
  });

  it.each([
    ["actor", (e: AuditEntry) => ({ ...e, actor: "mallory@example.com" })],
    ["action", (e: AuditEntry) => ({ ...e, action: "path.rejected" })],
    ["subject", (e: AuditEntry) => ({ ...e, subject: "other" })],
    ["at", (e: AuditEntry) => ({ ...e, at: new Date("2020-01-01T00:00:00Z") })],
    ["payload (nested)", (e: AuditEntry) => ({ ...e, payload: { index: 41, nested: { tags: ["a"], ok: false } } })],
    ["hash", (e: AuditEntry) => ({ ...e, hash: "f".repeat(64) })],
  ])("detects a changed %s at that entry's sequence", (_field, tamper) => {
    const entries = clone(chain);
    entries[41] = tamper(entries[41]);
    const result = verifyChain(entries);
    expect(result).toMatchObject({ ok: false, sequence: 42, kind: "edited" });
  });

  it("detects a changed prevHash as an edit of that entry", () => {
    const entries = clone(chain);
    entries[41] = { ...entries[41], prevHash: "f".repeat(64) };
    expect(verifyChain(entries)).toMatchObject({ ok: false, sequence: 42, kind: "edited" });
  });

  it("detects a changed sequence number", () => {
    const entries = clone(chain);
    entries[41] = { ...entries[41], sequence: 99 };
    expect(verifyChain(entries)).toMatchObject({ ok: false, sequence: 42, kind: "edited" });
  });

  it("detects a deleted entry, naming the missing sequence", () => {
    const entries = clone(chain);
    entries.splice(41, 1); // removes sequence 42
    expect(verifyChain(entries)).toMatchObject({ ok: false, sequence: 42, kind: "deleted", message: expect.stringContaining("entry 42 is missing") });
  });

  it("detects several deleted entries at the first of them", () => {
    const entries = clone(chain);
    entries.splice(41, 3); // removes 42, 43, 44
    expect(verifyChain(entries)).toMatchObject({ ok: false, sequence: 42, kind: "deleted", message: expect.stringContaining("entries 42 to 44") });
  });

  it("detects a deleted entry even when the later entries are renumbered", () => {
    const entries = clone(chain);
    entries.splice(41, 1);
    for (let i = 41; i < entries.length; i++) entries[i] = { ...entries[i], sequence: i + 1 };
    // The renumbered entry 42 points at the deleted entry's hash and was hashed as 43.
    expect(verifyChain(entries)).toMatchObject({ ok: false, sequence: 42, kind: "deleted" });
  });

  it("detects the first entry deleted", () => {
    const entries = clone(chain).slice(1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, sequence: 1, kind: "deleted" });
  });

  it("detects two entries swapped at the first of them", () => {
    const entries = clone(chain);
    [entries[10], entries[11]] = [entries[11], entries[10]];
    expect(verifyChain(entries)).toMatchObject({ ok: false, sequence: 11, kind: "reordered" });
  });

  it("detects swapped entries whose sequence numbers were swapped back", () => {
    const entries = clone(chain);
    const a = entries[10];
    const b = entries[11];
    entries[10] = { ...b, sequence: 11 };
    entries[11] = { ...a, sequence: 12 };
    expect(verifyChain(entries)).toMatchObject({ ok: false, sequence: 11, kind: "reordered" });
  });

  it("detects an inserted entry, even one hashed correctly onto its predecessor", () => {
    const entries = clone(chain);
    const forged = appendEntry(entries[29], {
      at: "2026-01-01T00:30:30Z",
      actor: "mallory@example.com",
      action: "path.approved",
      subject: "p-forged",
      payload: {},
    });
    entries.splice(30, 0, forged); // forged is a valid sequence 31; the genuine 31 now follows it
    expect(verifyChain(entries)).toMatchObject({ ok: false, sequence: 31, kind: "inserted" });
    // …and renumbering what follows still names the forged entry: it shares its predecessor with the genuine one.
    for (let i = 31; i < entries.length; i++) entries[i] = { ...entries[i], sequence: i + 1 };
    expect(verifyChain(entries)).toMatchObject({ ok: false, sequence: 31, kind: "inserted" });
  });

  it("detects an inserted entry chained onto nothing, the later entries renumbered", () => {
    const entries = clone(chain);
    const junk = { ...entries[29], sequence: 31, subject: "forged", prevHash: "e".repeat(64), hash: "d".repeat(64) };
    entries.splice(30, 0, junk);
    for (let i = 31; i < entries.length; i++) entries[i] = { ...entries[i], sequence: i + 1 };
    expect(verifyChain(entries)).toMatchObject({ ok: false, sequence: 31, kind: "edited" });
    // The entry after it was written as 31: the one before it was inserted.
    expect(verifyChain(entries.slice(31), { anchor: { sequence: 31, hash: junk.hash } })).toMatchObject({ ok: false, sequence: 31, kind: "inserted" });
  });

  it("detects a forged entry recomputed with a correct hash but an old link", () => {
    const entries = clone(chain);
    const { hash: _old, ...rest } = entries[99];
    const changed = { ...rest, actor: "mallory@example.com" };
    entries[99] = { ...changed, hash: hashEntry(changed.prevHash, changed) };
    // Entry 100 itself now verifies; 101 is intact but chained to the old hash, which names 100.
    expect(verifyChain(entries)).toMatchObject({ ok: false, sequence: 100, kind: "edited" });
  });

  it("verifies a slice of the log from an anchor", () => {
    const slice = chain.slice(50, 80);
    expect(verifyChain(slice)).toMatchObject({ ok: false, sequence: 1, kind: "deleted" });
    expect(verifyChain(slice, { anchor: { sequence: 50, hash: chain[49].hash } })).toEqual({ ok: true, count: 30 });
    expect(verifyChain(slice, { anchor: { sequence: 50, hash: GENESIS_HASH } })).toMatchObject({ ok: false, sequence: 50, kind: "edited" });
  });

  it("reports a message that names the entry", () => {
    const entries = clone(chain);
    entries[4] = { ...entries[4], subject: "edited" };
    const result = verifyChain(entries);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("entry 5");
  });
});
