"use server";

import { revalidatePath } from "next/cache";
import { actionActor } from "@/app/_lib/session";
import type { EvidenceExportView } from "@/lib/evidence/evidence-export";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { AppError } from "@/server/errors";
import { requestEvidenceExport } from "@/server/evidence/exports/request-evidence-export";

/** The explicit full re-check: the only check that re-hashes entries already verified. */
export async function recheckWholeAuditChain(): Promise<void> {
  await actionActor("read");
  await verifyAuditChain({ full: true });
  revalidatePath("/audit");
}

export type ReportExportState = { ok: true; started: EvidenceExportView } | { ok: false; errors: string[] } | null;

/** Starts the audit report (PDF), or the evidence bundle (the form's second button), in the background; the form then follows its progress. */
export async function startReportExport(_: ReportExportState, form: FormData): Promise<ReportExportState> {
  const actor = await actionActor("evidence.export");
  try {
    const started = await requestEvidenceExport(actor, {
      input: { kind: form.get("kind") === "bundle.zip" ? "bundle.zip" : "report.pdf", from: String(form.get("from") ?? ""), to: String(form.get("to") ?? ""), zones: form.getAll("zones").map(String), paperSize: String(form.get("paperSize") ?? "") },
    });
    return { ok: true, started };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, errors: error.details.length ? error.details : [error.message] };
    throw error;
  }
}
