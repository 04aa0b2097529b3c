import type { Metadata } from "next";
import { pageActor } from "@/app/_lib/session";
import { can } from "@/lib/auth/permissions";
import type { SearchParams } from "../_lib/or-not-found";
import { AuditView } from "./audit-view";
import { ReportExportPanel } from "./report-export-panel";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  // only reviewers and legal see the export controls (the actions and the API check again)
  const canExport = can(actor.roles, "evidence.export");
  return <AuditView searchParams={searchParams} canExport={canExport} exports={canExport ? <ReportExportPanel /> : null} />;
}
