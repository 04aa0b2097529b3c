import { describe, expect, it } from "vitest";
import { describeEvidenceScope, readEvidenceScope } from "./evidence-scope";

const DAY = 86_400_000;

describe("an evidence scope", () => {
  it("defaults to every zone over the last 90 days", () => {
    const before = Date.now();
    const read = readEvidenceScope({});
    if (!read.ok) throw new Error(read.message);
    expect(read.scope.zones).toEqual([]);
    expect(read.scope.to.getTime()).toBeGreaterThanOrEqual(before);
    expect(read.scope.to.getTime() - read.scope.from.getTime()).toBe(90 * DAY);
  });

  it("reads bare days as whole UTC days, and zones from a comma list, deduplicated and sorted", () => {
    const read = readEvidenceScope({ from: "2026-09-01", to: "2026-11-30", zones: "web, ads,web" });
    expect(read).toEqual({ ok: true, scope: { from: new Date("2026-09-01T00:00:00.000Z"), to: new Date("2026-11-30T23:59:59.999Z"), zones: ["ads", "web"] } });
    if (read.ok) expect(describeEvidenceScope(read.scope)).toBe("2026-09-01 – 2026-11-30 (UTC), zones ads, web");
  });

  it("a single day is a valid period", () => {
    const read = readEvidenceScope({ from: "2026-11-30", to: "2026-11-30" });
    expect(read.ok && read.scope.to.getTime() - read.scope.from.getTime()).toBe(DAY - 1);
  });

  it.each([
    [{ from: "2026-11-30", to: "2026-11-01" }, "to: the period ends (2026-11-01T23:59:59.999Z) before it starts (2026-11-30T00:00:00.000Z)"],
    [{ from: "yesterday" }, "from: not a date (YYYY-MM-DD or an ISO 8601 date-time)"],
    [{ to: "2026-13-45" }, "to: not a date (YYYY-MM-DD or an ISO 8601 date-time)"],
    [{ zones: Array.from({ length: 1001 }, (_, i) => `z${i}`) }, "zones: at most 1000 zones"],
  ])("refuses %j naming the field", (input, message) => {
    expect(readEvidenceScope(input)).toMatchObject({ ok: false, message });
  });
});
