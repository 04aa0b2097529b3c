"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/session";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";

/** The explicit full re-check: the only check that re-hashes entries already verified. */
export async function recheckWholeAuditChain(): Promise<void> {
  await actionActor("read");
  await verifyAuditChain({ full: true });
  revalidatePath("/audit");
}
