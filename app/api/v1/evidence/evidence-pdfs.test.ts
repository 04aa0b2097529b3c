// The record of processing and the erasure impact as PDFs, called as Next calls
// the routes, on the demo world in a real database: the PDF read back with
// pdftotext (poppler-utils) and compared, activity by activity and asset by
// asset, with the view model and the zones as the database holds them; one
// audit entry per download whose sha256 matches the bytes; engineers refused.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { runEvaluation } from "@/server/evaluations/run-evaluation";
import { getErasureImpact } from "@/server/evidence/get-erasure-impact";
import { getRecordOfProcessing } from "@/server/evidence/get-record-of-processing";
import { updateOrganisationSettings } from "@/server/settings/organisation-settings";
import { importWorld } from "@/server/world/import-world";
import { demoWorld } from "@/test/demo-world";
import { sessionCookie } from "@/test/sign-in";
import { useTestDatabase } from "@/test/use-database";
import { GET as erasureGET } from "./erasure/route";
import { GET as ropaGET } from "./ropa/route";

const db = useTestDatabase("evidencepdf");

type Handler = (request: NextRequest) => Promise<Response>;
const call = (handler: Handler, url: string, headers: Record<string, string>) => handler(new NextRequest(new URL(url, "http://zoneline.test"), { headers }));
const as = async (role: "legal" | "privacy_reviewer" | "engineer" | "admin") => ({ cookie: await sessionCookie([role]) });
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const exports = () => db.prisma().auditEntry.findMany({ where: { action: "evidence.export" }, orderBy: { sequence: "asc" } });

// ZONELINE_TEST_PDF_DIR keeps the PDFs somewhere known, to look at them (pdftoppm -r 80 -png)
const work = process.env.ZONELINE_TEST_PDF_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "zoneline-evidence-pdf-"));

/**
 * The PDF's text in the order it is drawn (pdftotext -raw: react-pdf draws a table row by row, cell by cell,
 * each cell's lines together), whitespace runs collapsed, and its page count.
 */
function pdfText(bytes: Uint8Array, name: string): { text: string; pages: number } {
  const file = path.join(work, name);
  fs.writeFileSync(file, bytes);
  const text = execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
  return { text: text.replace(/\s+/g, " "), pages };
}

/** The text between one heading and the next of the same kind. */
function section(text: string, heading: string, next: RegExp): string {
  const start = text.indexOf(heading);
  expect(start, `"${heading}" is printed`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start + heading.length);
  const end = rest.search(next);
  return end < 0 ? rest : rest.slice(0, end);
}

beforeAll(async () => {
  await importWorld({ world: demoWorld() });
  await runEvaluation({ trigger: "test" });
  await updateOrganisationSettings(
    { id: "a", email: "admin@test.zoneline", name: "Admin", roles: ["admin"] },
    { organisationName: "Example Europe GmbH", controllerName: "Example Europe Controller SE", controllerContact: "Kurfürstendamm 1, Berlin; privacy@example.eu", dpoContact: "dpo@example.eu", paperSize: "A4" },
  );
});

