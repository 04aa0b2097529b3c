import { beforeEach, describe, expect, it } from "vitest";
import { generateAuditSigningKeyPem, hashEntry, type AuditEntry } from "@/lib/audit";
import type { Tx } from "@/server/db";
import { useTestDatabase } from "@/test/use-database";
import { recordAuditEntry } from "./record-audit-entry";
import { CHECKPOINT_EVERY, CHECKPOINT_MAX_AGE_MS, signAuditCheckpoint } from "./sign-audit-checkpoint";
import { verifyAuditChain } from "./verify-audit-chain";

const db = useTestDatabase("audit");
const KEY = generateAuditSigningKeyPem();
process.env.ZONELINE_AUDIT_KEY = KEY;

let appended = 0;
async function append(count: number) {
  await db.prisma().$transaction(async (tx) => {
    for (let i = 0; i < count; i++, appended++) {
      await recordAuditEntry(tx, { actor: "reviewer@example.com", action: "edge.reviewed", subject: `edge-${appended}`, payload: { note: `n${appended}` } });
    }
  });
}

/**
 * Tampering as someone with the table owner's or a superuser's rights would:
 * the append-only trigger must be switched off first (and is switched back on).
 */
async function asAttacker(tamper: (tx: Tx) => Promise<unknown>) {
  await db.prisma().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditEntry" DISABLE TRIGGER zl_audit_append_only`);
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER zl_audit_append_only`);
    await tamper(tx);
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditEntry" ENABLE TRIGGER zl_audit_append_only`);
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditCheckpoint" ENABLE TRIGGER zl_audit_append_only`);
  });
}

