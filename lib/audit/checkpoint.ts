// Signed checkpoints (DESIGN.md, Audit log): a checkpoint is an Ed25519
// signature over (sequence, hash) of one entry of the chain. The hash chain
// alone shows an entry edited in place, but not a tail cut off nor a suffix
// re-hashed consistently after an edit: whoever can write the table can do
// that. A checkpoint can only be made with the private key, which never sits in
// the database, so a chain that no longer reaches or matches a checkpoint was
// truncated or rewritten. Anyone holding the public key can check one.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";
import { isoInstant } from "./chain.ts";

export const CHECKPOINT_ALGORITHM = "Ed25519";

// Versioned, so a later format can never be mistaken for this one.
const CHECKPOINT_TYPE = "zoneline.audit.checkpoint/v1";

export type CheckpointHead = { sequence: number; hash: string };

export type AuditCheckpoint = CheckpointHead & {
  /** base64 Ed25519 signature over checkpointMessage(...) */
  signature: string;
  /** publicKeyFingerprint of the key that signed it */
  keyFingerprint: string;
  signedAt: Date | string;
};

/** A key pair ready to sign, with its public half in the forms that are published. */
export type AuditSigningKey = {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  fingerprint: string;
};

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditKeyError";
  }
}

/** The exact bytes signed: canonical JSON, so any language can rebuild them from an export. */
export function checkpointMessage(checkpoint: CheckpointHead & { signedAt: Date | string }): Buffer {
  return Buffer.from(
    canonicalJson({ type: CHECKPOINT_TYPE, sequence: checkpoint.sequence, hash: checkpoint.hash, signedAt: isoInstant(checkpoint.signedAt) }),
    "utf8",
  );
}

/** sha256 (hex) of the public key's DER SubjectPublicKeyInfo: the same value `openssl pkey -pubout -outform DER | sha256sum` gives. */
export function publicKeyFingerprint(publicKey: KeyObject): string {
  let fingerprint = fingerprints.get(publicKey);
  if (!fingerprint) {
    fingerprint = createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex");
    fingerprints.set(publicKey, fingerprint);
  }
  return fingerprint;
}

// A full check compares every checkpoint's fingerprint with the key's: export and hash the key once.
const fingerprints = new WeakMap<KeyObject, string>();

function signingKeyOf(privateKey: KeyObject): AuditSigningKey {
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new AuditKeyError(`the audit key must be an Ed25519 private key, not ${privateKey.asymmetricKeyType ?? "a secret key"}`);
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    fingerprint: publicKeyFingerprint(publicKey),
  };
}

/**
 * Reads an Ed25519 private key as PKCS#8, either PEM ("-----BEGIN PRIVATE
 * KEY-----…", as `openssl genpkey -algorithm ed25519` writes it) or the base64
 * of its DER bytes (one line, handy in an environment variable).
 */
export function parseAuditSigningKey(text: string): AuditSigningKey {
  const trimmed = text.trim();
  let privateKey: KeyObject;
  try {
    privateKey = trimmed.startsWith("-----BEGIN")
      ? createPrivateKey({ key: trimmed, format: "pem" })
      : createPrivateKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "pkcs8" });
  } catch (error) {
    throw new AuditKeyError(
      `the audit key is not a PKCS#8 private key in PEM or base64 DER form (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return signingKeyOf(privateKey);
}

/** A fresh key, as the PKCS#8 PEM text that parseAuditSigningKey reads back. */
export function generateAuditSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

/** Reads a published public key (SPKI PEM), for checking checkpoints without the private key. */
export function parseAuditPublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem.trim(), format: "pem" });
  } catch (error) {
    throw new AuditKeyError(`not a public key in PEM form (${error instanceof Error ? error.message : String(error)})`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new AuditKeyError(`the audit public key must be Ed25519, not ${key.asymmetricKeyType}`);
  return key;
}

export function signCheckpoint(head: CheckpointHead, key: AuditSigningKey, signedAt: Date = new Date()): AuditCheckpoint {
  // Millisecond precision: what a timestamptz(3) column gives back, so the message can be rebuilt from the row.
  const at = new Date(Math.floor(signedAt.getTime()));
  const signature = sign(null, checkpointMessage({ ...head, signedAt: at }), key.privateKey).toString("base64");
  return { sequence: head.sequence, hash: head.hash, signature, keyFingerprint: key.fingerprint, signedAt: at };
}

/** Why a checkpoint's signature cannot be trusted under `publicKey`, or null when it verifies. */
export function checkpointSignatureProblem(checkpoint: AuditCheckpoint, publicKey: KeyObject): string | null {
  const expected = publicKeyFingerprint(publicKey);
  if (checkpoint.keyFingerprint !== expected) {
    return `checkpoint ${checkpoint.sequence} names signing key ${checkpoint.keyFingerprint}, not the audit key ${expected}`;
  }
  let valid = false;
  try {
    valid = verify(null, checkpointMessage(checkpoint), publicKey, Buffer.from(checkpoint.signature, "base64"));
  } catch {
    valid = false;
  }
  return valid ? null : `checkpoint ${checkpoint.sequence}'s signature does not verify with the audit key ${expected}`;
}
