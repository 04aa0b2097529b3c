import { spawnSync } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);

function zoneline(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], { cwd: root, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("zoneline check", () => {
  it("exits 0 with an empty list when nothing is violated", () => {
    const { code, stdout } = zoneline("check", fixture("ads.world.json"));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ violations: [] });
  });

  it("exits 1 and prints the sorted violations as JSON", () => {
    const { code, stdout } = zoneline("check", fixture("ads-blocked.world.json"), "--at", "2026-01-01");
    expect(code).toBe(1);
    const { violations } = JSON.parse(stdout);
    expect(violations.map((v: { kind: string }) => v.kind)).toEqual(["category_not_permitted", "unsanctioned_crossing"]);
    expect(violations[1]).toEqual({
      kind: "unsanctioned_crossing",
      asset: null,
      edge: { from: "purchase_events", to: "recs_candidates" },
      zone: "ads",
      categories: ["user.behavior.purchase_history"],
      explanation:
        "user.behavior.purchase_history (identified) reached Content Recommendations from purchase_events via purchase_events → recs_candidates; " +
        "no approved sanctioned path from Ads Optimization to Content Recommendations allows user.behavior.purchase_history",
      path: ["purchase_events", "recs_candidates"],
    });
  });

  it("prints a grouped text report with a summary line", () => {
    const { code, stdout } = zoneline("check", fixture("ads-blocked.world.json"), "--format", "text");
    expect(code).toBe(1);
    expect(stdout.split("\n")[0]).toBe("2 violations: 1 category_not_permitted, 1 unsanctioned_crossing");
    expect(stdout).toContain("edge purchase_events → recs_candidates (zone ads) [user.behavior.purchase_history]");
  });

  it("exits 2 with every error on stderr for an invalid world", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "zoneline-"));
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ assets: [{ id: "a", namespace: "n", name: "a", kind: "tabel" }], edges: [{ from: "a", to: "x" }] }));
    const { code, stdout, stderr } = zoneline("check", file);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("assets[0].kind:");
    expect(stderr).toContain('edges[0].to: unknown asset "x"');
  });

  it("exits 2 on a bad option", () => {
    expect(zoneline("check", fixture("ads.world.json"), "--at", "tomorrow").code).toBe(2);
    expect(zoneline("check", fixture("ads.world.json"), "--format", "xml").code).toBe(2);
  });
});

describe("zoneline admit", () => {
  it("exits 0 and answers allowed for a permitted job", () => {
    const { code, stdout } = zoneline("admit", fixture("ads.world.json"), "--job", "lookalike", "--purpose", "marketing.advertising", "--input", "purchase_events");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ allowed: true, reasons: [] });
  });

  it("exits 1 with reasons for a denied job", () => {
    const { code, stdout } = zoneline("admit", fixture("ads.world.json"), "--job", "new_recs", "--zone", "reporting", "--purpose", "analytics.reporting", "--input", "purchase_events");
    expect(code).toBe(1);
    const answer = JSON.parse(stdout);
    expect(answer.allowed).toBe(false);
    expect(answer.reasons.map((r: { kind: string; input: string; zone: string; enforced: boolean }) => [r.kind, r.input, r.zone, r.enforced])).toEqual([
      ["category_not_permitted", "purchase_events", "reporting", true],
    ]);
  });

  it("exits 2 for an unknown input, zone or purpose", () => {
    const { code, stderr } = zoneline("admit", fixture("ads.world.json"), "--job", "j", "--purpose", "nope", "--input", "ghost", "--zone", "nowhere");
    expect(code).toBe(2);
    expect(stderr).toContain('unknown purpose "nope"');
    expect(stderr).toContain('unknown input "ghost"');
    expect(stderr).toContain('unknown zone "nowhere"');
  });
});
