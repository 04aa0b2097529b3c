import { FileCheck2, KeyRound, RefreshCw, ShieldCheck, ShieldX } from "lucide-react";
import { BundleExport } from "@/components/audit/bundle-export";
import { Pagination, SearchForm, tableClass, tdClass, thClass } from "@/components/ui/list-controls";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { PageBody } from "@/components/ui/page";
import { getAuditPublicKey } from "@/server/audit/audit-key";
import { auditQuery, auditQueryErrors, listAuditEntries, listAuditFacets } from "@/server/audit/list-audit-entries";
import { CHECKPOINT_EVERY, CHECKPOINT_MAX_AGE_MS } from "@/server/audit/sign-audit-checkpoint";
import { verifyAuditChain, type AuditChainStatus } from "@/server/audit/verify-audit-chain";
import { zoneOptions } from "@/server/zones/list-zones";
import { firstParam, type SearchParams } from "../_lib/or-not-found";
import { recheckWholeAuditChain } from "./actions";


const utc = (at: Date) => at.toISOString().replace("T", " ").slice(0, 19);
const inputClass = "rounded-md border border-slate-300 bg-white py-1.5 px-2 text-sm shadow-sm";

// What each finding of verification means to the person reading the page.
const PROBLEM_TITLE: Record<Extract<AuditChainStatus, { ok: false }>["kind"], string> = {
  edited: "An entry was edited",
  deleted: "An entry was deleted",
  inserted: "An entry was inserted",
  reordered: "Entries were reordered",
  truncated: "The end of the log was cut off",
  rewritten: "The log was rewritten",
  checkpoint_missing: "A signed checkpoint was deleted",
};

// Days are UTC, like every time on the page.
const FILTERS = ["q", "actor", "action", "from", "to"] as const;

/**
 * The Audit page's content, for a caller the page has already let in (tests render it directly).
 * `canExport`: the caller may export evidence (the bundle controls); `exports`: the report export panel, for them.
 */
