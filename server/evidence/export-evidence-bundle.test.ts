// The evidence bundle end to end on a real database: exported through the
// route handler as legal, verified clean; an audit row altered with the
// trigger disabled, and a log cut short, found by the verifier; bad scopes,
// an empty period, engineers refused; the CLI's exit codes.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { generateAuditSigningKeyPem } from "@/lib/audit";
import type { BundleManifest } from "@/lib/evidence/bundle-manifest";
import { verifyEvidenceBundle } from "@/lib/evidence/verify-evidence-bundle";
import { GET as bundleGET } from "@/app/api/v1/evidence/bundle/route";
import { POST as verifyPOST } from "@/app/api/v1/evidence/verify/route";
import { GET as exportDownloadGET } from "@/app/api/v1/evidence/exports/[id]/download/route";
import { GET as exportsGET, POST as exportsPOST } from "@/app/api/v1/evidence/exports/route";
import { checkAdmission } from "@/server/admission/check-admission";
import { parseOpenLineageBatch } from "@/lib/lineage/openlineage-event";
import { recordOpenLineageEvents } from "@/server/lineage/record-openlineage-events";
import { runEvent } from "@/test/openlineage-fixtures";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import type { Tx } from "@/server/db";
import { runEvaluation } from "@/server/evaluations/run-evaluation";
import { importWorld } from "@/server/world/import-world";
import { resetWorldState } from "@/server/world/world-state";
import { demoWorld } from "@/test/demo-world";
import { sessionCookie } from "@/test/sign-in";
import { runCli } from "@/test/run-cli";
import { useTestDatabase } from "@/test/use-database";
import { liveAuditLog } from "./live-audit-log";

const db = useTestDatabase("bundle");
process.env.ZONELINE_AUDIT_KEY = generateAuditSigningKeyPem();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zoneline-bundle-test-"));

const get = async (query: string, roles: Parameters<typeof sessionCookie>[0] = ["legal"]) =>
  bundleGET(new NextRequest(new URL(`/api/v1/evidence/bundle${query}`, "http://zoneline.test"), { headers: { cookie: await sessionCookie(roles) } }));

async function download(query = ""): Promise<Buffer> {
  const response = await get(query);
  expect(response.status, await response.clone().text().catch(() => "")).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/zip");
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="zoneline-evidence-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.zip"$/);
  return Buffer.from(await response.arrayBuffer());
}

async function files(zip: Buffer): Promise<Map<string, string>> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const out = new Map<string, string>();
  for await (const entry of file.eachEntry()) {
    const parts: Buffer[] = [];
    for await (const chunk of await file.openReadStreamPromise(entry)) parts.push(chunk as Buffer);
    out.set(entry.fileName, Buffer.concat(parts).toString("utf8"));
  }
  return out;
}

const manifestOf = async (zip: Buffer) => JSON.parse((await files(zip)).get("manifest.json")!) as BundleManifest;
const save = (name: string, zip: Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, zip);
  return file;
};
const exportEntries = () => db.prisma().auditEntry.findMany({ where: { action: "evidence.export" }, orderBy: { sequence: "asc" } });

/** As someone with the table owner's rights: the append-only trigger switched off for the change. */
async function asAttacker(tamper: (tx: Tx) => Promise<unknown>) {
  await db.prisma().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditEntry" DISABLE TRIGGER zl_audit_append_only`);
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER zl_audit_append_only`);
    await tamper(tx);
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditEntry" ENABLE TRIGGER zl_audit_append_only`);
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditCheckpoint" ENABLE TRIGGER zl_audit_append_only`);
  });
}

// each run starts node with tsx (seconds on a busy machine): the tests that run it get more time
const CLI_TIMEOUT = 180_000;

const zoneline = (...args: string[]) => runCli(args);

