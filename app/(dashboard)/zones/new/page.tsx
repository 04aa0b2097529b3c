import Link from "next/link";
import type { Metadata } from "next";
import { ZoneEditor } from "@/components/zones/zone-editor";
import { ErrorState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { can } from "@/lib/auth/permissions";
import { zoneVocabulary } from "@/server/zones/zone-vocabulary";
import { pageActor } from "@/app/_lib/session";
import { previewZone, saveZoneDraft } from "../actions";

export const metadata: Metadata = { title: "New zone" };

export default async function NewZonePage() {
  const actor = await pageActor();
  const header = <PageHeader eyebrow={<Link href="/zones" className="hover:text-brand-600">Zones</Link>} title="New zone" description="A zone permits some data categories and purposes; data leaves it only through an approved sanctioned path. Assets join it when they are registered or imported with its id." />;
  if (!can(actor.roles, "zone.edit")) {
    return (
      <PageBody>
        {header}
        <ErrorState title="Only privacy reviewers create zones" message="Ask a privacy reviewer, or an admin to give you that role." />
      </PageBody>
    );
  }
  return (
    <PageBody>
      {header}
      <ZoneEditor
        initial={{ id: null, name: "", description: "", color: "#0d9488", owner: "", mode: "logging", rules: [], purposes: [], dataSubjects: [], retention: "" }}
        vocabulary={await zoneVocabulary()}
        actions={{ preview: previewZone, save: saveZoneDraft }}
        cancelHref="/zones"
      />
    </PageBody>
  );
}
