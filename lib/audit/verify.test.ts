import { createHash, createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appendEntry, hashEntry, type AuditEntry } from "./chain.ts";
import {
  AuditKeyError,
  checkpointSignatureProblem,
  generateAuditSigningKeyPem,
  parseAuditPublicKey,
  parseAuditSigningKey,
  publicKeyFingerprint,
  signCheckpoint,
  type AuditCheckpoint,
} from "./checkpoint.ts";
import { verifyAuditLog } from "./verify.ts";

const key = parseAuditSigningKey(generateAuditSigningKeyPem());
const otherKey = parseAuditSigningKey(generateAuditSigningKeyPem());

function buildChain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < length; i++) {
    entries.push(
      appendEntry(entries.at(-1) ?? null, {
        at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        actor: "reviewer@example.com",
        action: "edge.reviewed",
        subject: `edge-${i}`,
        payload: { index: i },
      }),
    );
  }
  return entries;
}

/** Checkpoints every 10th entry, as the writer would sign them. */
function checkpointsOf(entries: AuditEntry[], every = 10, signer = key): AuditCheckpoint[] {
  return entries.filter((e) => e.sequence % every === 0).map((e) => signCheckpoint(e, signer, new Date(Date.UTC(2026, 1, 1))));
}

/** What an attacker who can write the table but not sign does: edit one entry and re-hash everything after it. */
function rewriteFrom(entries: AuditEntry[], sequence: number): AuditEntry[] {
  const out = entries.slice(0, sequence - 1);
  for (const entry of entries.slice(sequence - 1)) {
    const changed = entry.sequence === sequence ? { ...entry, actor: "mallory@example.com" } : entry;
    const prevHash = out.at(-1)?.hash ?? changed.prevHash;
    out.push({ ...changed, prevHash, hash: hashEntry(prevHash, changed) });
  }
  return out;
}

const chain = buildChain(50);
const checkpoints = checkpointsOf(chain);
const options = { checkpoints, publicKey: key.publicKey };

