// The audit report end to end on a real database: the demo world, decisions
// made through the use cases, the export made by the background runner, the PDF
// read back with pdftotext (poppler-utils) and its figures compared with what
// the test counts in the database itself.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { generateAuditSigningKeyPem } from "@/lib/audit";
import type { Role } from "@/lib/auth/permissions";
import { GET as downloadGET } from "@/app/api/v1/evidence/exports/[id]/download/route";
import { GET as listGET, POST as startPOST } from "@/app/api/v1/evidence/exports/route";
import { checkAdmission } from "@/server/admission/check-admission";
import type { Actor } from "@/server/auth/actor";
import type { Tx } from "@/server/db";
import { runEvaluation } from "@/server/evaluations/run-evaluation";
import { requestEvidenceExport } from "@/server/evidence/exports/request-evidence-export";
import { decidePath } from "@/server/paths/decide-path";
import { requestPath } from "@/server/paths/request-path";
import { importWorld } from "@/server/world/import-world";
import { demoWorld } from "@/test/demo-world";
import { sessionCookie } from "@/test/sign-in";
import { useTestDatabase } from "@/test/use-database";

const db = useTestDatabase("report");
process.env.ZONELINE_AUDIT_KEY = generateAuditSigningKeyPem();

const person = (email: string, roles: Role[]): Actor => ({ id: email, email, name: email, roles });
const engineer = person("jin@example.com", ["engineer"]);
const reviewer = person("rosa@example.com", ["privacy_reviewer"]);
const legal = person("lena@example.com", ["legal"]);

// ZONELINE_TEST_PDF_DIR keeps the PDFs somewhere known, to look at them (pdftoppm -r 80 -png)
const work = process.env.ZONELINE_TEST_PDF_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "zoneline-report-"));

/** The text of a PDF as pdftotext lays it out, whitespace runs collapsed to one space. */
function pdfText(bytes: Uint8Array): string {
  const file = path.join(work, `${createHash("sha256").update(bytes).digest("hex").slice(0, 12)}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/[ \t]+/g, " ");
}

async function exportFile(id: string): Promise<Uint8Array> {
  const row = await db.prisma().evidenceExport.findUniqueOrThrow({ where: { id } });
  expect({ status: row.status, error: row.error }).toEqual({ status: "done", error: null });
  return row.file!;
}

const figure = (text: string, label: string) => {
  const match = new RegExp(`${label.replace(/[()]/g, "\\$&")} (\\d[\\d,]*)`).exec(text);
  return match ? Number(match[1].replaceAll(",", "")) : null;
};

async function asAttacker(tamper: (tx: Tx) => Promise<unknown>) {
  await db.prisma().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditEntry" DISABLE TRIGGER zl_audit_append_only`);
    await tamper(tx);
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditEntry" ENABLE TRIGGER zl_audit_append_only`);
  });
}

