import type { Metadata } from "next";
import { Card, ErrorState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { CreateTokenForm, RevokeTokenButton } from "@/components/tokens/token-forms";
import { can } from "@/lib/auth/permissions";
import { listApiTokens } from "@/server/tokens/api-tokens";
import { pageActor } from "@/app/_lib/session";
import { createToken, revokeToken } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

const when = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : "never");

export default async function TokensPage() {
  const actor = await pageActor();
  if (!can(actor.roles, "admin.manage")) {
    return (
      <PageBody>
        <ErrorState title="Only admins manage API tokens" message="Your roles do not include admin." />
      </PageBody>
    );
  }
  const tokens = await listApiTokens(actor);
  return (
    <PageBody>
      <PageHeader
        title="API tokens"
        description="Pipelines call /api/v1 with Authorization: Bearer <token>. A token carries scopes instead of roles; its secret is shown once and stored only as a hash. Last use is recorded to the minute."
      />
      <Card title="Create a token" className="mb-6">
        <CreateTokenForm action={createToken} />
      </Card>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className={tableClass}>
          <thead className="bg-slate-50">
            <tr>
              <th className={thClass}>Token</th>
              <th className={thClass}>Scopes</th>
              <th className={thClass}>Created</th>
              <th className={thClass}>Last used</th>
              <th className={thClass}>Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.length === 0 ? (
              <tr>
                <td colSpan={5} className={`${tdClass} text-slate-500`}>
                  No tokens yet.
                </td>
              </tr>
            ) : null}
            {tokens.map((token) => (
              <tr key={token.id} className={token.revokedAt ? "bg-slate-50 text-slate-500" : undefined}>
                <td className={tdClass}>
                  <div className="font-medium text-ink">{token.name}</div>
                  <code className="text-xs text-slate-600">{token.prefix}…</code>
                </td>
                <td className={`${tdClass} font-mono text-xs`}>{token.scopes.join(", ")}</td>
                <td className={`${tdClass} text-xs text-slate-600`}>
                  {when(token.createdAt)}
                  <div>by {token.createdBy}</div>
                </td>
                <td className={`${tdClass} text-xs text-slate-600`}>{when(token.lastUsedAt)}</td>
                <td className={tdClass}>
                  {token.revokedAt ? (
                    <span className="text-xs font-medium text-rose-700">
                      revoked {when(token.revokedAt)} by {token.revokedBy}
                    </span>
                  ) : token.expiresAt && token.expiresAt <= new Date() ? (
                    <span className="text-xs font-medium text-amber-700">expired {when(token.expiresAt)}</span>
                  ) : (
                    <RevokeTokenButton tokenId={token.id} name={token.name} action={revokeToken} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PageBody>
  );
}