beforeAll(async () => {
  resetWorldState();
  await importWorld({ world: demoWorld(), actor: "reviewer@example.com" });
  await runEvaluation({ trigger: "test", actor: "reviewer@example.com" });
  await checkAdmission({ caller: "token:pipeline", request: { job: "lookalike", purpose: "marketing.advertising.first_party.targeted", inputs: ["purchase_events"] } });
  // two raw OpenLineage events: one about the ads zone's assets, one about assets in no zone
  const events = [
    runEvent({ eventType: "COMPLETE", eventTime: "2026-11-30T08:00:00Z", job: { namespace: "jobs", name: "lookalike" }, inputs: [{ namespace: "warehouse", name: "purchase_events" }] }),
    runEvent({ eventType: "COMPLETE", eventTime: "2026-11-30T08:05:00Z", job: { namespace: "elsewhere", name: "copy" }, inputs: [{ namespace: "elsewhere", name: "a" }], outputs: [{ namespace: "elsewhere", name: "b" }] }),
  ];
  const parsed = parseOpenLineageBatch(JSON.parse(JSON.stringify(events)));
  if (!parsed.ok) throw new Error(parsed.issues.join("\n"));
  await recordOpenLineageEvents({ actor: "token:pipeline", events: parsed.events, batch: true, evaluate: "wait" });
});
afterAll(() => {
  resetWorldState();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("GET /api/v1/evidence/bundle", () => {
  it("streams the demo world's bundle to legal; it verifies clean, and the export is one audit entry with the ZIP's sha256", async () => {
    const zip = await download();
    const verification = await verifyEvidenceBundle({ buffer: zip });
    expect(verification.findings).toEqual([]);
    const content = await files(zip);
    expect([...content.keys()]).toEqual([
      "zones.json", "zones.csv", "assets.json", "assets.csv", "edges.json", "edges.csv", "sanctioned-paths.json", "sanctioned-paths.csv",
      "decisions.json", "decisions.csv", "admission-checks.json", "admission-checks.csv", "violations.json", "violations.csv", "lineage-events.jsonl", "audit-entries.jsonl", "manifest.json",
    ]);
    const lineageEvents = content.get("lineage-events.jsonl")!.trim().split("\n").map((line) => JSON.parse(line));
    expect(lineageEvents.map((e) => [e.kind, e.eventType, e.event.job.namespace, e.receivedBy]).sort()).toEqual([
      ["RunEvent", "COMPLETE", "elsewhere", "token:pipeline"],
      ["RunEvent", "COMPLETE", "jobs", "token:pipeline"],
    ]);
    expect(lineageEvents.every((e) => /^[0-9a-f]{64}$/.test(e.sha256))).toBe(true);
    const manifest = JSON.parse(content.get("manifest.json")!) as BundleManifest;
    const world = demoWorld();
    expect(manifest).toMatchObject({ format: "zoneline-evidence-bundle/1", generatedBy: expect.stringContaining("@test.zoneline"), empty: false, scope: { allZones: true } });
    // the demo world, and what the two OpenLineage events added to it
    expect(manifest.files.find((f) => f.path === "assets.json")!.rows).toBe(await db.prisma().asset.count());
    expect(manifest.files.find((f) => f.path === "assets.json")!.rows).toBe(world.assets.length + 3);
    expect(manifest.files.find((f) => f.path === "edges.csv")!.rows).toBe(await db.prisma().lineageEdge.count());
    expect(JSON.parse(content.get("edges.json")!).map((e: { verdict: string }) => e.verdict)).toContain("violation");
    expect(JSON.parse(content.get("decisions.json")!).map((d: { action: string }) => d.action)).toContain("world.import");
    expect(JSON.parse(content.get("admission-checks.json")!)).toEqual([expect.objectContaining({ job: "lookalike", inputs: ["purchase_events"] })]);
    expect(JSON.parse(content.get("violations.json")!).length).toBeGreaterThan(0);
    // the head was signed before the export, so the whole segment is vouched for
    expect(manifest.checkpoints.at(-1)!.sequence).toBe(manifest.chain.lastSequence);
    expect(content.get("audit-entries.jsonl")!.trim().split("\n")).toHaveLength(manifest.chain.entries);

    const [entry] = (await exportEntries()).slice(-1);
    expect(entry).toMatchObject({ actor: manifest.generatedBy, subject: "evidence:bundle.zip" });
    expect(entry.payload).toMatchObject({ kind: "bundle.zip", sha256: createHash("sha256").update(zip).digest("hex"), bytes: zip.length, scope: { from: manifest.scope.from, to: manifest.scope.to, zones: manifest.scope.zones } });
  });

  it("narrows the world files to the zones asked for, and keeps the audit segment whole", async () => {
    const all = await manifestOf(await download());
    const zip = await download("?zones=ads,ai_training");
    const content = await files(zip);
    const manifest = JSON.parse(content.get("manifest.json")!) as BundleManifest;
    expect(manifest.scope).toMatchObject({ zones: ["ads", "ai_training"], allZones: false });
    expect(JSON.parse(content.get("zones.json")!).map((z: { id: string }) => z.id)).toEqual(["ads", "ai_training"]);
    expect(new Set(JSON.parse(content.get("assets.json")!).map((a: { zone: string }) => a.zone))).toEqual(new Set(["ads", "ai_training"]));
    expect(JSON.parse(content.get("violations.json")!).every((v: { zone: string }) => ["ads", "ai_training"].includes(v.zone))).toBe(true);
    expect(manifest.chain.firstSequence).toBe(all.chain.firstSequence);
    // raw lineage events: only those naming an asset of a covered zone
    expect(content.get("lineage-events.jsonl")!.trim().split("\n").map((line) => JSON.parse(line).event.job.namespace)).toEqual(["jobs"]);
    expect((await verifyEvidenceBundle({ buffer: zip })).ok).toBe(true);
  });

  it("an aborted download records nothing", async () => {
    const before = (await exportEntries()).length;
    const response = await get("");
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await exportEntries()).toHaveLength(before);
  });

  it("a period with no data is a valid bundle that says so", async () => {
    const zip = await download("?from=2020-01-01&to=2020-01-31");
    const content = await files(zip);
    const manifest = JSON.parse(content.get("manifest.json")!) as BundleManifest;
    expect(manifest).toMatchObject({ empty: true, chain: { entries: 0, firstSequence: null }, checkpoints: [] });
    expect(manifest.notes).toContain("The period holds no audit entries.");
    expect(content.get("audit-entries.jsonl")).toBe("");
    expect(content.get("violations.json")).toBe("[]\n");
    expect(content.get("decisions.csv")).toBe("sequence,at,actor,action,subject,zones,details,hash\r\n");
    expect(await verifyEvidenceBundle({ buffer: zip })).toMatchObject({ ok: true, summary: { empty: true } });
  });

  it.each([
    ["a period that ends before it starts", "?from=2026-03-01&to=2026-02-01", "to: the period ends"],
    ["a date that is not one", "?from=yesterday", "from: not a date"],
    ["an unknown zone", "?zones=ads,atlantis", 'zones: unknown zone "atlantis"'],
  ])("refuses %s with 400 naming the field, and records nothing", async (_case, query, message) => {
    const before = (await exportEntries()).length;
    const response = await get(query);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "INVALID_REQUEST", message: expect.stringContaining(message) });
    expect(await exportEntries()).toHaveLength(before);
  });

  it.each([[["engineer"]], [["admin"]]] as const)("refuses %s with 403, and records nothing", async (roles) => {
    const before = (await exportEntries()).length;
    const response = await get("", [...roles]);
    expect(response.status).toBe(403);
    expect(await exportEntries()).toHaveLength(before);
  });
});