const call = async (handler: (request: NextRequest) => Promise<Response>, url: string, { roles, body }: { roles: Role[]; body?: unknown }) => {
  const headers: Record<string, string> = { origin: "http://zoneline.test", cookie: await sessionCookie(roles) };
  if (body !== undefined) headers["content-type"] = "application/json";
  return handler(new NextRequest(new URL(url, "http://zoneline.test"), { method: body === undefined ? "GET" : "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) }));
};

beforeAll(async () => {
  await importWorld({ world: demoWorld() });
  await runEvaluation({ trigger: "test" });
  // decisions in the period: one request approved, one rejected, a revocation, admission checks both ways
  const first = await requestPath(engineer, { from: "ads", to: "recs", categories: ["user.behavior.purchase_history"], purpose: "personalize.content", justification: "Shopping content for recent buyers.", expiresAt: "" });
  await decidePath(reviewer, { id: first.path.id, transition: "approve", note: "" });
  const second = await requestPath(engineer, { from: "assistant", to: "reporting", categories: ["user"], purpose: "", justification: "Everything, please.", expiresAt: "" });
  await decidePath(reviewer, { id: second.path.id, transition: "reject", note: "Far too broad." });
  await decidePath(reviewer, { id: "ads-to-reporting", transition: "revoke", note: "The dashboard was retired." });
  await checkAdmission({ caller: "token:ci", request: { job: "assistant_finetune", purpose: "train_ai_system.fine_tune", inputs: ["assistant_interactions"] } });
  await checkAdmission({ caller: "token:ci", request: { job: "assistant_finetune", purpose: "train_ai_system.fine_tune", inputs: ["assistant_training_examples"] } });
}, 120_000);

// each export renders a PDF: seconds on an idle machine, much more on a loaded one
describe("the audit report", { timeout: 240_000 }, () => {
  it("prints the summary figures the database holds, for the demo world", async () => {
    const started = await requestEvidenceExport(legal, { input: {}, run: "wait" });
    const bytes = await exportFile(started.id);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const text = pdfText(bytes);

    // counted here, independently of the report's code
    const p = db.prisma();
    const count = (action: string) => p.auditEntry.count({ where: { action } });
    const [assets, approved, rejected, revoked, requested] = await Promise.all([p.asset.count(), count("path.approve"), count("path.reject"), count("path.revoke"), count("path.request")]);
    const [{ allowed, denied }] = await p.$queryRaw<{ allowed: number; denied: number }[]>`
      SELECT count(*) FILTER (WHERE payload->'answer'->>'allowed' = 'true')::int AS allowed,
             count(*) FILTER (WHERE payload->'answer'->>'allowed' = 'false')::int AS denied
        FROM "AuditEntry" WHERE action = 'admission.check'`;
    const open = await p.violation.count({ where: { resolvedAt: null } });
    // the period ends when the export was asked for: its own entry (and later evaluation runs) come after
    const to = new Date((started.scope as { to: string }).to);
    const entries = await p.auditEntry.count({ where: { at: { lte: to } } });
    expect(allowed + denied).toBe(2);
    expect(denied).toBeGreaterThan(0);

    expect(text).toContain("Audit report");
    expect(text).toContain("Audit chain verified: intact");
    expect(figure(text, "Assets in the zones covered")).toBe(assets);
    expect(figure(text, "Requested")).toBe(requested);
    expect(figure(text, "Approved")).toBe(approved);
    expect(figure(text, "Rejected")).toBe(rejected);
    expect(figure(text, "Revoked")).toBe(revoked);
    expect(figure(text, "Allowed")).toBe(allowed);
    expect(figure(text, "Denied")).toBe(denied);
    expect(figure(text, "Open at the end of the period")).toBe(open);
    expect(figure(text, "Entries written in the period")).toBe(entries);
    expect([approved, rejected, revoked]).toEqual([1, 1, 1]);
    // the title page names the chain head, which is the last entry before the export's own
    const head = await p.auditEntry.findFirstOrThrow({ where: { action: { not: "evidence.export" } }, orderBy: { sequence: "desc" } });
    expect(text).toContain(`entry ${head.sequence}`);
    expect(text.replace(/\s+/g, "")).toContain(head.hash);
    // one section per zone, the decision log with who and why, the appendix
    for (const zone of ["Ads Optimization", "AI Training"]) expect(text).toContain(`Zone: ${zone}`);
    expect(text).toContain("Far too broad.");
    expect(text).toContain("rosa@example.com");
    expect(text).toContain("Appendix: how to verify this evidence");
    expect(text).toMatch(/Page 1 of \d+/);
    // the record of processing as a section: one activity per zone, with its retention as the zone row holds it
    expect(text).toContain("Record of processing activities (GDPR Art. 30(1))");
    for (const zone of await p.zone.findMany()) {
      expect(text).toContain(`Processing activity: ${zone.name} (zone ${zone.id})`);
      expect(text.replace(/\s+/g, " ")).toContain(zone.retention!.replace(/\s+/g, " "));
    }
  });

  it("writes one evidence.export audit entry, when the file is complete, with its sha256 and size", async () => {
    const before = await db.prisma().auditEntry.count({ where: { action: "evidence.export" } });
    const started = await requestEvidenceExport(reviewer, { input: { zones: "ads,recs", from: "2026-01-01" }, run: "wait" });
    const bytes = await exportFile(started.id);
    const entries = await db.prisma().auditEntry.findMany({ where: { action: "evidence.export" }, orderBy: { sequence: "asc" } });
    expect(entries).toHaveLength(before + 1);
    const entry = entries.at(-1)!;
    expect(entry).toMatchObject({ actor: reviewer.email, subject: `export:${started.id}` });
    expect(entry.payload).toMatchObject({
      kind: "report.pdf",
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
      scope: { from: "2026-01-01T00:00:00.000Z", zones: ["ads", "recs"], allZones: false },
    });
    const text = pdfText(bytes);
    expect(text).toContain("Zone: Ads Optimization");
    expect(text).not.toContain("Zone: AI Training");
    expect(text).toContain("Processing activity: Ads Optimization");
    expect(text).not.toContain("Processing activity: AI Training");
  });

  it("says there was no activity in a period with no data, and is still a valid report", async () => {
    const started = await requestEvidenceExport(legal, { input: { from: "2020-01-01", to: "2020-01-31" }, run: "wait" });
    const text = pdfText(await exportFile(started.id));
    expect(text).toContain("No activity in this period");
    expect(figure(text, "Entries written in the period")).toBe(0);
    expect(figure(text, "Approved")).toBe(0);
    expect(text).toContain("No decision concerning these zones was recorded in this period.");
  });

  it("an audit entry altered with the trigger disabled makes the report say the chain is broken at that entry", async () => {
    const target = await db.prisma().auditEntry.findFirstOrThrow({ where: { action: "path.reject" } });
    await asAttacker((tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "payload" = jsonb_set("payload", '{note}', '"Looks fine."') WHERE "sequence" = ${target.sequence}`);
    const started = await requestEvidenceExport(legal, { input: {}, run: "wait" });
    const text = pdfText(await exportFile(started.id));
    expect(text).toContain(`Audit chain BROKEN at entry ${target.sequence}`);
    expect(text).toContain(`broken at entry ${target.sequence} (edited)`);
  });
});

describe("the export API", { timeout: 240_000 }, () => {
  it("starts an export for a reviewer or legal user, shows its progress, and downloads it as an attachment", async () => {
    const response = await call(startPOST, "/api/v1/evidence/exports", { roles: ["legal"], body: { kind: "report.pdf", from: "2026-01-01", to: "2026-12-31", paperSize: "LETTER" } });
    expect(response.status).toBe(202);
    const { export: started } = await response.json();
    expect(started).toMatchObject({ kind: "report.pdf", status: "queued", paperSize: "LETTER" });
    let view;
    for (let i = 0; i < 300; i++) {
      const list = await (await call(listGET, "/api/v1/evidence/exports", { roles: ["privacy_reviewer"] })).json();
      view = list.exports.find((e: { id: string }) => e.id === started.id);
      if (view.status === "done" || view.status === "failed") break;
      expect(view.progress).toBeGreaterThanOrEqual(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(view).toMatchObject({ status: "done", progress: 1, downloadUrl: `/api/v1/evidence/exports/${started.id}/download` });
    const download = await call(downloadGET, view.downloadUrl, { roles: ["legal"] });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="zoneline-audit-report-2026-01-01-2026-12-31.pdf"');
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(download.headers.get("x-content-sha256")).toBe(createHash("sha256").update(bytes).digest("hex"));
    // US Letter: 612 × 792 points
    expect(Buffer.from(bytes).toString("latin1")).toMatch(/MediaBox \[0 0 612 792\]/);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await db.prisma().evidenceExport.count();
    const backwards = await call(startPOST, "/api/v1/evidence/exports", { roles: ["legal"], body: { from: "2026-06-01", to: "2026-05-01" } });
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).message).toMatch(/^to: the period ends/);
    const unknown = await call(startPOST, "/api/v1/evidence/exports", { roles: ["legal"], body: { zones: ["ads", "nowhere"] } });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).message).toBe('zones: unknown zone "nowhere"');
    const notADate = await call(startPOST, "/api/v1/evidence/exports", { roles: ["legal"], body: { from: "last tuesday" } });
    expect((await notADate.json()).message).toMatch(/^from: not a date/);
    const kind = await call(startPOST, "/api/v1/evidence/exports", { roles: ["legal"], body: { kind: "report.docx" } });
    expect(kind.status).toBe(400);
    expect((await kind.json()).message).toMatch(/^kind: one of report.pdf/);
    expect(await db.prisma().evidenceExport.count()).toBe(before);
  });

  it("an engineer (or an admin) gets 403 on starting, listing and downloading", async () => {
    const done = await db.prisma().evidenceExport.findFirstOrThrow({ where: { status: "done" } });
    for (const roles of [["engineer"], ["admin"]] as Role[][]) {
      expect((await call(startPOST, "/api/v1/evidence/exports", { roles, body: {} })).status).toBe(403);
      expect((await call(listGET, "/api/v1/evidence/exports", { roles })).status).toBe(403);
      expect((await call(downloadGET, `/api/v1/evidence/exports/${done.id}/download`, { roles })).status).toBe(403);
    }
    await expect(requestEvidenceExport(engineer, { input: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a run that died with its process is marked failed when next seen", async () => {
    const stale = await db.prisma().evidenceExport.create({ data: { kind: "report.pdf", scope: {}, requestedBy: legal.email, status: "running", heartbeatAt: new Date(Date.now() - 60 * 60_000) } });
    const list = await (await call(listGET, "/api/v1/evidence/exports", { roles: ["legal"] })).json();
    expect(list.exports.find((e: { id: string }) => e.id === stale.id)).toMatchObject({ status: "failed", error: expect.stringContaining("the server stopped") });
    expect((await call(downloadGET, `/api/v1/evidence/exports/${stale.id}/download`, { roles: ["legal"] })).status).toBe(409);
    expect((await call(downloadGET, `/api/v1/evidence/exports/nope/download`, { roles: ["legal"] })).status).toBe(404);
  });
});
