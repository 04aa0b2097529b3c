// Every Zoneline PDF as a job a worker thread can take: plain data in (the
// view model, structured-cloned), the rendered file out. Rendering is
// synchronous layout work (react-pdf, fontkit, yoga) that held the app's event
// loop for seconds at a time; render-off-thread.ts runs these jobs elsewhere.
import type { AuditReport } from "@/lib/evidence/audit-report";
import type { ErasureReport } from "@/lib/evidence/erasure";
import type { RopaRecord } from "@/lib/evidence/ropa";
import { organisationLabel, type PaperSize } from "@/lib/settings/organisation-settings";
import { AuditReportDocument } from "../audit-report/audit-report-document";
import { ErasureDocument } from "../erasure/erasure-document";
import { RopaDocument, ropaScopeLabel } from "../ropa/ropa-document";
import { renderPdf, type RenderedFile } from "./render-pdf";

export type RenderJob =
  | { kind: "audit-report"; report: AuditReport }
  | { kind: "ropa"; record: RopaRecord; generatedBy: string; paperSize: PaperSize; zones: readonly string[] }
  | { kind: "erasure"; report: ErasureReport; generatedBy: string; paperSize: PaperSize; organisation: string };

/** Renders a job in the calling thread (the worker calls this). */
export function renderJob(job: RenderJob): Promise<RenderedFile> {
  switch (job.kind) {
    case "audit-report":
      return renderPdf(<AuditReportDocument report={job.report} />);
    case "ropa": {
      const meta = { title: "Record of processing activities", organisation: organisationLabel(job.record.controller), generatedAt: job.record.generatedAt, generatedBy: job.generatedBy, paperSize: job.paperSize };
      return renderPdf(<RopaDocument record={job.record} meta={meta} scopeLabel={ropaScopeLabel(job.zones)} />);
    }
    case "erasure": {
      const meta = { title: "Erasure impact", organisation: job.organisation, generatedAt: job.report.generatedAt, generatedBy: job.generatedBy, paperSize: job.paperSize };
      return renderPdf(<ErasureDocument report={job.report} meta={meta} />);
    }
  }
}
