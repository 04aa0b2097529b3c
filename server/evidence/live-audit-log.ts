// The live audit log as a source for the bundle verifier's prefix check
// (lib/evidence/verify-evidence-bundle.ts): "is the bundle's segment still in
// the database, unchanged?" Read in pages by sequence, like verify-audit-chain.
import { GENESIS_HASH, type AuditEntry } from "@/lib/audit";
import type { AuditLogSource } from "@/lib/evidence/verify-evidence-bundle";
import { prisma } from "../db";

const PAGE = 2_000;

export function liveAuditLog(): AuditLogSource {
  return {
    label: "the live audit log",
    // the live log always starts the chain; an empty one (or one cut to nothing) is compared as such
    start: async () => ({ sequence: 1, prevHash: GENESIS_HASH }),
    async *entries(from: number, to: number) {
      let after = from - 1;
      for (;;) {
        const rows = await prisma().auditEntry.findMany({ where: { sequence: { gt: after, lte: to } }, orderBy: { sequence: "asc" }, take: PAGE });
        if (rows.length) yield rows as unknown as AuditEntry[];
        if (rows.length < PAGE) return;
        after = rows.at(-1)!.sequence;
      }
    },
  };
}
