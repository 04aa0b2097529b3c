import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { OrganisationSettingsForm } from "@/components/settings/settings-form";
import { can } from "@/lib/auth/permissions";
import { getOrganisationSettings } from "@/server/settings/organisation-settings";
import { pageActor } from "@/app/_lib/session";
import { saveOrganisationSettings } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await pageActor();
  const editable = can(actor.roles, "admin.manage");
  const { updatedAt, updatedBy, ...settings } = await getOrganisationSettings();
  return (
    <PageBody>
      <PageHeader
        title="Settings"
        description={editable ? "The organisation's details, as evidence reports and the record of processing print them." : "The organisation's details, as evidence reports print them. Only admins change them."}
      />
      <Card title="Organisation">
        <OrganisationSettingsForm action={saveOrganisationSettings} settings={settings} editable={editable} />
        {updatedAt ? (
          <p className="mt-4 text-xs text-slate-600">
            Last changed {updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC by {updatedBy ?? "unknown"}.
          </p>
        ) : null}
      </Card>
    </PageBody>
  );
}