describe("the bundle as a background export (POST /api/v1/evidence/exports, kind bundle.zip)", { timeout: 120_000 }, () => {
  type Roles = Parameters<typeof sessionCookie>[0];
  const exportsCall = async (handler: (request: NextRequest) => Promise<Response>, url: string, roles: Roles, body?: unknown) =>
    handler(new NextRequest(new URL(url, "http://zoneline.test"), { method: body === undefined ? "GET" : "POST", headers: { origin: "http://zoneline.test", cookie: await sessionCookie(roles), ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) }));

  it("is made in the background, kept for download, verifies clean, and is one evidence.export entry naming the export", async () => {
    const before = (await exportEntries()).length;
    const started = await exportsCall(exportsPOST, "/api/v1/evidence/exports", ["privacy_reviewer"], { kind: "bundle.zip", zones: ["ads"], from: "2026-01-01" });
    expect(started.status).toBe(202);
    const { export: queued } = await started.json();
    expect(queued).toMatchObject({ kind: "bundle.zip", status: "queued" });
    let view;
    for (let i = 0; i < 400; i++) {
      const list = await (await exportsCall(exportsGET, "/api/v1/evidence/exports", ["legal"])).json();
      view = list.exports.find((e: { id: string }) => e.id === queued.id);
      if (view.status === "done" || view.status === "failed") break;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(view).toMatchObject({ status: "done", progress: 1, error: null, fileName: expect.stringMatching(/^zoneline-evidence-2026-01-01-to-\d{4}-\d\d-\d\d\.zip$/) });

    const response = await exportsCall(exportDownloadGET, view.downloadUrl, ["legal"]);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const zip = Buffer.from(await response.arrayBuffer());
    const sha256 = createHash("sha256").update(zip).digest("hex");
    expect(response.headers.get("x-content-sha256")).toBe(sha256);
    expect((await verifyEvidenceBundle({ buffer: zip })).findings).toEqual([]);
    const manifest = await manifestOf(zip);
    expect(manifest.scope).toMatchObject({ from: "2026-01-01T00:00:00.000Z", zones: ["ads"], allZones: false });
    expect(JSON.parse((await files(zip)).get("zones.json")!).map((z: { id: string }) => z.id)).toEqual(["ads"]);

    const entries = await exportEntries();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ subject: `export:${queued.id}`, payload: { kind: "bundle.zip", exportId: queued.id, sha256, bytes: zip.length, scope: { zones: ["ads"], allZones: false } } });
    expect(entries.at(-1)!.actor).toMatch(/^privacy_reviewer\./); // the session user who asked
  });

  it("refuses an engineer (403) and an unknown zone (400, named), writing nothing", async () => {
    const before = await db.prisma().evidenceExport.count();
    expect((await exportsCall(exportsPOST, "/api/v1/evidence/exports", ["engineer"], { kind: "bundle.zip" })).status).toBe(403);
    const unknown = await exportsCall(exportsPOST, "/api/v1/evidence/exports", ["legal"], { kind: "bundle.zip", zones: ["atlantis"] });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).message).toBe('zones: unknown zone "atlantis"');
    expect(await db.prisma().evidenceExport.count()).toBe(before);
  });
});

