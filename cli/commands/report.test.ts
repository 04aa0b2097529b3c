// `zoneline report` end to end: the real CLI in a child process against a real
// database, the PDF it writes read back with pdftotext, its sha256 matched with
// the stdout line and the one evidence.export audit entry it leaves (actor
// "cli"); bad input exits 2 naming the field and writes nothing.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateAuditSigningKeyPem } from "@/lib/audit";
import { runEvaluation } from "@/server/evaluations/run-evaluation";
import { importWorld } from "@/server/world/import-world";
import { demoWorld } from "@/test/demo-world";
import { runCli } from "@/test/run-cli";
import { useTestDatabase } from "@/test/use-database";

const db = useTestDatabase("clireport");
process.env.ZONELINE_AUDIT_KEY = generateAuditSigningKeyPem();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zoneline-cli-report-"));

const zoneline = (...args: string[]) => runCli(args);

const exportEntries = () => db.prisma().auditEntry.findMany({ where: { action: "evidence.export" }, orderBy: { sequence: "asc" } });

beforeAll(async () => {
  await importWorld({ world: demoWorld() });
  await runEvaluation({ trigger: "test" });
}, 120_000);

// each run starts node with tsx and renders a PDF: seconds idle, much more on a loaded machine
describe("zoneline report", { timeout: 300_000 }, () => {
  it("writes the report for the zones and paper asked for, exits 0, and leaves one evidence.export entry by cli with the file's sha256", async () => {
    const out = path.join(dir, "report.pdf");
    const { code, stdout, stderr } = await zoneline("report", "--from", "2026-01-01", "--zones", "ads,recs", "--paper", "LETTER", "--out", out);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const bytes = fs.readFileSync(out);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(stdout.trim()).toBe(`wrote ${out} (${bytes.length} bytes, sha256 ${sha256})`);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.toString("latin1")).toMatch(/MediaBox \[0 0 612 792\]/);

    const entries = await exportEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: "cli", payload: { kind: "report.pdf", sha256, bytes: bytes.length, paperSize: "LETTER", scope: { from: "2026-01-01T00:00:00.000Z", zones: ["ads", "recs"], allZones: false } } });
    // the export row keeps the same file
    const row = await db.prisma().evidenceExport.findFirstOrThrow({ where: { requestedBy: "cli" } });
    expect(createHash("sha256").update(row.file!).digest("hex")).toBe(sha256);

    const text = execFileSync("pdftotext", ["-layout", out, "-"], { encoding: "utf8" }).replace(/[ \t]+/g, " ");
    const assets = await db.prisma().asset.count({ where: { zoneId: { in: ["ads", "recs"] } } });
    expect(text).toMatch(new RegExp(`Assets in the zones covered ${assets}\\b`));
    expect(text).toContain("Zone: Ads Optimization");
    expect(text).toContain("Zone: Content Recommendations");
    expect(text).not.toContain("Zone: AI Training");
    expect(text).toContain("Audit chain verified: intact");
  });

  it("exits 2 naming the field for a period that ends before it starts, an unknown zone, a bad paper size or no --out; writes nothing", async () => {
    const before = { entries: (await exportEntries()).length, exports: await db.prisma().evidenceExport.count() };
    const out = path.join(dir, "never.pdf");
    const backwards = await zoneline("report", "--from", "2026-06-01", "--to", "2026-05-01", "--out", out);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/to: the period ends/);
    const unknown = await zoneline("report", "--zones", "ads,atlantis", "--out", out);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('zones: unknown zone "atlantis"');
    const paper = await zoneline("report", "--paper", "A3", "--out", out);
    expect(paper.code).toBe(2);
    expect(paper.stderr).toContain("paperSize: one of A4, LETTER");
    const noOut = await zoneline("report");
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("--out is required");
    expect(fs.existsSync(out)).toBe(false);
    expect({ entries: (await exportEntries()).length, exports: await db.prisma().evidenceExport.count() }).toEqual(before);
  });
});
