// A zone's webhooks with their recent deliveries (status, attempts, each attempt's answer).
import type { ReactNode } from "react";
import { Badge, type Tone } from "@/components/ui/chips";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { displayWebhookUrl as shownUrl } from "@/lib/alerts/webhook-input";

export type DeliveryStatus = "pending" | "delivered" | "failed";

export interface WebhookView {
  id: string;
  url: string;
  description: string | null;
  createdBy: string;
  createdAt: Date;
  counts: Partial<Record<DeliveryStatus, number>>;
  _count: { deliveries: number };
  deliveries: {
    id: string;
    status: DeliveryStatus;
    attempts: number;
    createdAt: Date;
    deliveredAt: Date | null;
    lastAttemptAt: Date | null;
    lastError: string | null;
    violation: { id: number; kind: string; subject: string; resolvedAt: Date | null };
    attemptLog: { attemptedAt: Date; responseCode: number | null; ok: boolean; error: string | null; durationMs: number }[];
  }[];
}

const STATUS_TONE: Record<DeliveryStatus, Tone> = { pending: "amber", delivered: "green", failed: "red" };
const when = (date: Date | null) => (date ? date.toISOString().replace("T", " ").slice(0, 19) : "—");


export function WebhookList({ webhooks, actions }: { webhooks: WebhookView[]; actions?: (webhook: WebhookView) => ReactNode }) {
  return (
    <ul className="space-y-4">
      {webhooks.map((webhook) => (
        <li key={webhook.id} data-testid="webhook" className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <div className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 px-4 py-3">
            <div>
              <code className="break-all text-sm text-ink">{shownUrl(webhook.url)}</code>
              <div className="text-xs text-slate-500">
                {webhook.description ? <>{webhook.description} · </> : null}added by {webhook.createdBy} on {webhook.createdAt.toISOString().slice(0, 10)}
              </div>
            </div>
            <div className="flex items-center gap-2">
              {(["delivered", "pending", "failed"] as const).map((status) =>
                webhook.counts[status] ? (
                  <Badge key={status} tone={STATUS_TONE[status]}>
                    {webhook.counts[status]} {status}
                  </Badge>
                ) : null,
              )}
              {actions?.(webhook)}
            </div>
          </div>
          {webhook.deliveries.length ? (
            <div className="overflow-x-auto">
              <table className={tableClass} aria-label={`Recent deliveries to ${shownUrl(webhook.url)}`}>
                <thead className="bg-slate-50">
                  <tr>
                    <th className={thClass}>Violation</th>
                    <th className={thClass}>Status</th>
                    <th className={`${thClass} text-right`}>Attempts</th>
                    <th className={thClass}>Created (UTC)</th>
                    <th className={thClass}>Last attempt</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {webhook.deliveries.map((delivery) => (
                    <tr key={delivery.id} data-testid="delivery">
                      <td className={tdClass}>
                        <div className="text-xs">{delivery.violation.kind.replaceAll("_", " ")}</div>
                        <code className="text-[11px] text-slate-500">{delivery.violation.subject}</code>
                        {delivery.violation.resolvedAt ? <span className="ml-1 text-[11px] text-slate-400">(resolved since)</span> : null}
                      </td>
                      <td className={tdClass}>
                        <Badge tone={STATUS_TONE[delivery.status]}>{delivery.status}</Badge>
                      </td>
                      <td className={`${tdClass} text-right tabular-nums`}>{delivery.attempts}</td>
                      <td className={`${tdClass} whitespace-nowrap text-xs tabular-nums`}>{when(delivery.createdAt)}</td>
                      <td className={`${tdClass} text-xs`}>
                        {delivery.attemptLog.length ? (
                          <details>
                            <summary className="cursor-pointer">
                              {when(delivery.lastAttemptAt)}
                              {delivery.lastError ? <span className="text-rose-700"> · {delivery.lastError}</span> : null}
                            </summary>
                            <ol className="mt-1 space-y-0.5 text-[11px] text-slate-600">
                              {delivery.attempts > delivery.attemptLog.length ? (
                                <li className="text-amber-700">
                                  {delivery.attempts - delivery.attemptLog.length} attempt{delivery.attempts - delivery.attemptLog.length === 1 ? "" : "s"} cut short with no answer recorded (the sending process stopped)
                                </li>
                              ) : null}
                              {delivery.attemptLog.map((attempt, i) => (
                                <li key={i}>
                                  {when(attempt.attemptedAt)} · {attempt.responseCode ?? "no answer"} · {attempt.durationMs} ms
                                  {attempt.error ? ` · ${attempt.error}` : ""}
                                </li>
                              ))}
                            </ol>
                          </details>
                        ) : (
                          <span className="text-slate-400">not tried yet</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="px-4 py-3 text-sm text-slate-500">No delivery yet: one is sent when a violation opens in this zone.</p>
          )}
        </li>
      ))}
    </ul>
  );
}
