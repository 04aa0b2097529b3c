import Link from "next/link";
import type { Metadata } from "next";
import { Badge, LabelChip, PATH_STATUS_TONE, RuleChip, ZoneChip } from "@/components/ui/chips";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { getZone } from "@/server/zones/get-zone";
import { decodeParam, orNotFound } from "../../_lib/or-not-found";
import { pageActor } from "@/app/_lib/session";
import { Pencil } from "lucide-react";
import { can } from "@/lib/auth/permissions";
import { listZoneWebhooks } from "@/server/alerts/manage-webhooks";
import { WebhookList } from "@/components/alerts/webhook-list";
import { AddWebhookForm, RemoveWebhookButton, TestDeliveryButton } from "@/components/alerts/webhook-forms";
import { addWebhook, removeWebhookAction, sendTestDeliveryAction } from "../webhook-actions";
import { dataSubject } from "@/lib/taxonomy";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Zone ${decodeParam((await params).id)}` };
}

export default async function ZonePage({ params, searchParams }: Props) {
  const actor = await pageActor();
  const { saved } = await searchParams;
  const zone = await orNotFound(getZone(decodeParam((await params).id)));
  const webhooks = await listZoneWebhooks(zone.id);
  const editsZones = can(actor.roles, "zone.edit");
  const paths = [
    ...zone.pathsFrom.map((path) => ({ ...path, direction: "out" as const, other: path.toZone ? { id: path.toZoneId!, ...path.toZone } : null })),
    ...zone.pathsTo.map((path) => ({ ...path, direction: "in" as const, other: { id: path.fromZoneId, ...path.fromZone } })),
  ];
  return (
    <PageBody>
      <PageHeader
        eyebrow={<Link href="/zones" className="hover:text-brand-600">Zones</Link>}
        title={
          <span className="flex items-center gap-2.5">
            <span className="size-4 rounded" style={{ backgroundColor: zone.color }} aria-hidden />
            {zone.name}
            {zone.mode === "logging" ? <Badge tone="violet">logging mode</Badge> : <Badge tone="blue">enforcing</Badge>}
          </span>
        }
        description={zone.description ?? undefined}
        actions={
          <>
            <Link href={`/graph?zones=${encodeURIComponent(zone.id)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
              Show on graph
            </Link>
            {can(actor.roles, "zone.edit") ? (
              <Link href={`/zones/${encodeURIComponent(zone.id)}/edit`} className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
                <Pencil className="size-3.5" aria-hidden /> Edit
              </Link>
            ) : null}
          </>
        }
      />
      {saved === "created" || saved === "updated" ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Zone {saved}. The world has been evaluated again: the Violations page and the graph show the result.
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Allowed data categories">
          {zone.rules.length ? (
            <ul className="space-y-2">
              {zone.rules.map((rule) => (
                <li key={rule.position} className="text-sm">
                  <RuleChip category={rule.categoryKey} minQualifier={rule.minQualifier} requireConsent={rule.requireConsent} />
                  <div className="mt-0.5 text-xs text-slate-500">
                    {rule.category.name}: at least {rule.minQualifier}
                    {rule.requireConsent ? ", consented only" : ""}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">No category is allowed: any labelled data here is a violation.</p>
          )}
        </Card>
        <Card title="Allowed purposes">
          {zone.purposes.length ? (
            <ul className="space-y-1.5 text-sm">
              {zone.purposes.map((p) => (
                <li key={p.position}>
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{p.purposeKey}</code> <span className="text-slate-500">{p.purpose.name}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">No purpose is allowed.</p>
          )}
        </Card>
        <Card title="About">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
            <dt className="text-slate-500">Id</dt>
            <dd><code>{zone.id}</code></dd>
            <dt className="text-slate-500">Owner</dt>
            <dd className="break-all">{zone.owner ?? "—"}</dd>
            <dt className="text-slate-500">Assets</dt>
            <dd>{zone.assets.length}</dd>
            <dt className="text-slate-500">Mode</dt>
            <dd>{zone.mode === "logging" ? "logging: violations are found and shown; admission reasons in this zone are recorded, not enforced" : "enforcing"}</dd>
            <dt className="text-slate-500">Data subjects</dt>
            <dd data-testid="zone-data-subjects">{zone.dataSubjects.length ? zone.dataSubjects.map((key) => dataSubject(key)?.name ?? key).join(", ") : "—"}</dd>
            <dt className="text-slate-500">Retention</dt>
            <dd data-testid="zone-retention">{zone.retention ?? "—"}</dd>
          </dl>
        </Card>
      </div>

      <h2 className="mb-2 mt-8 text-sm font-semibold text-slate-900">Sanctioned paths</h2>
      {paths.length ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className={tableClass}>
            <thead className="bg-slate-50">
              <tr>
                <th className={thClass}>Path</th>
                <th className={thClass}>Direction</th>
                <th className={thClass}>Categories</th>
                <th className={thClass}>Purpose</th>
                <th className={thClass}>Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {paths.map((path) => (
                <tr key={`${path.direction}:${path.id}`}>
                  <td className={tdClass}><code className="text-xs">{path.id}</code></td>
                  <td className={tdClass}>
                    <span className="flex items-center gap-1.5 text-xs text-slate-600">
                      {path.direction === "out" ? "to" : "from"} <ZoneChip zone={path.other} />
                      {path.direction === "out" && !path.other ? <span>(out of all zones)</span> : null}
                    </span>
                  </td>
                  <td className={tdClass}>
                    <div className="flex flex-wrap gap-1">{path.categories.map((c) => <code key={c} className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px]">{c}</code>)}</div>
                  </td>
                  <td className={tdClass}>{path.purposeKey ? <code className="text-xs">{path.purposeKey}</code> : <span className="text-xs text-slate-400">any</span>}</td>
                  <td className={tdClass}><Badge tone={PATH_STATUS_TONE[path.status]}>{path.status}</Badge></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title="No sanctioned path leaves or enters this zone" />
      )}

      <section aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading" className="mb-1 mt-8 text-sm font-semibold text-slate-900">Webhooks</h2>
        <p className="mb-2 text-xs text-slate-500">
          A violation that opens in this zone is POSTed once to each webhook, signed with its secret (<code>X-Zoneline-Signature</code>), and retried with backoff until it is accepted.
        </p>
        {webhooks.length ? (
          <WebhookList webhooks={webhooks} actions={
              editsZones
                ? (webhook) => (
                    <>
                      <TestDeliveryButton webhookId={webhook.id} url={webhook.url} action={sendTestDeliveryAction} />
                      <RemoveWebhookButton webhookId={webhook.id} url={webhook.url} action={removeWebhookAction} />
                    </>
                  )
                : undefined
            } />
        ) : (
          <EmptyState title="No webhook: new violations in this zone alert nobody" />
        )}
        {editsZones ? (
          <div className="mt-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <AddWebhookForm zoneId={zone.id} action={addWebhook} />
          </div>
        ) : null}
      </section>

      <h2 className="mb-2 mt-8 text-sm font-semibold text-slate-900">Assets in this zone</h2>
      {zone.assets.length ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className={tableClass}>
            <thead className="bg-slate-50">
              <tr>
                <th className={thClass}>Asset</th>
                <th className={thClass}>Kind</th>
                <th className={thClass}>Declared labels</th>
                <th className={thClass}>Owner</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {zone.assets.map((asset) => (
                <tr key={asset.id}>
                  <td className={tdClass}>
                    <Link className="font-medium text-ink hover:text-brand-600" href={`/assets/${encodeURIComponent(asset.id)}`}>{asset.name}</Link>
                    <div className="text-xs text-slate-500">{asset.namespace}</div>
                  </td>
                  <td className={`${tdClass} text-xs text-slate-600`}>{asset.kind.replaceAll("_", " ")}</td>
                  <td className={tdClass}>
                    <div className="flex flex-wrap gap-1">{asset.labels.map((l) => <LabelChip key={l.position} category={l.categoryKey} qualifier={l.qualifier} consented={l.consented} />)}</div>
                  </td>
                  <td className={`${tdClass} text-slate-600`}>{asset.owner ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title="No assets in this zone yet" />
      )}
    </PageBody>
  );
}
