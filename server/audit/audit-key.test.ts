import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

// The key file's place follows ZONELINE_DATA_DIR, read when the module loads.
async function loadWithDataDir(dataDir: string) {
  vi.resetModules();
  vi.stubEnv("ZONELINE_DATA_DIR", dataDir);
  vi.stubEnv("ZONELINE_AUDIT_KEY", "");
  return import("./audit-key");
}

afterEach(() => vi.unstubAllEnvs());

describe("the audit signing key", () => {
  it("is generated once into the data folder's parent, readable by its owner only, and read back after", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "zl-audit-key-"));
    const { auditSigningKey, auditKeyPath, getAuditPublicKey } = await loadWithDataDir(path.join(root, "pgdata"));
    expect(auditKeyPath()).toBe(path.join(root, "audit-key.pem"));

    const first = auditSigningKey();
    expect(first.source).toEqual({ kind: "file", path: path.join(root, "audit-key.pem"), created: true });
    expect(fs.statSync(auditKeyPath()).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(auditKeyPath(), "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(fs.readdirSync(root)).toEqual(["audit-key.pem"]); // no temporary file left behind

    // Another process (a fresh module, an empty cache) finds the same key.
    (globalThis as { zonelineAuditKey?: unknown }).zonelineAuditKey = undefined;
    const again = await loadWithDataDir(path.join(root, "pgdata"));
    expect(again.auditSigningKey()).toMatchObject({ source: { created: false }, key: { fingerprint: first.key.fingerprint } });
    expect(getAuditPublicKey()).toMatchObject({ fingerprint: first.key.fingerprint, source: "data folder" });
  });

  it("says how to fix a data folder it cannot write to", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zl-audit-key-")), "not-a-folder");
    fs.writeFileSync(file, "");
    const { auditSigningKey } = await loadWithDataDir(path.join(file, "pgdata"));
    expect(() => auditSigningKey()).toThrow(/cannot create the audit signing key .*set ZONELINE_AUDIT_KEY/);
  });

  it("comes from ZONELINE_AUDIT_KEY when set, and then no file is written", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "zl-audit-key-"));
    const { auditSigningKey } = await loadWithDataDir(path.join(root, "pgdata"));
    const { generateAuditSigningKeyPem, parseAuditSigningKey } = await import("@/lib/audit");
    const pem = generateAuditSigningKeyPem();
    vi.stubEnv("ZONELINE_AUDIT_KEY", pem);
    expect(auditSigningKey()).toMatchObject({ source: { kind: "env" }, key: { fingerprint: parseAuditSigningKey(pem).fingerprint } });
    expect(fs.readdirSync(root)).toEqual([]);

    vi.stubEnv("ZONELINE_AUDIT_KEY", "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----");
    expect(() => auditSigningKey()).toThrow(/^ZONELINE_AUDIT_KEY: the audit key is not a PKCS#8 private key/);
  });
});
