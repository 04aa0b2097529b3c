import Link from "next/link";
import type { Metadata } from "next";
import { PathRequestForm } from "@/components/paths/path-request-form";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { can } from "@/lib/auth/permissions";
import { decodeSelection } from "@/lib/graph/view-state";
import { requestFormOptions } from "@/server/paths/request-form-options";
import { pageActor } from "@/app/_lib/session";
import { firstParam, type SearchParams } from "../../_lib/or-not-found";
import { previewPathRequestAction, requestPathAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Request a sanctioned path" };

export default async function NewPathRequestPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const header = (
    <PageHeader
      eyebrow={<Link href="/paths" className="hover:text-brand-600">Sanctioned paths</Link>}
      title="Request a sanctioned path"
      description="A sanctioned path lets named categories leave one zone for another (or for outside all zones), optionally for one purpose. It lets data cross; it does not make the receiving zone allow a category. Check the impact, then send it to the privacy reviewers."
    />
  );
  if (!can(actor.roles, "path.request")) {
    return (
      <PageBody>
        {header}
        <EmptyState title="Your roles do not allow requesting paths">Engineers and privacy reviewers request sanctioned paths.</EmptyState>
      </PageBody>
    );
  }
  const edgeParam = firstParam((await searchParams).edge);
  const selection = edgeParam ? decodeSelection(`e:${edgeParam}`) : null;
  const options = await requestFormOptions(selection?.kind === "edge" ? { from: selection.from, to: selection.to } : null);
  return (
    <PageBody wide>
      {header}
      <PathRequestForm {...options} actions={{ preview: previewPathRequestAction, request: requestPathAction }} />
    </PageBody>
  );
}
