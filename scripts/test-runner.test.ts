import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm test`'s wrapper (scripts/test.ts), run as CI runs it, on the suites in
// scripts/fixtures/test-runner: its exit status and closing line must tell the truth.
const ROOT = path.resolve(import.meta.dirname, "..");
const FIXTURES = path.join(ROOT, "scripts/fixtures/test-runner/vitest.config.ts");

function runWrapper(fixture: string): Promise<{ status: number; output: string; lastLine: string }> {
  const args = ["--import", "tsx", path.join(ROOT, "scripts/test.ts"), "unit", "--vitest-config", FIXTURES, "--vitest-filter", fixture];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, encoding: "utf8" }, (error, stdout, stderr) => {
      const lines = stdout.trimEnd().split("\n");
      resolve({ status: error ? Number(error.code ?? 1) : 0, output: stdout + stderr, lastLine: lines.at(-1) ?? "" });
    });
  });
}

const summary = (line: string) => {
  const match = /^(\d+) passed, (\d+) failed$/.exec(line);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : null;
};

describe("npm test's wrapper", () => {
  // the three runs are independent; together they take about as long as one
  const runs = Promise.all(["passing", "failing", "unhandled"].map(runWrapper));

  it("a passing suite exits 0 and ends with 'N passed, 0 failed'", async () => {
    const [passing] = await runs;
    expect(summary(passing.lastLine), passing.output).toEqual({ passed: 2, failed: 0 });
    expect(passing.status).toBe(0);
  });

  it("a failing test makes the run exit non-zero and counts as failed", async () => {
    const [, failing] = await runs;
    expect(summary(failing.lastLine), failing.output).toEqual({ passed: 1, failed: 1 });
    expect(failing.status).not.toBe(0);
  });

  it("an unhandled rejection, though every test passed, makes the run exit non-zero and counts as a failure", async () => {
    const [, , unhandled] = await runs;
    const counts = summary(unhandled.lastLine);
    expect(counts, unhandled.output).not.toBeNull();
    expect(counts!.failed).toBeGreaterThanOrEqual(1);
    expect(unhandled.status).not.toBe(0);
    expect(unhandled.output).toMatch(/vitest exited with status 1 but its report counts no failed test/);
  });
}, 120_000);
