import Link from "next/link";
import type { Metadata } from "next";
import { Download } from "lucide-react";
import { Badge, LabelChip } from "@/components/ui/chips";
import { Card, EmptyState, ErrorState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { can } from "@/lib/auth/permissions";
import type { RopaActivity } from "@/lib/evidence/ropa";
import { organisationLabel } from "@/lib/settings/organisation-settings";
import { AppError } from "@/server/errors";
import { getRecordOfProcessing } from "@/server/evidence/get-record-of-processing";
import { zoneOptions } from "@/server/zones/list-zones";
import { pageActor } from "@/app/_lib/session";
import type { SearchParams } from "../_lib/or-not-found";

export const metadata: Metadata = { title: "Record of processing" };

const button = "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50";
const missing = <span className="text-amber-700">not set: edit the zone</span>;

function Activity({ activity }: { activity: RopaActivity }) {
  const zoneHref = `/zones/${encodeURIComponent(activity.zone.id)}`;
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          <Link href={zoneHref} className="hover:text-brand-600">{activity.zone.name}</Link>
          <code className="text-xs font-normal text-slate-500">{activity.zone.id}</code>
          {activity.zone.mode === "logging" ? <Badge tone="violet">logging mode</Badge> : null}
        </span>
      }
      actions={<span className="text-xs text-slate-500">{activity.assetCount} asset{activity.assetCount === 1 ? "" : "s"} · owner {activity.zone.owner ?? "—"}</span>}
    >
      <dl className="grid gap-x-6 gap-y-3 text-sm md:grid-cols-[13rem_1fr]" data-testid={`ropa-activity-${activity.zone.id}`}>
        <dt className="font-medium text-slate-600">Purposes</dt>
        <dd>
          {activity.purposes.length ? (
            <ul className="space-y-0.5">
              {activity.purposes.map((purpose) => (
                <li key={purpose.key}>
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{purpose.key}</code> <span className="text-slate-600">{purpose.name}</span>
                  {purpose.allowed ? null : <span className="ml-1.5"><Badge tone="red">not allowed by the zone</Badge></span>}
                  {purpose.jobs.length ? <span className="text-xs text-slate-500"> · used by {purpose.jobs.join(", ")}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-slate-500">none</span>
          )}
        </dd>
        <dt className="font-medium text-slate-600">Categories of data subjects</dt>
        <dd>{activity.dataSubjects.length ? activity.dataSubjects.map((s) => s.name).join(", ") : missing}</dd>
        <dt className="font-medium text-slate-600">Categories of personal data</dt>
        <dd>
          {activity.dataCategories.length ? (
            <div className="flex flex-wrap gap-1">
              {activity.dataCategories.flatMap((category) => category.qualifiers.map((qualifier) => <LabelChip key={`${category.key}:${qualifier}`} category={category.key} qualifier={qualifier} consented={category.consentedOnly} />))}
            </div>
          ) : (
            <span className="text-slate-500">no labelled data</span>
          )}
        </dd>
        <dt className="font-medium text-slate-600">Recipients</dt>
        <dd>
          {activity.recipients.length ? (
            <ul className="space-y-1">
              {activity.recipients.map((recipient) => (
                <li key={recipient.pathId}>
                  {recipient.zone ? (
                    <Link href={`/zones/${encodeURIComponent(recipient.zone.id)}`} className="font-medium hover:text-brand-600">{recipient.zone.name}</Link>
                  ) : (
                    <span className="font-medium">Outside all zones{recipient.destinations.length ? `: ${recipient.destinations.map((d) => d.name).join(", ")}` : ""}</span>
                  )}
                  <span className="text-slate-600"> · {recipient.categories.join(", ")}{recipient.purpose ? ` for ${recipient.purpose}` : ""}</span>
                  <span className="text-xs text-slate-500"> · path {recipient.pathId}{recipient.expiresAt ? `, until ${recipient.expiresAt.slice(0, 10)}` : ""}</span>
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-slate-500">no approved sanctioned path leaves this zone</span>
          )}
        </dd>
        <dt className="font-medium text-slate-600">Transfers out of all zones</dt>
        <dd>
          {activity.transfers.length ? (
            <ul className="space-y-1">
              {activity.transfers.map((transfer) => (
                <li key={`${transfer.from.id}>${transfer.to.id}`}>
                  <Link href={`/assets/${encodeURIComponent(transfer.from.id)}`} className="hover:text-brand-600">{transfer.from.name}</Link> →{" "}
                  <Link href={`/assets/${encodeURIComponent(transfer.to.id)}`} className="font-medium hover:text-brand-600">{transfer.to.namespace}/{transfer.to.name}</Link>
                  <span className="text-slate-600"> · {transfer.categories.join(", ")} </span>
                  {transfer.sanctioned ? <Badge tone="green">sanctioned</Badge> : <Badge tone="red">not sanctioned</Badge>}
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-slate-500">none</span>
          )}
        </dd>
        <dt className="font-medium text-slate-600">Retention</dt>
        <dd>{activity.retention ?? missing}</dd>
      </dl>
    </Card>
  );
}

export default async function RopaPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const raw = await searchParams;
  const picked = (Array.isArray(raw.zones) ? raw.zones : raw.zones ? raw.zones.split(",") : []).filter(Boolean);
  const mayExport = can(actor.roles, "evidence.export");
  const header = (actions?: React.ReactNode) => (
    <PageHeader
      title="Record of processing activities"
      description="GDPR Art. 30(1), from the lineage rather than a questionnaire: each zone is a processing activity; its categories of personal data are the effective labels of its assets, its recipients the zones and destinations its approved sanctioned paths send data to, its transfers every flow out of all zones."
      actions={actions}
    />
  );
  let loaded: Awaited<ReturnType<typeof getRecordOfProcessing>>;
  try {
    loaded = await getRecordOfProcessing({ zones: picked });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "INVALID_REQUEST") throw error;
    return (
      <PageBody>
        {header()}
        <ErrorState title="This selection cannot be shown" message={error.message} />
      </PageBody>
    );
  }
  const { record, scope } = loaded;
  const zones = await zoneOptions();
  const exportHref = (format: "csv" | "xlsx" | "pdf") => `/api/v1/evidence/ropa?format=${format}${picked.length ? `&zones=${encodeURIComponent(picked.join(","))}` : ""}`;
  const { controller } = record;
  return (
    <PageBody>
      {header(
        mayExport ? (
          <>
            <a href={exportHref("csv")} className={button} download>
              <Download className="size-4" aria-hidden /> Download CSV
            </a>
            <a href={exportHref("xlsx")} className={button} download>
              <Download className="size-4" aria-hidden /> Download XLSX
            </a>
            <a href={exportHref("pdf")} className={button} download>
              <Download className="size-4" aria-hidden /> Download PDF
            </a>
          </>
        ) : (
          <span className="text-xs text-slate-500">Privacy reviewers and legal export this record.</span>
        ),
      )}
      <div className="mb-6 grid gap-4 lg:grid-cols-[1fr_22rem]">
        <Card title="Controller">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm" data-testid="ropa-controller">
            <dt className="text-slate-500">Organisation</dt>
            <dd>{organisationLabel(controller)}</dd>
            <dt className="text-slate-500">Controller</dt>
            <dd>{controller.controllerName || "—"}</dd>
            <dt className="text-slate-500">Contact</dt>
            <dd className="whitespace-pre-line">{controller.controllerContact || "—"}</dd>
            <dt className="text-slate-500">Data protection officer</dt>
            <dd className="whitespace-pre-line">{controller.dpoContact || "—"}</dd>
          </dl>
          {controller.controllerName && controller.controllerContact ? null : <p className="mt-2 text-xs text-amber-700">An admin sets these on the Settings page.</p>}
        </Card>
        <Card title="Zones">
          <form method="get" action="/ropa" className="space-y-1 text-sm">
            {zones.map((zone) => (
              <label key={zone.id} className="flex items-center gap-2">
                <input type="checkbox" name="zones" value={zone.id} defaultChecked={picked.includes(zone.id)} className="size-4 rounded border-slate-400" />
                <span className="size-2.5 rounded-sm" style={{ backgroundColor: zone.color }} aria-hidden />
                {zone.name}
              </label>
            ))}
            <div className="flex items-center gap-2 pt-2">
              <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700">Show</button>
              <span className="text-xs text-slate-500">none ticked: every zone</span>
            </div>
          </form>
        </Card>
      </div>
      <p className="mb-3 text-xs text-slate-500">
        As of {record.generatedAt.replace("T", " ").slice(0, 16)} UTC · {scope.zones.length ? `zones ${scope.zones.join(", ")}` : "all zones"} · each download is recorded in the audit log with its sha256
      </p>
      {record.activities.length ? (
        <div className="space-y-4">
          {record.activities.map((activity) => <Activity key={activity.zone.id} activity={activity} />)}
        </div>
      ) : (
        <EmptyState title="No zones yet">A zone is a processing activity: create one on the Zones page, or import a world.</EmptyState>
      )}
    </PageBody>
  );
}