describe("POST /api/v1/evidence/verify", () => {
  const post = async (body: BodyInit, query = "") =>
    verifyPOST(new NextRequest(new URL(`/api/v1/evidence/verify${query}`, "http://zoneline.test"), { method: "POST", headers: { cookie: await sessionCookie(["engineer"]), "content-type": "application/zip" }, body }));

  it("answers the findings for an uploaded bundle, also against the live log; a body that is not a ZIP is a finding", async () => {
    const zip = await download();
    expect(await (await post(new Uint8Array(zip), "?against=live")).json()).toMatchObject({ ok: true, findings: [], summary: { against: { label: "the live audit log" } } });
    expect(await (await post("plain text")).json()).toMatchObject({ ok: false, findings: [{ kind: "not_a_zip" }] });
    expect((await post(new Uint8Array(0))).status).toBe(400);
    expect((await post("x", "?against=yesterday")).status).toBe(400);
  });
});

describe("the verifier finds what was done to the log", () => {
  it("an audit row altered with the trigger disabled: the chain is broken at that entry (and the CLI exits 1 saying so)", async () => {
    const target = await db.prisma().auditEntry.findFirstOrThrow({ where: { action: "admission.check" } });
    await asAttacker((tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "actor" = 'mallory@example.com' WHERE "sequence" = ${target.sequence}`);
    try {
      const zip = await download();
      const result = await verifyEvidenceBundle({ buffer: zip });
      expect(result.findings).toEqual([expect.objectContaining({ kind: "chain_broken", sequence: target.sequence, message: expect.stringContaining(`broken at entry ${target.sequence} (edited)`) })]);
      const cli = await zoneline("verify-evidence", save("altered.zip", zip));
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`NOT VERIFIED`);
      expect(cli.stdout).toContain(`[chain_broken] (audit-entries.jsonl, entry ${target.sequence})`);
    } finally {
      await asAttacker((tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "actor" = ${target.actor} WHERE "sequence" = ${target.sequence}`);
    }
  }, CLI_TIMEOUT);

  it("a log cut short is reported against the earlier bundle's checkpoint, live and against a later bundle", async () => {
    const earlierZip = await download();
    const earlier = await manifestOf(earlierZip);
    const earlierFile = save("earlier.zip", earlierZip);
    expect((await zoneline("verify-evidence", earlierFile, "--live")).code).toBe(0);

    const last = earlier.chain.lastSequence!;
    const cut = last - 3;
    await asAttacker(async (tx) => {
      await tx.$executeRaw`DELETE FROM "AuditEntry" WHERE "sequence" > ${cut}`;
      await tx.$executeRaw`DELETE FROM "AuditCheckpoint" WHERE "sequence" > ${cut}`;
      await tx.$executeRaw`DELETE FROM "AuditVerification"`;
    });
    // the first of the earlier bundle's checkpoints that the cut log no longer reaches names it
    const gone = earlier.checkpoints.find((c) => c.sequence > cut)!.sequence;
    expect(gone).toBeLessThanOrEqual(last);
    const live = await verifyEvidenceBundle({ path: earlierFile }, { against: { log: liveAuditLog() } });
    expect(live.findings).toEqual([expect.objectContaining({ kind: "prefix_truncated", sequence: cut + 1, checkpoint: gone, message: expect.stringContaining(`checkpoint ${gone} was signed over entry ${gone}, but the log ends at entry ${cut}`) })]);

    // a bundle exported after the cut: its own chain is intact, yet it no longer holds the earlier segment
    await verifyAuditChain({ full: true });
    const later = save("later.zip", await download());
    const cli = await zoneline("verify-evidence", earlierFile, "--against", later);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(new RegExp(`\\[prefix_(truncated|changed)\\] \\(entry ${cut + 1}`));
    // the later export's own entry took sequence cut + 1 again: the live log now differs there
    const cliLive = await zoneline("verify-evidence", earlierFile, "--live", "--format", "json");
    expect(cliLive.code).toBe(1);
    expect(JSON.parse(cliLive.stdout).findings).toEqual([expect.objectContaining({ kind: expect.stringMatching(/^prefix_(changed|truncated)$/), sequence: cut + 1 })]);
  }, CLI_TIMEOUT);

  it("the CLI: 0 for a bundle that verifies, 1 for one that does not, 2 for bad usage", async () => {
    const zip = await download("?from=2020-01-01&to=2020-01-02");
    const good = await zoneline("verify-evidence", save("good.zip", zip));
    expect({ code: good.code, out: good.stdout }).toEqual({ code: 0, out: expect.stringContaining("verified: every file matches") });
    const bytes = Buffer.from(zip);
    const notZip = save("not-a.zip", Buffer.from("this is not a zip"));
    expect(await zoneline("verify-evidence", notZip)).toMatchObject({ code: 1, stdout: expect.stringContaining("[not_a_zip]") });
    expect(bytes.length).toBeGreaterThan(0);
    expect((await zoneline("verify-evidence")).code).toBe(2);
    expect((await zoneline("verify-evidence", path.join(dir, "missing.zip"))).code).toBe(2);
    expect((await zoneline("verify-evidence", notZip, "--live", "--against", notZip)).code).toBe(2);
  }, CLI_TIMEOUT);
});
