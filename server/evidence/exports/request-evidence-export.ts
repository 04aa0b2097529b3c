// Starts an evidence export (issue 11): the scope is checked (a bad period or an
// unknown zone is refused, naming the field, before anything is written), a
// queued row is written, and the runner makes the file in the background. Short
// periods take the same path as long ones: one code path, one audit entry.
import { ExportOptionsInput, type EvidenceExportView } from "@/lib/evidence/evidence-export";
import type { Actor } from "../../auth/actor";
import { authorize } from "../../auth/actor";
import { prisma } from "../../db";
import { AppError } from "../../errors";
import { runInBackground } from "../../run-in-background";
import { resolveEvidenceScope } from "../resolve-evidence-scope";
import { EXPORT_VIEW_SELECT, exportView } from "./export-rows";
import { runEvidenceExport } from "./run-evidence-export";

/** A signed-in user (checked here), or a caller already judged elsewhere: the CLI, or an API token with its scope. */
export type ExportRequester = Actor | { system: string };
export const requesterName = (by: ExportRequester) => ("system" in by ? by.system : by.email);

export interface RequestEvidenceExportOptions {
  /** the scope and options as a form, query or JSON body gives them: from, to, zones, kind, paperSize */
  input: Record<string, unknown>;
  /** "background" (the dashboard and the API), or "wait" (the CLI, tests): the run finishes before this returns */
  run?: "background" | "wait";
}

export async function requestEvidenceExport(by: ExportRequester, { input, run = "background" }: RequestEvidenceExportOptions): Promise<EvidenceExportView> {
  if (!("system" in by)) authorize(by, "evidence.export");
  const options = ExportOptionsInput.safeParse({ kind: input.kind ?? undefined, paperSize: input.paperSize || undefined });
  if (!options.success) {
    const details = options.error.issues.map((issue) => (issue.message.includes(":") ? issue.message : `${issue.path.join(".")}: ${issue.message}`));
    throw new AppError("INVALID_REQUEST", details[0], details);
  }
  const scope = await resolveEvidenceScope({ from: input.from || undefined, to: input.to || undefined, zones: input.zones });
  const row = await prisma().evidenceExport.create({
    data: {
      kind: options.data.kind,
      // the zones as asked (empty: every zone, including any created later in the period)
      scope: { from: scope.from.toISOString(), to: scope.to.toISOString(), zones: scope.zones },
      options: options.data.paperSize ? { paperSize: options.data.paperSize } : {},
      requestedBy: requesterName(by),
    },
    select: EXPORT_VIEW_SELECT,
  });
  if (run === "wait") await runEvidenceExport(row.id);
  else void runInBackground(`evidence export ${row.id}`, () => runEvidenceExport(row.id));
  return exportView(run === "wait" ? (await prisma().evidenceExport.findUniqueOrThrow({ where: { id: row.id }, select: EXPORT_VIEW_SELECT })) : row);
}
