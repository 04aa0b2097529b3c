import type { Metadata } from "next";
import { pageActor } from "@/app/_lib/session";
import { can } from "@/lib/auth/permissions";
import type { SearchParams } from "../_lib/or-not-found";
import { AuditView } from "./audit-view";
import { ReportExportPanel } from "./report-export-panel";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  // only reviewers and legal see the export controls (the action and the API check again)
  return <AuditView searchParams={searchParams} exports={can(actor.roles, "evidence.export") ? <ReportExportPanel /> : null} />;
}
