import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/use-database";
import { recordAuditEntry } from "./record-audit-entry";
import { verifyAuditChain } from "./verify-audit-chain";

const db = useTestDatabase("audit");

async function append(count: number) {
  await db.prisma().$transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      await recordAuditEntry(tx, { actor: "reviewer@example.com", action: "edge.reviewed", subject: `edge-${i}`, payload: { note: `n${i}` } });
    }
  });
}

// No trigger forbids UPDATE on the audit table yet, so a test can play the tamperer.
const tamper = (sequence: number, note: string) =>
  db.prisma().$executeRaw`UPDATE "AuditEntry" SET "payload" = jsonb_build_object('note', ${note}::text) WHERE "sequence" = ${sequence}`;

describe("audit chain verification", () => {
  it("hashes the whole chain once, then only the entries written since", async () => {
    await append(40);
    const first = await verifyAuditChain();
    expect(first).toMatchObject({ ok: true, full: true, hashed: 40, verifiedThrough: 40 });
    expect(first.fullCheckAt).toBeInstanceOf(Date);

    expect(await verifyAuditChain()).toMatchObject({ ok: true, full: false, hashed: 0, verifiedThrough: 40 });

    await append(5);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, full: false, hashed: 5, verifiedThrough: 45 });
  });

  it("does not read the verified prefix: an edit there is found only by the full check, which then keeps showing it", async () => {
    await tamper(10, "edited");
    expect(await verifyAuditChain()).toMatchObject({ ok: true, hashed: 0, verifiedThrough: 45 });

    const full = await verifyAuditChain({ full: true });
    expect(full).toMatchObject({ ok: false, full: true, sequence: 10, reason: "hash_mismatch", hashed: 10, verifiedThrough: 9 });

    // The mark moved back to just before the break, so every later view reports it.
    expect(await verifyAuditChain()).toMatchObject({ ok: false, full: false, sequence: 10, hashed: 1, verifiedThrough: 9 });
  });

  it("finds an edit in the tail written since the last view", async () => {
    await tamper(10, "n9"); // restore the original payload (entry 10 was the tenth of the first batch)
    expect(await verifyAuditChain({ full: true })).toMatchObject({ ok: true, hashed: 45, verifiedThrough: 45 });

    await append(5);
    await tamper(48, "edited");
    expect(await verifyAuditChain()).toMatchObject({ ok: false, full: false, sequence: 48, reason: "hash_mismatch", hashed: 3, verifiedThrough: 47 });
  });

  it("reports a verified entry whose hash was rewritten or that was deleted, without re-hashing", async () => {
    await tamper(48, "n2");
    expect(await verifyAuditChain({ full: true })).toMatchObject({ ok: true, verifiedThrough: 50 });

    await db.prisma().$executeRaw`UPDATE "AuditEntry" SET "hash" = repeat('f', 64) WHERE "sequence" = 50`;
    expect(await verifyAuditChain()).toMatchObject({ ok: false, sequence: 50, reason: "hash_mismatch", hashed: 0 });

    await db.prisma().$executeRaw`DELETE FROM "AuditEntry" WHERE "sequence" = 50`;
    expect(await verifyAuditChain()).toMatchObject({ ok: false, sequence: 50, reason: "sequence_gap", hashed: 0 });

    // Truncating the tail cannot be proved by the chain alone (signed checkpoints will), but the full check starts over.
    expect(await verifyAuditChain({ full: true })).toMatchObject({ ok: true, verifiedThrough: 49 });
  });
});
