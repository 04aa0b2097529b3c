"use client";
// The Audit page's report export (issue 11): a period, zones and paper size,
// "Export report (PDF)", and the recent exports with their progress and a
// download link. The report is made in the background on the server; this
// polls /api/v1/evidence/exports while one is queued or running.
import { Download, FileArchive, FileText, Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import type { EvidenceExportView } from "@/lib/evidence/evidence-export";
import type { PaperSize } from "@/lib/settings/organisation-settings";

type State = { ok: true; started: EvidenceExportView } | { ok: false; errors: string[] } | null;
type Action = (state: State, form: FormData) => Promise<State>;

const POLL_MS = 1_500;
const inputClass = "rounded-md border border-slate-300 bg-white py-1.5 px-2 text-sm shadow-sm";
const utc = (iso: string) => iso.replace("T", " ").slice(0, 16);
const day = (iso: string) => iso.slice(0, 10);

export function ReportExport({
  action,
  zones,
  paperSize,
  defaultFrom,
  defaultTo,
  initialExports,
}: {
  action: Action;
  zones: { id: string; name: string }[];
  paperSize: PaperSize;
  defaultFrom: string;
  defaultTo: string;
  initialExports: EvidenceExportView[];
}) {
  const [state, submit, pending] = useActionState(action, null);
  const [exports, setExports] = useState(initialExports);
  const [pollError, setPollError] = useState<string | null>(null);

  // a started export shows at once, before the next poll
  useEffect(() => {
    if (state?.ok) setExports((list) => [state.started, ...list.filter((e) => e.id !== state.started.id)]);
  }, [state]);

  const active = exports.some((e) => e.status === "queued" || e.status === "running");
  // when a run ends, the page's audit log and chain status show its evidence.export entry
  const router = useRouter();
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) router.refresh();
    wasActive.current = active;
  }, [active, router]);
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    const timer = setInterval(async () => {
      try {
        const response = await fetch("/api/v1/evidence/exports", { signal: controller.signal, cache: "no-store" });
        const body = await response.json();
        if (!response.ok) throw new Error(body?.message ?? response.statusText);
        setExports(body.exports);
        setPollError(null);
      } catch (error) {
        if (!controller.signal.aborted) setPollError(error instanceof Error ? error.message : String(error));
      }
    }, POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [active]);

  return (
    <div className="space-y-4" data-testid="report-export">
      <form action={submit} aria-label="Export audit report" className="flex flex-wrap items-end gap-3">
        <label className="text-xs text-slate-600">
          From (UTC day)
          <input type="date" name="from" defaultValue={defaultFrom} className={`${inputClass} block`} />
        </label>
        <label className="text-xs text-slate-600">
          To (UTC day)
          <input type="date" name="to" defaultValue={defaultTo} className={`${inputClass} block`} />
        </label>
        <label className="text-xs text-slate-600">
          Zones <span className="text-slate-400">(none selected: all zones)</span>
          <select name="zones" multiple size={Math.min(4, Math.max(2, zones.length))} className={`${inputClass} block min-w-56`} aria-label="Zones">
            {zones.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          Paper
          <select name="paperSize" defaultValue={paperSize} className={`${inputClass} block`}>
            <option value="A4">A4</option>
            <option value="LETTER">US Letter</option>
          </select>
        </label>
        <button type="submit" disabled={pending} className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60">
          <FileText className="size-4" aria-hidden /> {pending ? "Starting…" : "Export report (PDF)"}
        </button>
        {/* the same period and zones as a bundle made in the background and kept here (the paper size does not apply) */}
        <button type="submit" name="kind" value="bundle.zip" disabled={pending} className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60">
          <FileArchive className="size-4" aria-hidden /> Export bundle (ZIP)
        </button>
      </form>
      {state && !state.ok ? (
        <ul className="text-sm text-rose-700" role="alert">
          {state.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
      {pollError ? <p className="text-xs text-amber-700">Could not refresh the progress: {pollError}</p> : null}
      {exports.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing exported yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Recent exports">
          {exports.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm" data-testid="export-row" data-status={e.status}>
              <span className="min-w-56">
                <strong>{e.kind === "bundle.zip" ? "Bundle" : "Report"} {day(e.scope.from)} – {day(e.scope.to)}</strong>
                <span className="text-slate-500"> · {e.scope.zones.length ? e.scope.zones.join(", ") : "all zones"}</span>
                <span className="block text-xs text-slate-500">
                  asked {utc(e.requestedAt)} UTC by {e.requestedBy}
                </span>
              </span>
              <ExportStatus view={e} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ExportStatus({ view }: { view: EvidenceExportView }) {
  if (view.status === "done" && view.downloadUrl) {
    return (
      <span className="ml-auto flex items-center gap-3">
        <span className="text-xs text-slate-500" title={`sha256 ${view.sha256}`}>
          {view.bytes !== null ? `${Math.max(1, Math.round(view.bytes / 1024)).toLocaleString("en-US")} KiB` : ""} · sha256 {view.sha256?.slice(0, 12)}…
        </span>
        <a href={view.downloadUrl} download className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-brand-700 hover:bg-slate-50">
          <Download className="size-3.5" aria-hidden /> {view.kind === "bundle.zip" ? "Download ZIP" : "Download PDF"}
        </a>
      </span>
    );
  }
  if (view.status === "failed") {
    return (
      <span className="ml-auto text-xs text-rose-700" role="status">
        Failed: {view.error}
      </span>
    );
  }
  const percent = Math.round(view.progress * 100);
  return (
    <span className="ml-auto flex min-w-64 items-center gap-2 text-xs text-slate-600" role="status">
      <Loader2 className="size-3.5 animate-spin" aria-hidden />
      <span className="h-1.5 w-32 overflow-hidden rounded bg-slate-200">
        <span className="block h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
      </span>
      <span data-testid="export-progress">
        {percent}% · {view.phase}
      </span>
    </span>
  );
}