const editPayload = (sequence: number, note: string) =>
  asAttacker((tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "payload" = jsonb_build_object('note', ${note}::text) WHERE "sequence" = ${sequence}`);

const entries = async () => (await db.prisma().auditEntry.findMany({ orderBy: { sequence: "asc" } })) as unknown as AuditEntry[];
const checkpointSequences = async () => (await db.prisma().auditCheckpoint.findMany({ orderBy: { sequence: "asc" } })).map((c) => c.sequence);

/** Starts a test from an empty log (the only way to empty it is as an attacker). */
async function resetLog() {
  await asAttacker(async (tx) => {
    await tx.$executeRawUnsafe(`TRUNCATE "AuditEntry", "AuditCheckpoint", "AuditVerification"`);
  });
  appended = 0;
}

describe("the database keeps the audit log append-only", () => {
  it.each([
    ["UPDATE", `UPDATE "AuditEntry" SET "actor" = 'mallory' WHERE "sequence" = 1`],
    ["UPDATE", `UPDATE "AuditEntry" SET "actor" = 'mallory' WHERE false`],
    ["DELETE", `DELETE FROM "AuditEntry" WHERE "sequence" = 3`],
    ["TRUNCATE", `TRUNCATE "AuditEntry"`],
    ["UPDATE", `UPDATE "AuditCheckpoint" SET "hash" = repeat('0', 64)`],
    ["DELETE", `DELETE FROM "AuditCheckpoint"`],
    ["TRUNCATE", `TRUNCATE "AuditCheckpoint"`],
  ])("refuses %s: %s", async (operation, sql) => {
    if (appended === 0) await append(3);
    const before = { entries: await entries(), checkpoints: await checkpointSequences() };
    expect(before.checkpoints.length).toBeGreaterThan(0);
    await expect(db.prisma().$executeRawUnsafe(sql)).rejects.toThrow(new RegExp(`"Audit(Entry|Checkpoint)" is append-only: ${operation} is refused`));
    expect({ entries: await entries(), checkpoints: await checkpointSequences() }).toEqual(before);
  });

  it("still accepts new entries", async () => {
    await append(1);
    expect((await entries()).map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
  });
});

describe("checkpoints are signed by the writer", () => {
  beforeEach(resetLog);

  it(`at the first entry, at every ${CHECKPOINT_EVERY}th, and not in between`, async () => {
    await append(CHECKPOINT_EVERY + 5);
    expect(await checkpointSequences()).toEqual([1, CHECKPOINT_EVERY]);
  });

  it("at the next entry when the last checkpoint is older than the maximum age", async () => {
    await append(3);
    const last = (await entries()).at(-1)!;
    await signAuditCheckpoint(db.prisma(), last, new Date(Date.now() - CHECKPOINT_MAX_AGE_MS - 1_000));
    await append(2);
    expect(await checkpointSequences()).toEqual([1, 3, 4]);
  });

  it("in the entry's transaction: a rolled-back decision leaves neither entry nor checkpoint", async () => {
    await expect(
      db.prisma().$transaction(async (tx) => {
        await recordAuditEntry(tx, { actor: "a", action: "path.approved", subject: "p1", payload: {} });
        throw new Error("the decision failed");
      }),
    ).rejects.toThrow("the decision failed");
    expect(await entries()).toEqual([]);
    expect(await checkpointSequences()).toEqual([]);
  });
});

describe("incremental verification", () => {
  beforeEach(resetLog);

  it("hashes the whole chain once, then only the entries written since, and signs the head it verified", async () => {
    await append(40);
    const first = await verifyAuditChain();
    expect(first).toMatchObject({ ok: true, full: true, hashed: 40, verifiedThrough: 40, checkpointsChecked: 1, lastCheckpoint: { sequence: 40 } });
    expect(first.fullCheckAt).toBeInstanceOf(Date);
    expect(await checkpointSequences()).toEqual([1, 40]);

    expect(await verifyAuditChain()).toMatchObject({ ok: true, full: false, hashed: 0, verifiedThrough: 40, checkpointsChecked: 0 });

    await append(5);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, full: false, hashed: 5, verifiedThrough: 45 });
    expect(await checkpointSequences()).toEqual([1, 40, 45]);
  });

  it("does not read the verified prefix: an edit there is found only by the full check, which then keeps showing it", async () => {
    await append(45);
    await verifyAuditChain();
    await editPayload(10, "edited");
    expect(await verifyAuditChain()).toMatchObject({ ok: true, hashed: 0, verifiedThrough: 45 });

    const full = await verifyAuditChain({ full: true });
    expect(full).toMatchObject({ ok: false, full: true, sequence: 10, kind: "edited", hashed: 10, verifiedThrough: 9 });

    // The mark moved back to just before the break, so every later view reports it.
    expect(await verifyAuditChain()).toMatchObject({ ok: false, full: false, sequence: 10, kind: "edited", hashed: 1, verifiedThrough: 9 });
    // Nothing is signed over a broken chain.
    expect(await checkpointSequences()).toEqual([1, 45]);
  });

  it("finds an edit in the tail written since the last view", async () => {
    await append(45);
    await verifyAuditChain();
    await append(5);
    await editPayload(48, "edited");
    expect(await verifyAuditChain()).toMatchObject({ ok: false, full: false, sequence: 48, kind: "edited", hashed: 3, verifiedThrough: 47 });
  });

  it("reports a verified entry whose hash was rewritten, deleted or cut off, without re-hashing", async () => {
    await append(50);
    await verifyAuditChain();
    await asAttacker((tx) => tx.$executeRaw`UPDATE "AuditEntry" SET "hash" = repeat('f', 64) WHERE "sequence" = 50`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, sequence: 50, kind: "rewritten", hashed: 0 });
    expect(await verifyAuditChain({ full: true })).toMatchObject({ ok: false, sequence: 50, kind: "edited" });

    await resetLog();
    await append(50);
    await verifyAuditChain();
    await append(2);
    await asAttacker((tx) => tx.$executeRaw`DELETE FROM "AuditEntry" WHERE "sequence" = 50`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, sequence: 50, kind: "deleted", hashed: 0 });

    await asAttacker((tx) => tx.$executeRaw`DELETE FROM "AuditEntry" WHERE "sequence" > 45`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, sequence: 46, kind: "truncated", hashed: 0 });
  });
});

// Each kind of tampering DESIGN.md names, done at the database with the trigger off,
// and named by the full check with its first entry concerned.
describe("verification names each kind of tampering and the first entry concerned", () => {
  beforeEach(async () => {
    await resetLog();
    await append(30);
    await verifyAuditChain(); // signs 30
    await append(20);
    await verifyAuditChain(); // signs 50
  });

  it("an edited entry", async () => {
    await editPayload(12, "edited");
    expect(await verifyAuditChain({ full: true })).toMatchObject({ ok: false, kind: "edited", sequence: 12 });
  });

  it("a deleted entry", async () => {
    await asAttacker((tx) => tx.$executeRaw`DELETE FROM "AuditEntry" WHERE "sequence" = 15`);
    expect(await verifyAuditChain({ full: true })).toMatchObject({ ok: false, kind: "deleted", sequence: 15, message: expect.stringContaining("entry 15 is missing") });
  });

  it("an inserted entry, hashed onto its predecessor, with the later entries renumbered", async () => {
    const all = await entries();
    const forged = { ...all[29], sequence: 31, actor: "mallory@example.com", action: "path.approved", subject: "p-forged", payload: {}, prevHash: all[29].hash };
    const forgedHash = hashEntry(forged.prevHash, forged);
    await asAttacker(async (tx) => {
      // Two steps, so the primary key never sees two rows with one sequence.
      await tx.$executeRaw`UPDATE "AuditEntry" SET "sequence" = -"sequence" WHERE "sequence" > 30`;
      await tx.$executeRaw`UPDATE "AuditEntry" SET "sequence" = 1 - "sequence" WHERE "sequence" < 0`;
      await tx.$executeRaw`INSERT INTO "AuditEntry" ("sequence", "at", "actor", "action", "subject", "payload", "prevHash", "hash")
        VALUES (31, ${forged.at}, ${forged.actor}, ${forged.action}, ${forged.subject}, '{}'::jsonb, ${forged.prevHash}, ${forgedHash})`;
    });
    expect(await verifyAuditChain({ full: true })).toMatchObject({ ok: false, kind: "inserted", sequence: 31 });
  });

  it("a reordered pair", async () => {
    await asAttacker(async (tx) => {
      await tx.$executeRaw`UPDATE "AuditEntry" SET "sequence" = -1 WHERE "sequence" = 20`;
      await tx.$executeRaw`UPDATE "AuditEntry" SET "sequence" = 20 WHERE "sequence" = 21`;
      await tx.$executeRaw`UPDATE "AuditEntry" SET "sequence" = 21 WHERE "sequence" = -1`;
    });
    expect((await entries())[19].subject).toBe("edge-20"); // what was entry 21 now comes 20th
    expect(await verifyAuditChain({ full: true })).toMatchObject({ ok: false, kind: "reordered", sequence: 20 });
  });

  it("a truncated tail, named by the checkpoint past the end", async () => {
    await asAttacker((tx) => tx.$executeRaw`DELETE FROM "AuditEntry" WHERE "sequence" > 42`);
    expect(await verifyAuditChain({ full: true })).toMatchObject({ ok: false, kind: "truncated", sequence: 43, checkpoint: 50 });
  });

  it("a suffix rewritten and re-hashed after an edit", async () => {
    const suffix = (await entries()).slice(34);
    await asAttacker(async (tx) => {
      let prevHash: string | null = null;
      for (const entry of suffix) {
        const changed = { ...entry, actor: entry.sequence === 35 ? "mallory@example.com" : entry.actor, prevHash: prevHash ?? entry.prevHash };
        prevHash = hashEntry(changed.prevHash, changed);
        await tx.$executeRaw`UPDATE "AuditEntry" SET "actor" = ${changed.actor}, "prevHash" = ${changed.prevHash}, "hash" = ${prevHash} WHERE "sequence" = ${entry.sequence}`;
      }
    });
    // The incremental view sees its verified head changed; the full check places the rewrite after checkpoint 30.
    expect(await verifyAuditChain()).toMatchObject({ ok: false, kind: "rewritten", sequence: 50 });
    expect(await verifyAuditChain({ full: true })).toMatchObject({
      ok: false,
      kind: "rewritten",
      sequence: 31,
      checkpoint: 50,
      message: expect.stringContaining("somewhere in entries 31 to 50"),
    });
  });

  it("a checkpoint signed with another key (a replica without the shared ZONELINE_AUDIT_KEY, or a forger)", async () => {
    process.env.ZONELINE_AUDIT_KEY = generateAuditSigningKeyPem();
    try {
      expect(await verifyAuditChain({ full: true })).toMatchObject({
        ok: false,
        kind: "rewritten",
        sequence: 1,
        checkpoint: 1,
        message: expect.stringContaining("not the audit key"),
      });
    } finally {
      process.env.ZONELINE_AUDIT_KEY = KEY;
    }
  });

  it("a deleted periodic checkpoint", async () => {
    await append(CHECKPOINT_EVERY);
    expect(await checkpointSequences()).toContain(CHECKPOINT_EVERY);
    await asAttacker((tx) => tx.$executeRaw`DELETE FROM "AuditCheckpoint" WHERE "sequence" = ${CHECKPOINT_EVERY}`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, kind: "checkpoint_missing", sequence: 51, checkpoint: CHECKPOINT_EVERY });
  });
});