// rendering takes a second or two idle, much longer on a loaded machine
describe("GET /api/v1/evidence/ropa?format=pdf", { timeout: 180_000 }, () => {
  it("prints the controller and, per activity, its purposes, data subjects, categories, recipients, transfers and retention; audited once", async () => {
    const before = (await exports()).length;
    const response = await call(ropaGET, "/api/v1/evidence/ropa?format=pdf", await as("legal"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="record-of-processing-\d{4}-\d{2}-\d{2}\.pdf"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const { text, pages } = pdfText(bytes, "ropa.pdf");

    // the controller, as Settings holds it
    const settings = await db.prisma().organisationSettings.findFirstOrThrow();
    expect(text).toContain("Record of processing activities (GDPR Art. 30(1))");
    for (const value of [settings.controllerName, settings.controllerContact, settings.dpoContact]) expect(text).toContain(value);

    // every zone of the database is one activity, and the view model's content is printed under it
    const zones = await db.prisma().zone.findMany({ orderBy: { id: "asc" } });
    const { record } = await getRecordOfProcessing({});
    expect(record.activities.map((a) => a.zone.id).sort()).toEqual(zones.map((z) => z.id));
    expect(pages).toBeGreaterThanOrEqual(1 + zones.length); // an introduction, then each activity on its own pages
    for (const zone of zones) {
      const activity = record.activities.find((a) => a.zone.id === zone.id)!;
      const printed = section(text, `Processing activity: ${zone.name} (zone ${zone.id})`, /Processing activity: /);
      // retention and data subjects straight from the zone row
      expect(zone.retention).toBeTruthy();
      expect(printed).toContain(zone.retention!.replace(/\s+/g, " "));
      expect(zone.dataSubjects.length).toBeGreaterThan(0);
      for (const subject of zone.dataSubjects) expect(printed).toContain(`(${subject})`);
      for (const purpose of activity.purposes) expect(printed).toContain(purpose.key);
      expect(activity.dataCategories.length).toBeGreaterThan(0);
      for (const category of activity.dataCategories) expect(printed).toMatch(new RegExp(`${category.key.replaceAll(".", "\\.")} .*${category.qualifiers.join(", ")}`));
      for (const recipient of activity.recipients) {
        expect(printed).toContain(recipient.pathId);
        if (recipient.zone) expect(printed).toContain(recipient.zone.name);
      }
      if (activity.recipients.length === 0) expect(printed).toContain("No approved sanctioned path sends data out of this zone.");
      const unsanctioned = activity.transfers.filter((t) => !t.sanctioned).length;
      expect(printed.split("NOT SANCTIONED").length - 1, `unsanctioned transfers of ${zone.id}`).toBe(unsanctioned);
      for (const transfer of activity.transfers) expect(printed).toContain(transfer.to.name);
    }
    // a purpose no rule of the zone allows is flagged (the demo world has none: every job's purpose is allowed)
    expect(record.activities.some((a) => a.purposes.some((p) => !p.allowed))).toBe(text.includes(" NO "));

    const entries = await exports();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ subject: "evidence:ropa.pdf", payload: { kind: "ropa.pdf", sha256: sha256(bytes), bytes: bytes.byteLength, activities: zones.length, scope: { zones: [] } } });
    expect(response.headers.get("x-zoneline-sha256")).toBe(sha256(bytes));
  });

  it("only the zones asked for; US Letter when Settings say so", async () => {
    await db.prisma().organisationSettings.updateMany({ data: { paperSize: "LETTER" } });
    try {
      const response = await call(ropaGET, "/api/v1/evidence/ropa?format=pdf&zones=ads,reporting", await as("privacy_reviewer"));
      expect(response.status).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(Buffer.from(bytes).toString("latin1")).toMatch(/MediaBox \[0 0 612 792\]/);
      const { text } = pdfText(bytes, "ropa-ads-reporting.pdf");
      expect(text).toContain("Processing activity: Ads Optimization");
      expect(text).toContain("Processing activity: Reporting & Analytics");
      expect(text).not.toContain("Processing activity: AI Training");
      expect(text).toContain("zones ads, reporting");
      expect((await exports()).at(-1)).toMatchObject({ payload: { kind: "ropa.pdf", activities: 2, scope: { zones: ["ads", "reporting"] } } });
    } finally {
      await db.prisma().organisationSettings.updateMany({ data: { paperSize: "A4" } });
    }
  });

  it("an engineer or an admin gets 403, an unknown zone 400; nothing is audited", async () => {
    const before = (await exports()).length;
    expect((await call(ropaGET, "/api/v1/evidence/ropa?format=pdf", await as("engineer"))).status).toBe(403);
    expect((await call(ropaGET, "/api/v1/evidence/ropa?format=pdf", await as("admin"))).status).toBe(403);
    const unknown = await call(ropaGET, "/api/v1/evidence/ropa?format=pdf&zones=atlantis", await as("legal"));
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).message).toBe('zones: unknown zone "atlantis"');
    expect(await exports()).toHaveLength(before);
  });
});

