import { verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkpointMessage, generateAuditSigningKeyPem, parseAuditPublicKey, parseAuditSigningKey, publicKeyFingerprint, signCheckpoint } from "@/lib/audit";
import { INTERNAL_MESSAGE } from "@/server/http/respond";
import { GET } from "./route";

const call = () => GET(new Request("http://zoneline.test/api/v1/audit/public-key"));

describe("GET /api/v1/audit/public-key", () => {
  it("publishes the public half of ZONELINE_AUDIT_KEY, which checks the server's checkpoints", async () => {
    const pem = generateAuditSigningKeyPem();
    process.env.ZONELINE_AUDIT_KEY = pem;
    const response = await call();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ algorithm: "Ed25519", source: "ZONELINE_AUDIT_KEY" });
    expect(body.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(JSON.stringify(body)).not.toContain("PRIVATE");

    const published = parseAuditPublicKey(body.publicKey);
    expect(publicKeyFingerprint(published)).toBe(body.fingerprint);
    const checkpoint = signCheckpoint({ sequence: 7, hash: "a".repeat(64) }, parseAuditSigningKey(pem));
    expect(checkpoint.keyFingerprint).toBe(body.fingerprint);
    expect(verify(null, checkpointMessage(checkpoint), published, Buffer.from(checkpoint.signature, "base64"))).toBe(true);
  });

  it("answers a 500 that shows nothing of a malformed key", async () => {
    process.env.ZONELINE_AUDIT_KEY = "c2VjcmV0LWJ1dC1ub3QtYS1rZXk=";
    const response = await call();
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain(INTERNAL_MESSAGE);
    expect(text).not.toContain("c2VjcmV0");
  });
});
