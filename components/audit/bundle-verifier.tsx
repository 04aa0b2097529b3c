"use client";

import { ShieldCheck, ShieldX, Upload } from "lucide-react";
import { useState } from "react";
import type { BundleVerification } from "@/lib/evidence/verify-evidence-bundle";

type State = { kind: "idle" } | { kind: "checking" } | { kind: "done"; result: BundleVerification; name: string } | { kind: "error"; message: string };

/** Uploads a bundle to POST /api/v1/evidence/verify and shows what the verifier found. */
export function BundleVerifier({ maxBytes }: { maxBytes: number }) {
  const [state, setState] = useState<State>({ kind: "idle" });

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("bundle");
    if (!(file instanceof File) || file.size === 0) return setState({ kind: "error", message: "Choose a bundle (.zip) first." });
    if (file.size > maxBytes) return setState({ kind: "error", message: `The bundle is larger than the limit of ${maxBytes / 1024 / 1024} MiB; check it with zoneline verify-evidence instead.` });
    setState({ kind: "checking" });
    try {
      const response = await fetch(`/api/v1/evidence/verify${form.get("live") ? "?against=live" : ""}`, { method: "POST", headers: { "content-type": "application/zip" }, body: file });
      const body = await response.json();
      if (!response.ok) return setState({ kind: "error", message: body.message ?? `The server answered ${response.status}` });
      setState({ kind: "done", result: body as BundleVerification, name: file.name });
    } catch (error) {
      setState({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <input type="file" name="bundle" accept=".zip,application/zip" aria-label="Evidence bundle" className="text-sm" />
        <label className="inline-flex items-center gap-1.5 text-slate-700">
          <input type="checkbox" name="live" /> Check against the live log
        </label>
        <button type="submit" disabled={state.kind === "checking"} className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-60">
          <Upload className="size-4" aria-hidden /> {state.kind === "checking" ? "Checking…" : "Verify"}
        </button>
      </form>
      {state.kind === "error" ? <p role="alert" className="text-sm text-rose-700">{state.message}</p> : null}
      {state.kind === "done" ? <Result result={state.result} name={state.name} /> : null}
    </div>
  );
}

function Result({ result, name }: { result: BundleVerification; name: string }) {
  const { summary } = result;
  return (
    <section data-testid="bundle-verification" data-ok={result.ok} className={`rounded-lg border px-4 py-3 text-sm ${result.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-rose-200 bg-rose-50 text-rose-900"}`}>
      <p className="flex items-center gap-2 font-semibold">
        {result.ok ? <ShieldCheck className="size-5" aria-hidden /> : <ShieldX className="size-5" aria-hidden />}
        {result.ok ? `${name}: verified` : `${name}: not verified (${result.findings.length} finding${result.findings.length === 1 ? "" : "s"})`}
      </p>
      {summary.format ? (
        <p className="mt-1 text-xs opacity-80">
          {summary.scope}; generated {summary.generatedAt} by {summary.generatedBy}. Checked {summary.files} files, {summary.entries} audit entries
          {summary.segment?.firstSequence ? ` (${summary.segment.firstSequence} to ${summary.segment.lastSequence})` : ""}, {summary.checkpoints} signed checkpoints; key {summary.publicKeyFingerprint}
          {summary.against ? `; against ${summary.against.label}: ${summary.against.compared} entries compared` : ""}.
          {summary.empty ? " The period holds no data." : ""}
        </p>
      ) : null}
      {result.findings.length ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {result.findings.map((finding, index) => (
            <li key={index} data-kind={finding.kind}>
              <code className="text-xs">{finding.kind}</code>
              {finding.file ? <> · <code className="text-xs">{finding.file}</code></> : null}
              {finding.sequence !== undefined ? ` · entry ${finding.sequence}` : ""}
              {finding.checkpoint !== undefined ? ` · checkpoint ${finding.checkpoint}` : ""}: {finding.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
