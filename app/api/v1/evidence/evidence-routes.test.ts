// The record-of-processing and erasure-impact exports, called as Next calls
// them, on the demo world in a real database: the files' content, the XLSX
// opened with exceljs, one audit entry per download whose sha256 matches the
// bytes, and refusals (engineers, unknown zones and assets) that write nothing.
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { UTF8_BOM } from "@/lib/evidence/csv";
import { ERASURE_COLUMNS } from "@/lib/evidence/erasure";
import { ROPA_COLUMNS } from "@/lib/evidence/ropa";
import { runEvaluation } from "@/server/evaluations/run-evaluation";
import { updateOrganisationSettings } from "@/server/settings/organisation-settings";
import { createApiToken } from "@/server/tokens/api-tokens";
import { importWorld } from "@/server/world/import-world";
import { demoWorld } from "@/test/demo-world";
import { sessionCookie } from "@/test/sign-in";
import { useTestDatabase } from "@/test/use-database";
import { GET as erasureGET } from "./erasure/route";
import { GET as ropaGET } from "./ropa/route";

const db = useTestDatabase("evidence");
const DEMO_ZONES = ["AI Training", "Ads Optimization", "Assistant Serving", "Content Recommendations", "Identity & Core User Data", "Reporting & Analytics"];

type Handler = (request: NextRequest) => Promise<Response>;
const call = (handler: Handler, path: string, headers: Record<string, string>) => handler(new NextRequest(new URL(path, "http://zoneline.test"), { headers }));
const as = async (role: "legal" | "privacy_reviewer" | "engineer" | "admin") => ({ cookie: await sessionCookie([role]) });
// keep the byte-order mark (TextDecoder drops it by default): the test checks it is there
const decode = (bytes: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const exports = () => db.prisma().auditEntry.findMany({ where: { action: "evidence.export" }, orderBy: { sequence: "asc" } });

/** RFC 4180 parse of our own files (quoted fields with "" and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"', i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (row.push(field), (field = ""));
    else if (ch === "\r" && text[i + 1] === "\n") (row.push(field), rows.push(row), (row = []), (field = ""), i++);
    else field += ch;
  }
  return rows;
}

beforeAll(async () => {
  await importWorld({ world: demoWorld() });
  await runEvaluation({ trigger: "test" });
  await updateOrganisationSettings(
    { id: "a", email: "admin@test.zoneline", name: "Admin", roles: ["admin"] },
    { organisationName: "Example Europe GmbH", controllerName: "Example Europe GmbH", controllerContact: "Kurfürstendamm 1, Berlin; privacy@example.eu", dpoContact: "dpo@example.eu", paperSize: "A4" },
  );
});

describe("GET /api/v1/evidence/ropa", () => {
  it("CSV for legal: BOM, the columns, one row per demo zone with the controller, and one audit entry whose sha256 matches the bytes", async () => {
    const before = (await exports()).length;
    const response = await call(ropaGET, "/api/v1/evidence/ropa?format=csv", await as("legal"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="record-of-processing-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = decode(bytes);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([...ROPA_COLUMNS]);
    expect(rows.map((row) => row[0]).sort()).toEqual(DEMO_ZONES);
    const ads = Object.fromEntries(header.map((column, i) => [column, rows.find((row) => row[1] === "ads")![i]]));
    expect(ads).toMatchObject({
      Controller: "Example Europe GmbH",
      "Controller contact": "Kurfürstendamm 1, Berlin; privacy@example.eu",
      "DPO contact": "dpo@example.eu",
      "Categories of data subjects": "Customer; Prospect; Visitor",
      Retention: "Purchase and conversion events 13 months; lookalike audiences rebuilt daily, each kept 30 days",
    });
    expect(ads["Categories of personal data"]).toContain("user.behavior.purchase_history (identified)");
    expect(ads["Transfers out of all zones"]).toContain("purchase_events → jobs/measurement_partner_export: user.behavior.purchase_history, user.unique_id.pseudonymous [NOT SANCTIONED]");
    expect(ads["Transfers out of all zones"]).toContain("[NOT SANCTIONED]");

    const entries = await exports();
    expect(entries).toHaveLength(before + 1);
    const entry = entries.at(-1)!;
    expect(entry).toMatchObject({ action: "evidence.export", subject: "evidence:ropa.csv", actor: expect.stringContaining("legal") });
    expect(entry.payload).toMatchObject({ kind: "ropa.csv", sha256: sha256(bytes), bytes: bytes.byteLength, activities: 6, scope: { zones: [] } });
    expect(response.headers.get("x-zoneline-sha256")).toBe(sha256(bytes));
    const scope = (entry.payload as { scope: { from: string; to: string } }).scope;
    expect(Date.parse(scope.to) - Date.parse(scope.from)).toBe(90 * 86_400_000); // the evidence scope's default period
  });

  it("XLSX for a privacy reviewer opens with exceljs: the record, the transfers and the controller, audited with its sha256", async () => {
    const response = await call(ropaGET, "/api/v1/evidence/ropa?format=xlsx&zones=ads,reporting", await as("privacy_reviewer"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const values = (name: string) => {
      const rows: string[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
      return rows;
    };
    const record = values("Record of processing");
    expect(record[0]).toEqual([...ROPA_COLUMNS]);
    expect(record.slice(1).map((row) => row[1])).toEqual(["ads", "reporting"]);
    expect(record[2][8]).toBe("Customer"); // reporting's data subjects
    const transfers = values("Transfers");
    expect(transfers.find((row) => row[3] === "measurement_partner_export")).toMatchObject({ 0: "Ads Optimization", 8: "no" });
    expect(values("About").find((row) => row[0] === "Controller contact")?.[1]).toBe("Kurfürstendamm 1, Berlin; privacy@example.eu");
    const entry = (await exports()).at(-1)!;
    expect(entry.payload).toMatchObject({ kind: "ropa.xlsx", sha256: sha256(bytes), bytes: bytes.byteLength, activities: 2, scope: { zones: ["ads", "reporting"] } });
  });

  it("a token with the read scope may export; the audit entry names the token", async () => {
    const { secret } = await createApiToken({ system: "cli" }, { name: "dpo-pipeline", scopes: ["read"] });
    const response = await call(ropaGET, "/api/v1/evidence/ropa", { authorization: `Bearer ${secret}` });
    expect(response.status).toBe(200);
    expect((await exports()).at(-1)).toMatchObject({ actor: "token:dpo-pipeline", payload: { kind: "ropa.csv" } });
  });

  it("refuses an engineer (403), unknown zones (400, named) and a bad format (400, named), writing no audit entry", async () => {
    const before = (await exports()).length;
    expect((await call(ropaGET, "/api/v1/evidence/ropa?format=csv", await as("engineer"))).status).toBe(403);
    expect((await call(ropaGET, "/api/v1/evidence/ropa?format=xlsx", await as("admin"))).status).toBe(403);
    const unknown = await call(ropaGET, "/api/v1/evidence/ropa?zones=ads,atlantis,lemuria", await as("legal"));
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: "INVALID_REQUEST", message: 'zones: unknown zones "atlantis", "lemuria"' });
    const format = await call(ropaGET, "/api/v1/evidence/ropa?format=docx", await as("legal"));
    expect(format.status).toBe(400);
    expect(await format.json()).toMatchObject({ message: "format: one of csv, xlsx, pdf" });
    const backwards = await call(ropaGET, "/api/v1/evidence/ropa?from=2026-05-01&to=2026-04-01", await as("legal"));
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).message).toMatch(/^to: the period ends/);
    expect(await exports()).toHaveLength(before);
  });
});

describe("GET /api/v1/evidence/erasure", () => {
  it("the CSV checklist: the source first, then every asset holding derived data with path, categories, zone, owner and a Forwarded? column; audited", async () => {
    const response = await call(erasureGET, "/api/v1/evidence/erasure?asset=purchase_events_logger&format=csv", await as("legal"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/filename="erasure-impact-purchase_events_logger-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const [header, ...rows] = parseCsv(decode(bytes).slice(1));
    expect(header).toEqual([...ERASURE_COLUMNS]);
    expect(header).toContain("Forwarded?");
    const byId = new Map(rows.map((row) => [row[1], Object.fromEntries(header.map((column, i) => [column, row[i]]))]));
    expect(rows[0][1]).toBe("purchase_events_logger");
    expect(byId.get("purchase_events")).toMatchObject({ Step: "1", Zone: "Ads Optimization", Categories: "user.behavior.purchase_history", "Edges from source": "1", "Forwarded?": "" });
    expect(byId.get("measurement_partner_export")).toMatchObject({ Zone: "", Path: "PurchaseEventsLogger → purchase_events → measurement_partner_export" });
    expect(byId.get("exec_weekly_kpis")).toMatchObject({ "Edges from source": "6", Owner: expect.any(String) });
    expect(rows).toHaveLength(1 + 16);
    expect((await exports()).at(-1)).toMatchObject({
      subject: "evidence:erasure.csv",
      payload: { kind: "erasure.csv", asset: "purchase_events_logger", assets: 16, sha256: sha256(bytes), bytes: bytes.byteLength },
    });
  });

  it("JSON for a pipeline, audited as erasure.json", async () => {
    const response = await call(erasureGET, "/api/v1/evidence/erasure?asset=users&format=json", await as("privacy_reviewer"));
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.rows.map((row: { id: string; distance: number }) => [row.id, row.distance])).toEqual([["account_deletion", 1], ["deletion_ledger", 2]]);
    expect((await exports()).at(-1)).toMatchObject({ payload: { kind: "erasure.json", asset: "users", assets: 2 } });
  });

  it("refuses an engineer (403), an unknown asset (404, named) and a missing one (400), writing no audit entry", async () => {
    const before = (await exports()).length;
    expect((await call(erasureGET, "/api/v1/evidence/erasure?asset=users", await as("engineer"))).status).toBe(403);
    const unknown = await call(erasureGET, "/api/v1/evidence/erasure?asset=no_such_table", await as("legal"));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: "NOT_FOUND", message: 'asset: unknown asset "no_such_table"' });
    const missing = await call(erasureGET, "/api/v1/evidence/erasure?format=csv", await as("legal"));
    expect(missing.status).toBe(400);
    expect((await missing.json()).message).toBe("asset: required: the id of the source asset");
    expect(await exports()).toHaveLength(before);
  });
});
