import type { Metadata } from "next";
import { pageActor } from "@/app/_lib/session";
import { can } from "@/lib/auth/permissions";
import type { SearchParams } from "../_lib/or-not-found";
import { AuditView } from "./audit-view";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  return <AuditView searchParams={searchParams} canExport={can(actor.roles, "evidence.export")} />;
}
