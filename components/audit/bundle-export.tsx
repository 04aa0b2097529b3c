import { Download, FileCheck2 } from "lucide-react";
import { Card } from "@/components/ui/page-header";
import { DEFAULT_PERIOD_DAYS } from "@/lib/evidence/evidence-scope";

const inputClass = "rounded-md border border-slate-300 bg-white py-1.5 px-2 text-sm shadow-sm";
const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The evidence bundle's export controls (privacy reviewers and legal; the
 * route refuses everyone else anyway). A plain GET form: the browser streams
 * the ZIP straight to disk, however large.
 */
export function BundleExport({ zones, now = new Date() }: { zones: { id: string; name: string }[]; now?: Date }) {
  return (
    <Card
      className="mt-6"
      title={<span className="inline-flex items-center gap-1.5"><Download className="size-4" aria-hidden /> Evidence bundle (ZIP)</span>}
      actions={<a href="/audit/verify" className="inline-flex items-center gap-1 text-xs text-brand-600 hover:underline"><FileCheck2 className="size-3.5" aria-hidden /> Verify a bundle</a>}
    >
      <form method="get" action="/api/v1/evidence/bundle" className="space-y-3 text-sm text-slate-700" data-testid="bundle-export">
        <p>
          The period&apos;s evidence as machine-readable files (JSON and CSV: zones, assets, edges with verdicts, sanctioned paths, decisions, admission checks, violations),
          the audit entries of the period as JSON Lines, and a manifest with every file&apos;s sha256, the chain segment, the signed checkpoints and the public key.
          Anyone can check it with <code>zoneline verify-evidence</code>. The export is recorded in the audit log.
        </p>
        <div className="flex flex-wrap items-end gap-3">
          <label className="inline-flex flex-col gap-1 text-xs text-slate-600">
            From (UTC)
            <input type="date" name="from" defaultValue={day(new Date(now.getTime() - DEFAULT_PERIOD_DAYS * 86_400_000))} className={inputClass} />
          </label>
          <label className="inline-flex flex-col gap-1 text-xs text-slate-600">
            To (UTC, inclusive)
            <input type="date" name="to" defaultValue={day(now)} className={inputClass} />
          </label>
        </div>
        <fieldset className="text-xs text-slate-600">
          <legend className="mb-1">Zones (none ticked: every zone; the audit entries are always the whole segment of the period)</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {zones.map((zone) => (
              <label key={zone.id} className="inline-flex items-center gap-1.5">
                <input type="checkbox" name="zones" value={zone.id} /> {zone.name}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
          <Download className="size-4" aria-hidden /> Download bundle
        </button>
      </form>
    </Card>
  );
}