describe("GET /api/v1/evidence/erasure?format=pdf", { timeout: 180_000 }, () => {
  it("prints the source, then every asset holding derived data with its zone, owner, categories and path; audited once", async () => {
    const before = (await exports()).length;
    const response = await call(erasureGET, "/api/v1/evidence/erasure?asset=purchase_events_logger&format=pdf", await as("legal"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/filename="erasure-impact-purchase_events_logger-\d{4}-\d{2}-\d{2}\.pdf"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const { text } = pdfText(bytes, "erasure.pdf");

    const { report } = await getErasureImpact("purchase_events_logger");
    expect(report.rows).toHaveLength(16);
    expect(text).toContain("Erasure impact: PurchaseEventsLogger");
    expect(text).toMatch(/Assets holding derived data 16\b/);
    const assets = new Map((await db.prisma().asset.findMany({ include: { zone: true } })).map((asset) => [asset.id, asset]));
    // each row, in order: its step number, the asset's name, id, owner, zone, labels and path by names
    const rows = section(text, "Checklist", /$^/);
    const starts = report.rows.map((row, i) => rows.indexOf(`${i + 1} ${assets.get(row.id)!.name} `));
    for (const [i, row] of report.rows.entries()) {
      expect(starts[i], `row ${i + 1} (${row.id}) follows row ${i}`).toBeGreaterThan(i === 0 ? 0 : starts[i - 1]);
      const printed = rows.slice(starts[i], starts[i + 1] ?? rows.length);
      const asset = assets.get(row.id)!;
      expect(printed).toContain(`${asset.id} · ${asset.namespace}`);
      expect(printed).toContain(`owner ${asset.owner ?? "—"}`);
      expect(printed).toContain(asset.zone?.name ?? "no zone");
      // each derived label with how it arrives (identified, pseudonymized, aggregated; consented)
      for (const label of row.labels) expect(printed).toMatch(new RegExp(`${label.category.replaceAll(".", "\\.")} ${label.qualifier}${label.consented ? ", consented" : ""}`));
      expect(printed).toContain(`${row.path.map((step) => step.name).join(" → ")} (${row.distance} edge${row.distance === 1 ? "" : "s"})`);
      // a category the source's labels lose on the way is not printed for the asset
      for (const category of report.source.labels.map((l) => l.category).filter((c) => !row.categories.includes(c))) expect(printed).not.toContain(category);
    }
    const entries = await exports();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ subject: "evidence:erasure.pdf", payload: { kind: "erasure.pdf", asset: "purchase_events_logger", assets: 16, sha256: sha256(bytes), bytes: bytes.byteLength } });
    expect(response.headers.get("x-zoneline-sha256")).toBe(sha256(bytes));
  });

  it("a source nothing derives from is a valid one-page checklist that says so", async () => {
    const response = await call(erasureGET, "/api/v1/evidence/erasure?asset=deletion_ledger&format=pdf", await as("privacy_reviewer"));
    expect(response.status).toBe(200);
    const { text, pages } = pdfText(new Uint8Array(await response.arrayBuffer()), "erasure-empty.pdf");
    expect(text).toContain("No other asset holds data derived from this one");
    expect(pages).toBe(1);
  });

  it("an engineer gets 403, an unknown asset 404; nothing is audited", async () => {
    const before = (await exports()).length;
    expect((await call(erasureGET, "/api/v1/evidence/erasure?asset=users&format=pdf", await as("engineer"))).status).toBe(403);
    expect((await call(erasureGET, "/api/v1/evidence/erasure?asset=nowhere&format=pdf", await as("legal"))).status).toBe(404);
    expect(await exports()).toHaveLength(before);
  });
});
