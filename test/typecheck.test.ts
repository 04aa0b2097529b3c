import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `next build` skips type checking (next.config.js), so the whole project is checked here, once.
describe("types", () => {
  it("the whole project type-checks (tsc --noEmit)", () => {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "--noEmit", "-p", "."], { cwd: path.resolve(import.meta.dirname, ".."), encoding: "utf8" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  }, 180_000);
});
