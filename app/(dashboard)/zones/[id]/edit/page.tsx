import Link from "next/link";
import type { Metadata } from "next";
import { ZoneEditor } from "@/components/zones/zone-editor";
import { ErrorState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { can } from "@/lib/auth/permissions";
import { getZone } from "@/server/zones/get-zone";
import { zoneVocabulary } from "@/server/zones/zone-vocabulary";
import { pageActor } from "@/app/_lib/session";
import { decodeParam, orNotFound } from "../../../_lib/or-not-found";
import { previewZone, saveZoneDraft } from "../../actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Edit zone ${decodeParam((await params).id)}` };
}

export default async function EditZonePage({ params }: Props) {
  const actor = await pageActor();
  const zone = await orNotFound(getZone(decodeParam((await params).id)));
  const href = `/zones/${encodeURIComponent(zone.id)}`;
  const header = (
    <PageHeader
      eyebrow={
        <span>
          <Link href="/zones" className="hover:text-brand-600">Zones</Link> / <Link href={href} className="hover:text-brand-600">{zone.name}</Link>
        </span>
      }
      title={`Edit ${zone.name}`}
      description="The impact panel shows what saving would change, computed by the policy engine on the world as it is now. Saving records one audit entry with the zone before and after."
    />
  );
  if (!can(actor.roles, "zone.edit")) {
    return (
      <PageBody>
        {header}
        <ErrorState title="Only privacy reviewers edit zones" message="Ask a privacy reviewer, or an admin to give you that role." />
      </PageBody>
    );
  }
  return (
    <PageBody>
      {header}
      <ZoneEditor
        initial={{
          id: zone.id,
          name: zone.name,
          description: zone.description ?? "",
          color: zone.color,
          owner: zone.owner ?? "",
          mode: zone.mode,
          rules: zone.rules.map((r) => ({ category: r.categoryKey, minQualifier: r.minQualifier, requireConsent: r.requireConsent })),
          purposes: zone.purposes.map((p) => p.purposeKey),
          dataSubjects: zone.dataSubjects,
          retention: zone.retention ?? "",
        }}
        vocabulary={await zoneVocabulary()}
        actions={{ preview: previewZone, save: saveZoneDraft }}
        cancelHref={href}
      />
    </PageBody>
  );
}
