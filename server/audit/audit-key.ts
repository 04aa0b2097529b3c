// The audit signing key (DESIGN.md, Audit log: "the key comes from
// ZONELINE_AUDIT_KEY or is generated once and kept outside the database").
//
// - ZONELINE_AUDIT_KEY: an Ed25519 PKCS#8 private key, PEM or the base64 of its
//   DER bytes. Required with several app replicas: each would otherwise make
//   its own key, and every replica would find the others' checkpoints unsigned.
// - otherwise `audit-key.pem` in the data folder: beside the embedded database
//   (`.zoneline/`, or the parent of ZONELINE_DATA_DIR), created on first use
//   with mode 0600. It is there whether or not DATABASE_URL is set, so a key
//   never travels with a database dump.
import fs from "node:fs";
import path from "node:path";
import { AuditKeyError, CHECKPOINT_ALGORITHM, generateAuditSigningKeyPem, parseAuditSigningKey, type AuditSigningKey } from "@/lib/audit";
import { DEFAULT_DATA_DIR } from "../db/embedded";

export const AUDIT_KEY_FILE = "audit-key.pem";

export type AuditKeySource = { kind: "env" } | { kind: "file"; path: string; created: boolean };

export function auditKeyPath(): string {
  return path.join(path.dirname(DEFAULT_DATA_DIR), AUDIT_KEY_FILE);
}

const globalForKey = globalThis as unknown as { zonelineAuditKey?: { origin: string; key: AuditSigningKey; source: AuditKeySource } };

/** The key checkpoints are signed and checked with; read once per process (and again if its origin changes). */
export function auditSigningKey(): { key: AuditSigningKey; source: AuditKeySource } {
  const fromEnv = process.env.ZONELINE_AUDIT_KEY;
  const origin = fromEnv ? `env:${fromEnv}` : `file:${auditKeyPath()}`;
  const cached = globalForKey.zonelineAuditKey;
  if (cached && cached.origin === origin) return cached;
  let loaded: { key: AuditSigningKey; source: AuditKeySource };
  if (fromEnv) {
    try {
      loaded = { key: parseAuditSigningKey(fromEnv), source: { kind: "env" } };
    } catch (error) {
      throw new AuditKeyError(`ZONELINE_AUDIT_KEY: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    loaded = readOrCreateKeyFile(auditKeyPath());
  }
  globalForKey.zonelineAuditKey = { origin, ...loaded };
  return loaded;
}

function readOrCreateKeyFile(file: string): { key: AuditSigningKey; source: AuditKeySource } {
  let created = false;
  if (!fs.existsSync(file)) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Written aside, then linked into place: link fails if the file exists, so when several
      // processes start at once exactly one key wins and every process reads that one.
      const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
      fs.writeFileSync(temporary, generateAuditSigningKeyPem(), { mode: 0o600 });
      try {
        fs.linkSync(temporary, file);
        created = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      } finally {
        fs.rmSync(temporary, { force: true });
      }
    } catch (error) {
      throw new AuditKeyError(
        `cannot create the audit signing key ${file} (${error instanceof Error ? error.message : String(error)}): ` +
          "set ZONELINE_AUDIT_KEY to an Ed25519 PKCS#8 private key, or make that folder writable",
      );
    }
  }
  try {
    return { key: parseAuditSigningKey(fs.readFileSync(file, "utf8")), source: { kind: "file", path: file, created } };
  } catch (error) {
    throw new AuditKeyError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export type AuditPublicKey = {
  algorithm: typeof CHECKPOINT_ALGORITHM;
  /** SubjectPublicKeyInfo, PEM */
  publicKey: string;
  /** sha256 (hex) of the public key's DER form: what each checkpoint names */
  fingerprint: string;
  /** where the private key comes from (never the key itself) */
  source: "ZONELINE_AUDIT_KEY" | "data folder";
};

/** What is published: the Audit page and GET /api/v1/audit/public-key. */
export function getAuditPublicKey(): AuditPublicKey {
  const { key, source } = auditSigningKey();
  return {
    algorithm: CHECKPOINT_ALGORITHM,
    publicKey: key.publicKeyPem,
    fingerprint: key.fingerprint,
    source: source.kind === "env" ? "ZONELINE_AUDIT_KEY" : "data folder",
  };
}
