// One audit entry per evidence export (issue "Evidence": every export is one
// entry, action `evidence.export`), written once the file is complete, with
// the file's sha256 and size, so the log says exactly which bytes left the
// system and an auditor can match a file in hand against it.
import { createHash } from "node:crypto";
import type { JsonValue } from "@/lib/audit";
import { tokenAllows } from "@/lib/auth/token-scopes";
import { prisma, type Tx } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import type { ApiCaller } from "../auth/api-caller";
import { authorize } from "../auth/actor";
import { AppError } from "../errors";

/**
 * Exports need `evidence.export` (privacy reviewers, legal) for people, and the
 * `read` scope for tokens (README: no narrower scope exists yet). The route
 * asked already (requireApiCaller); the use case asks again before any work.
 */
export function authorizeEvidenceExport(caller: ApiCaller): void {
  if (caller.kind === "session") authorize(caller.actor, "evidence.export");
  else if (!tokenAllows(caller.scopes, "read")) throw new AppError("FORBIDDEN", `token "${caller.tokenName}" lacks the "read" scope`);
}

export type EvidenceExportKind = "ropa.csv" | "ropa.xlsx" | "ropa.pdf" | "erasure.csv" | "erasure.json" | "erasure.pdf";

export interface EvidenceExportRecord {
  /** who asked: a user's email or `token:<name>` (ApiCaller.name) */
  actor: string;
  kind: EvidenceExportKind;
  /** the period and zones the export covers; `zones: []` means every zone */
  scope: { from: Date; to: Date; zones: readonly string[] };
  /** what else identifies the export (the erasure request's source asset, row counts) */
  details?: Record<string, JsonValue>;
}

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export async function recordEvidenceExport(tx: Tx, record: EvidenceExportRecord, file: Uint8Array) {
  const sha256 = sha256Hex(file);
  const entry = await recordAuditEntry(tx, {
    actor: record.actor,
    action: "evidence.export",
    subject: `evidence:${record.kind}`,
    payload: {
      kind: record.kind,
      scope: { from: record.scope.from.toISOString(), to: record.scope.to.toISOString(), zones: [...record.scope.zones] },
      sha256,
      bytes: file.byteLength,
      ...record.details,
    },
  });
  return { sha256, bytes: file.byteLength, auditSequence: entry.sequence };
}

/** The file is complete: record its export in a transaction of its own (no other row records it). */
export async function auditCompletedExport(record: EvidenceExportRecord, file: Uint8Array) {
  return prisma().$transaction((tx) => recordEvidenceExport(tx, record, file));
}