export async function AuditView({ searchParams, canExport = false, exports = null }: { searchParams: SearchParams; canExport?: boolean; exports?: React.ReactNode }) {
  const raw = await searchParams;
  const given = Object.fromEntries(FILTERS.map((name) => [name, firstParam(raw[name]) ?? ""])) as Record<(typeof FILTERS)[number], string>;
  const parsed = auditQuery.safeParse({ ...given, page: firstParam(raw.page) });
  const errors = parsed.success ? {} : auditQueryErrors(parsed.error);
  const query = parsed.success ? parsed.data : null;
  const [entries, facets, chain, zones] = await Promise.all([query ? listAuditEntries(query) : null, listAuditFacets(), verifyAuditChain(), canExport ? zoneOptions() : []]);
  const key = getAuditPublicKey();
  const filtered = FILTERS.some((name) => given[name]);
  const params = Object.fromEntries(FILTERS.map((name) => [name, given[name] || undefined]));
  return (
    <PageBody>
      <PageHeader
        actions={<a href="/audit/verify" className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"><FileCheck2 className="size-4" aria-hidden /> Verify a bundle</a>}
        title="Audit log"
        description="Every decision is an entry in an append-only hash chain: each entry's hash covers the previous hash and the entry itself, and the database refuses to change or delete an entry. Signed checkpoints vouch for the chain head, so a cut-off tail or a re-hashed suffix shows too. Each view checks the entries and checkpoints written since the last check; the full re-check checks them all again."
      />
      <ChainStatus chain={chain} />
      {exports}
      {/* One GET form, so the search and the filters combine and the URL can be shared. */}
      <SearchForm action="/audit" q={given.q} placeholder="Search by action, subject or actor…">
        <Field label="Actor" error={errors.actor}>
          <input name="actor" list="audit-actors" defaultValue={given.actor} placeholder="Any actor" className={`${inputClass} w-56`} aria-invalid={!!errors.actor} />
          <datalist id="audit-actors">{facets.actors.map((actor) => <option key={actor} value={actor} />)}</datalist>
        </Field>
        <Field label="Action" error={errors.action}>
          <select name="action" defaultValue={given.action} className={`${inputClass} pr-7`}>
            <option value="">Any action</option>
            {facets.actions.map((action) => <option key={action} value={action}>{action}</option>)}
          </select>
        </Field>
        <Field label="From" error={errors.from}>
          <input type="date" name="from" defaultValue={given.from} className={inputClass} aria-invalid={!!errors.from} />
        </Field>
        <Field label="To" error={errors.to}>
          <input type="date" name="to" defaultValue={given.to} className={inputClass} aria-invalid={!!errors.to} />
        </Field>
        {filtered ? <a href="/audit" className="text-sm text-brand-600 hover:underline">Clear</a> : null}
      </SearchForm>
      {!entries ? (
        <EmptyState title="Fix the filter to see entries">{Object.entries(errors).map(([field, message]) => `${field}: ${message}`).join("; ")}</EmptyState>
      ) : entries.rows.length === 0 ? (
        <EmptyState title={filtered ? "No audit entries match" : "No audit entries yet"} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className={tableClass}>
            <thead className="bg-slate-50">
              <tr>
                <th className={thClass}>#</th>
                <th className={thClass}>Time (UTC)</th>
                <th className={thClass}>Actor</th>
                <th className={thClass}>Action</th>
                <th className={thClass}>Subject</th>
                <th className={thClass}>Details</th>
                <th className={thClass}>Hash</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.rows.map((entry) => (
                <tr key={entry.sequence}>
                  <td className={`${tdClass} tabular-nums text-slate-500`}>{entry.sequence}</td>
                  <td className={`${tdClass} whitespace-nowrap tabular-nums text-xs`}>{utc(entry.at)}</td>
                  <td className={`${tdClass} text-xs`}>{entry.actor}</td>
                  <td className={tdClass}><code className="text-xs">{entry.action}</code></td>
                  <td className={`${tdClass} text-xs`}>{entry.subject}</td>
                  <td className={tdClass}>
                    <code className="line-clamp-2 max-w-md break-all text-[11px] text-slate-600">{JSON.stringify(entry.payload)}</code>
                  </td>
                  <td className={tdClass}><code className="text-[11px] text-slate-500" title={entry.hash}>{entry.hash.slice(0, 12)}…</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {entries ? <Pagination base="/audit" params={params} page={entries.page} pageCount={entries.pageCount} total={entries.total} noun="entry" plural="entries" /> : null}
      {canExport ? <BundleExport zones={zones} /> : null}
      <Card className="mt-6" title={<span className="inline-flex items-center gap-1.5"><KeyRound className="size-4" aria-hidden /> Checkpoint signing key</span>}>
        <div className="space-y-2 text-sm text-slate-700" data-testid="audit-public-key">
          <p>
            Checkpoints are signed with {key.algorithm} at every {CHECKPOINT_EVERY}th entry, at the first entry written {CHECKPOINT_MAX_AGE_MS / 60_000} minutes or more after the last checkpoint, and over the head each check verifies.
            The private key comes from {key.source === "ZONELINE_AUDIT_KEY" ? <code>ZONELINE_AUDIT_KEY</code> : "the data folder"} and is never stored in the database.
            Anyone can check an exported log with this public key, also at <a className="text-brand-700 underline" href="/api/v1/audit/public-key">/api/v1/audit/public-key</a>.
          </p>
          <p className="text-xs">Fingerprint (sha256 of the DER public key): <code className="break-all">{key.fingerprint}</code></p>
          <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-[11px] text-slate-700">{key.publicKey}</pre>
        </div>
      </Card>
    </PageBody>
  );
}

function Field({ label, error, children }: { label: string; error?: string; children: React.ReactNode }) {
  return (
    <label className="inline-flex items-center gap-1.5 text-xs text-slate-600">
      {label}
      {children}
      {error ? <span className="text-rose-700" role="alert">{error}</span> : null}
    </label>
  );
}

function ChainStatus({ chain }: { chain: AuditChainStatus }) {
  const checkpoint = chain.lastCheckpoint ? `last checkpoint: entry ${chain.lastCheckpoint.sequence}, signed ${utc(chain.lastCheckpoint.signedAt)} UTC` : "no checkpoint yet";
  return (
    <div
      className={`mb-5 flex flex-wrap items-center gap-3 rounded-lg border px-4 py-3 text-sm ${chain.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-rose-200 bg-rose-50 text-rose-900"}`}
      data-testid="chain-status"
    >
      {chain.ok ? <ShieldCheck className="size-5" aria-hidden /> : <ShieldX className="size-5" aria-hidden />}
      {chain.ok ? (
        <span>
          <strong>Chain intact.</strong> {chain.verifiedThrough === 0 ? "No entries yet." : `Entries 1 to ${chain.verifiedThrough} verified`}
          {chain.verifiedThrough > 0 && !chain.full ? ` (${chain.hashed} new since the last check)` : ""}; {checkpoint}.
        </span>
      ) : (
        <span role="alert" data-kind={chain.kind}>
          <strong>{PROBLEM_TITLE[chain.kind]}: first entry concerned {chain.sequence}</strong>
          {chain.checkpoint !== undefined ? ` (shown by checkpoint ${chain.checkpoint})` : ""}. {chain.message}.
        </span>
      )}
      <span className="ml-auto text-xs opacity-80" data-testid="full-check-at">
        {chain.fullCheckAt ? `Whole chain last re-checked ${utc(chain.fullCheckAt)} UTC` : "Whole chain not re-checked yet"}
      </span>
      <form action={recheckWholeAuditChain}>
        <button type="submit" className="inline-flex items-center gap-1.5 rounded-md border border-current/30 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-50">
          <RefreshCw className="size-3.5" aria-hidden /> Re-check the whole chain
        </button>
      </form>
    </div>
  );
}
