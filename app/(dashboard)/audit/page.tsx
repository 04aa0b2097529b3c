import type { Metadata } from "next";
import { pageActor } from "@/app/_lib/session";
import type { SearchParams } from "../_lib/or-not-found";
import { AuditView } from "./audit-view";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await pageActor();
  return <AuditView searchParams={searchParams} />;
}