describe("checkpoints", () => {
  it("a checkpoint verifies with the key that signed it, survives a JSON round trip, and fails with any other", () => {
    const checkpoint = signCheckpoint(chain[9], key);
    expect(checkpoint).toMatchObject({ sequence: 10, hash: chain[9].hash, keyFingerprint: key.fingerprint });
    expect(checkpointSignatureProblem(checkpoint, key.publicKey)).toBeNull();
    expect(checkpointSignatureProblem(JSON.parse(JSON.stringify(checkpoint)), parseAuditPublicKey(key.publicKeyPem))).toBeNull();
    expect(checkpointSignatureProblem(checkpoint, otherKey.publicKey)).toMatch(/names signing key .* not the audit key/);
  });

  it.each([
    ["hash", (c: AuditCheckpoint) => ({ ...c, hash: chain[10].hash })],
    ["sequence", (c: AuditCheckpoint) => ({ ...c, sequence: 11 })],
    ["signedAt", (c: AuditCheckpoint) => ({ ...c, signedAt: new Date(Date.UTC(2030, 0, 1)) })],
    ["signature", (c: AuditCheckpoint) => ({ ...c, signature: Buffer.alloc(64).toString("base64") })],
  ])("a checkpoint whose %s changed no longer verifies", (_field, tamper) => {
    expect(checkpointSignatureProblem(tamper(signCheckpoint(chain[9], key)), key.publicKey)).toMatch(/signature does not verify/);
  });

  it("a checkpoint re-signed with another key but claiming the audit key's fingerprint fails", () => {
    const forged = { ...signCheckpoint(chain[9], otherKey), keyFingerprint: key.fingerprint };
    expect(checkpointSignatureProblem(forged, key.publicKey)).toMatch(/signature does not verify/);
  });

  it("reads a private key as PEM or as base64 DER, and the fingerprint is sha256 of the SPKI DER", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const base64 = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
    expect(parseAuditSigningKey(base64).fingerprint).toBe(parseAuditSigningKey(pem).fingerprint);
    const spkiDer = createPublicKey(pem).export({ type: "spki", format: "der" });
    expect(parseAuditSigningKey(pem).fingerprint).toBe(createHash("sha256").update(spkiDer).digest("hex"));
    expect(publicKeyFingerprint(parseAuditPublicKey(parseAuditSigningKey(pem).publicKeyPem))).toBe(parseAuditSigningKey(pem).fingerprint);
    expect(parseAuditSigningKey(pem).fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(parseAuditSigningKey(pem).publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it("refuses a key that is not an Ed25519 PKCS#8 private key, saying what it expected", () => {
    expect(() => parseAuditSigningKey("not a key")).toThrow(AuditKeyError);
    expect(() => parseAuditSigningKey("not a key")).toThrow(/PKCS#8 private key in PEM or base64 DER/);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => parseAuditSigningKey(rsa)).toThrow(/must be an Ed25519 private key, not rsa/);
  });
});

describe("verifyAuditLog", () => {
  it("accepts an intact log and counts the checkpoints it checked", () => {
    expect(verifyAuditLog(chain, options)).toEqual({ ok: true, count: 50, checkpoints: 5, vouchedThrough: 50 });
  });

  it("still reports a chain break with its kind and first entry", () => {
    const entries = structuredClone(chain);
    entries[22] = { ...entries[22], subject: "changed" };
    expect(verifyAuditLog(entries, options)).toMatchObject({ ok: false, kind: "edited", sequence: 23, checkpoints: 2, vouchedThrough: 20 });
  });

  it("reports a truncated tail at the first entry gone, named by the checkpoint past the end", () => {
    const cut = chain.slice(0, 43); // entries 44..50 gone; checkpoint 50 remains
    expect(verifyAuditLog(cut, options)).toMatchObject({ ok: false, kind: "truncated", sequence: 44, checkpoint: 50 });
  });

  it("cannot see a tail cut after the last checkpoint (the window checkpoints bound)", () => {
    expect(verifyAuditLog(chain.slice(0, 45), options)).toMatchObject({ ok: false, kind: "truncated", sequence: 46, checkpoint: 50 });
    expect(verifyAuditLog(chain.slice(0, 45), { ...options, checkpoints: checkpoints.slice(0, 4) })).toMatchObject({ ok: true });
  });

  it("reports a suffix re-hashed after an edit: the chain links, a checkpoint does not match", () => {
    const rewritten = rewriteFrom(chain, 25);
    expect(verifyAuditLog(rewritten)).toMatchObject({ ok: true }); // the chain alone cannot tell
    expect(verifyAuditLog(rewritten, options)).toMatchObject({
      ok: false,
      kind: "rewritten",
      sequence: 21, // the first entry after the last checkpoint that still matches
      checkpoint: 30,
      message: expect.stringContaining("somewhere in entries 21 to 30"),
    });
  });

  it("reports a rewrite whose checkpoints were re-signed with another key", () => {
    const rewritten = rewriteFrom(chain, 25);
    const forged = [...checkpoints.slice(0, 2), ...checkpointsOf(rewritten, 10, otherKey).slice(2)];
    expect(verifyAuditLog(rewritten, { ...options, checkpoints: forged })).toMatchObject({
      ok: false,
      kind: "rewritten",
      sequence: 21,
      checkpoint: 30,
      message: expect.stringContaining("not the audit key"),
    });
  });

  it("reports a checkpoint whose hash was changed to match a rewrite, since its signature fails", () => {
    const rewritten = rewriteFrom(chain, 25);
    const patched = checkpoints.map((c) => (c.sequence >= 30 ? { ...c, hash: rewritten[c.sequence - 1].hash } : c));
    expect(verifyAuditLog(rewritten, { ...options, checkpoints: patched })).toMatchObject({ ok: false, kind: "rewritten", sequence: 21, checkpoint: 30 });
  });

  it("reports a deleted periodic checkpoint once checkpoints are expected", () => {
    const rewritten = rewriteFrom(chain, 25);
    const remaining = checkpoints.filter((c) => c.sequence < 30); // the tamperer removed the ones that would not match
    const periodic = { ...options, checkpointEvery: 10, checkpointsSince: 10 };
    expect(verifyAuditLog(chain, periodic)).toMatchObject({ ok: true });
    expect(verifyAuditLog(rewritten, { ...periodic, checkpoints: remaining })).toMatchObject({
      ok: false,
      kind: "checkpoint_missing",
      sequence: 21,
      checkpoint: 30,
    });
    // A log older than its first checkpoint had none: nothing is expected before it.
    expect(verifyAuditLog(chain, { ...periodic, checkpoints: checkpoints.slice(2), checkpointsSince: 30 })).toMatchObject({ ok: true });
  });

  it("verifies a slice from an anchor with the checkpoints in it, and one at the anchor", () => {
    const anchor = { sequence: 20, hash: chain[19].hash };
    const slice = chain.slice(20, 40);
    const inSlice = checkpoints.filter((c) => c.sequence >= 20 && c.sequence <= 40);
    expect(verifyAuditLog(slice, { anchor, checkpoints: inSlice, publicKey: key.publicKey })).toEqual({
      ok: true,
      count: 20,
      checkpoints: 3,
      vouchedThrough: 40,
    });
    // The final call of a sliced check: nothing after the anchor, a checkpoint past it.
    expect(verifyAuditLog([], { anchor: { sequence: 40, hash: chain[39].hash }, checkpoints: checkpoints.slice(4), publicKey: key.publicKey })).toMatchObject({
      ok: false,
      kind: "truncated",
      sequence: 41,
      checkpoint: 50,
    });
  });

  it("refuses to call checkpoints fine without a key to check them", () => {
    expect(verifyAuditLog(chain, { checkpoints })).toMatchObject({ ok: false, kind: "rewritten", message: expect.stringContaining("no public key") });
  });
});
