// The Audit page rendered on the server against a real database: filters, the
// verification finding and the published key are what a reviewer reads.
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { generateAuditSigningKeyPem, parseAuditSigningKey } from "@/lib/audit";
import { recordAuditEntry } from "@/server/audit/record-audit-entry";
import { useTestDatabase } from "@/test/use-database";
import { AuditView } from "./audit-view";

const db = useTestDatabase("audit_page");
const KEY = generateAuditSigningKeyPem();
process.env.ZONELINE_AUDIT_KEY = KEY;

const render = async (params: Record<string, string> = {}) => renderToStaticMarkup(await AuditView({ searchParams: Promise.resolve(params) }));

beforeAll(async () => {
  await db.prisma().$transaction(async (tx) => {
    await recordAuditEntry(tx, { actor: "ana@example.com", action: "path.requested", subject: "path-one", payload: {}, at: new Date("2026-03-01T10:00:00Z") });
    await recordAuditEntry(tx, { actor: "rui@example.com", action: "path.approved", subject: "path-one", payload: {}, at: new Date("2026-03-02T10:00:00Z") });
    await recordAuditEntry(tx, { actor: "rui@example.com", action: "edge.reviewed", subject: "edge-two", payload: {}, at: new Date("2026-03-03T10:00:00Z") });
  });
});

describe("the Audit page", () => {
  it("shows the chain intact with its last checkpoint, and the public key with its fingerprint", async () => {
    const html = await render();
    expect(html).toContain("Chain intact.");
    expect(html).toContain("last checkpoint: entry 3");
    const { fingerprint, publicKeyPem } = parseAuditSigningKey(KEY);
    expect(html).toContain(fingerprint);
    expect(html).toContain(publicKeyPem.split("\n")[1]);
    expect(html).toContain('href="/api/v1/audit/public-key"');
  });

  it("offers the actions present and filters by actor, action and days", async () => {
    const all = await render();
    for (const action of ["edge.reviewed", "path.approved", "path.requested"]) expect(all).toContain(`<option value="${action}">`);
    const rows = (html: string) => [...html.matchAll(/<td class="[^"]*text-xs">(path-one|edge-two)<\/td>/g)].map((m) => m[1]);
    expect(rows(all)).toEqual(["edge-two", "path-one", "path-one"]);
    expect(rows(await render({ actor: "rui@example.com", action: "path.approved" }))).toEqual(["path-one"]);
    expect(rows(await render({ from: "2026-03-02", to: "2026-03-02" }))).toEqual(["path-one"]);
    const filtered = await render({ actor: "rui@example.com", from: "2026-03-02" });
    expect(filtered).toContain('value="rui@example.com"');
    expect(filtered).toContain("2 entries");
  });

  it("names the wrong field and lists nothing rather than guessing", async () => {
    const html = await render({ from: "2026-03-05", to: "2026-03-01" });
    expect(html).toContain("must not be before from");
    expect(html).toContain("Fix the filter to see entries");
    expect(html).not.toContain("path-one</td>");
  });

  it("reports tampering with its kind and first entry", async () => {
    await db.prisma().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEntry" DISABLE TRIGGER zl_audit_append_only`);
      await tx.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "sequence" = 3`);
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEntry" ENABLE TRIGGER zl_audit_append_only`);
    });
    const html = await render();
    expect(html).toContain("The end of the log was cut off: first entry concerned 3");
    expect(html).toContain("entry 3 was verified and is gone: the log was cut after entry 2");
  });
});

describe("the evidence bundle controls on the Audit page", () => {
  it("are shown to those who may export (with every zone to pick), and only a link to the verifier to others", async () => {
    await db.prisma().zone.create({ data: { id: "ads", name: "Ads Optimization", color: "#2563eb" } });
    const exporter = renderToStaticMarkup(await AuditView({ searchParams: Promise.resolve({}), canExport: true }));
    expect(exporter).toContain('action="/api/v1/evidence/bundle"');
    expect(exporter).toContain('value="ads"');
    expect(exporter).toContain("Download bundle");
    const reader = await render();
    expect(reader).not.toContain("/api/v1/evidence/bundle");
    expect(reader).toContain('href="/audit/verify"');
  });
});
