import { describe, expect, it } from "vitest";
import { readQuery } from "@/lib/query-params";
import { changesRangeSchema, chartInstants, chartStepMs } from "./changes-range";

const now = new Date("2026-11-30T10:15:00Z");
const read = (params: Record<string, string>) => readQuery(changesRangeSchema(now), params);

describe("the Changes page's date range", () => {
  it("defaults to the last 30 days, today included", () => {
    expect(read({})).toEqual({ ok: true, value: { from: new Date("2026-11-01T00:00:00Z"), until: new Date("2026-12-01T00:00:00Z"), fromDay: "2026-11-01", toDay: "2026-11-30" } });
  });

  it("takes whole UTC days, both ends included", () => {
    expect(read({ from: "2026-10-05", to: "2026-10-06" })).toMatchObject({ ok: true, value: { from: new Date("2026-10-05T00:00:00Z"), until: new Date("2026-10-07T00:00:00Z") } });
    expect(read({ to: "2026-10-31" })).toMatchObject({ ok: true, value: { fromDay: "2026-10-02", toDay: "2026-10-31" } });
  });

  it("names the field that is wrong", () => {
    expect(read({ from: "yesterday" })).toEqual({ ok: false, message: 'from: not a date: give YYYY-MM-DD, got "yesterday"' });
    expect(read({ to: "2026-02-30" })).toEqual({ ok: false, message: 'to: not a date: give YYYY-MM-DD, got "2026-02-30"' });
    expect(read({ from: "2026-11-20", to: "2026-11-02" })).toEqual({ ok: false, message: "to: 2026-11-02 is before from (2026-11-20)" });
    expect(read({ from: "2024-01-01", to: "2026-01-01" })).toEqual({ ok: false, message: 'to: at most 366 days from "from", got 732' });
  });

  it("samples the chart by the hour, day or week, and never past now", () => {
    const day = { from: new Date("2026-11-30T00:00:00Z"), until: new Date("2026-12-01T00:00:00Z") };
    expect(chartStepMs(day)).toBe(3_600_000);
    const instants = chartInstants(day, now);
    expect(instants).toHaveLength(12);
    expect(instants.at(-1)).toEqual(now);
    const month = read({}) as { ok: true; value: { from: Date; until: Date } };
    expect(chartStepMs(month.value)).toBe(86_400_000);
    expect(chartInstants(month.value, now)).toHaveLength(31);
    expect(chartStepMs({ from: new Date("2026-01-01"), until: new Date("2026-12-01") })).toBe(7 * 86_400_000);
    expect(chartInstants({ from: new Date("2027-01-01"), until: new Date("2027-01-02") }, now)).toEqual([]);
  });
});
