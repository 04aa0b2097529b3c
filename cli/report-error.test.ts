// The database commands' exit codes: 2 promises the input was wrong, so only
// INVALID_REQUEST gets it; a failure nobody anticipated is an internal one, 3.
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/server/errors";
import { reportCliError } from "./report-error";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("reportCliError", () => {
  it("answers 2 for invalid input, with every detail on stderr", () => {
    const stderr = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(reportCliError(new AppError("INVALID_REQUEST", "world.json is not a valid world file", ['edges[0].to: unknown asset "x"']))).toBe(2);
    expect(stderr.mock.calls.flat()).toEqual(["zoneline: world.json is not a valid world file", '  edges[0].to: unknown asset "x"']);
  });

  it("answers 1 for a refusal the server explains", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(reportCliError(new AppError("UNAVAILABLE", "the database is not reachable"))).toBe(1);
  });

  it("answers 3, an internal error, for anything else", () => {
    const stderr = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(reportCliError(new RangeError("Invalid string length"))).toBe(3);
    expect(stderr.mock.calls.flat()).toEqual(["zoneline: internal error: Invalid string length"]);
  });
});
