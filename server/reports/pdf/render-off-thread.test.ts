// PDFs render in a worker thread: while a report of a generated world renders,
// the event loop of the process that asked keeps turning (a timer's longest gap
// stays a small part of the render), where rendering in the same thread holds
// it for about the whole render. Gaps are compared with the same run's render
// times, so a busy machine moves both sides.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { generateWorld } from "@/bench/generate-world";
import { generateAuditSigningKeyPem } from "@/lib/audit";
import type { AuditReport } from "@/lib/evidence/audit-report";
import { runEvaluation } from "@/server/evaluations/run-evaluation";
import { resolveEvidenceScope } from "@/server/evidence/resolve-evidence-scope";
import { importWorld } from "@/server/world/import-world";
import { useTestDatabase } from "@/test/use-database";
import { buildAuditReport } from "../audit-report/build-audit-report";
import { renderAuditReport } from "../audit-report/render-audit-report";
import { renderOffThread } from "./render-off-thread";
import { renderJob, type RenderJob } from "./render-jobs";

useTestDatabase("render");
process.env.ZONELINE_AUDIT_KEY = generateAuditSigningKeyPem();

/** Runs `render` while a 10 ms timer ticks: the render's time and the timer's longest gap. */
async function whileTicking(render: () => Promise<{ bytes: Buffer; sha256: string }>) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let last = performance.now();
  let longestGap = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    ticks++;
  }, 10);
  delay.enable();
  const started = performance.now();
  const file = await render();
  const renderMs = performance.now() - started;
  delay.disable();
  clearInterval(timer);
  longestGap = Math.max(longestGap, performance.now() - last);
  return { file, renderMs, longestGap, ticks, maxDelayMs: delay.max / 1e6 };
}

describe("rendering PDFs off the event loop", () => {
  let report: AuditReport;
  beforeAll(async () => {
    await importWorld({ world: generateWorld({ assets: 600, edges: 1_800, zones: 6, categories: 40, paths: 12, seed: 5 }), actor: "test" });
    await runEvaluation({ trigger: "test" });
    report = await buildAuditReport({ scope: await resolveEvidenceScope({}), generatedBy: "test" });
  }, 180_000);

  it("keeps the event loop turning while an audit report renders in a worker, unlike rendering in the same thread", async () => {

    const inWorker = await whileTicking(() => renderAuditReport(report));
    const inThread = await whileTicking(() => renderJob({ kind: "audit-report", report }));
    console.log(
      `worker: render ${inWorker.renderMs.toFixed(0)} ms, ${inWorker.ticks} ticks, longest gap ${inWorker.longestGap.toFixed(0)} ms; ` +
        `same thread: render ${inThread.renderMs.toFixed(0)} ms, ${inThread.ticks} ticks, longest gap ${inThread.longestGap.toFixed(0)} ms`,
    );

    expect(inWorker.file.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(inWorker.file.bytes.length).toBeGreaterThan(10_000);
    // the same report: the same pages (the bytes differ only in the creation date react-pdf stamps)
    const pages = (bytes: Buffer) => (bytes.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages(inWorker.file.bytes)).toBe(pages(inThread.file.bytes));
    expect(pages(inWorker.file.bytes)).toBeGreaterThan(5);

    // In the same thread the timer waits for most of the render; in a worker it keeps ticking.
    expect(inThread.longestGap).toBeGreaterThan(inThread.renderMs * 0.4);
    expect(inWorker.longestGap).toBeLessThan(inWorker.renderMs * 0.25);
    expect(inWorker.longestGap * 3).toBeLessThan(inThread.longestGap);
    expect(inWorker.ticks).toBeGreaterThan((inWorker.renderMs / 10) * 0.2);
  }, 240_000);

  it("rejects with what failed when a render fails in the worker, and the next render works", async () => {
    await expect(renderOffThread({ kind: "audit-report", report: { ...report, zones: null } } as unknown as RenderJob)).rejects.toThrow(/rendering the PDF failed|Cannot read/);
    const file = await renderAuditReport(report);
    expect(file.bytes.subarray(0, 5).toString()).toBe("%PDF-");
  }, 120_000);
});
