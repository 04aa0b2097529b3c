// Evaluation after lineage ingestion (DESIGN.md 7: "Every lineage ingestion
// re-evaluates what it touched"), coalesced: a pipeline posting hundreds of
// events a second must not queue hundreds of evaluation runs. At most one run
// is in flight per process; writes that arrive while it runs ask for exactly
// one more run afterwards, which sees all of them (a run evaluates the world
// version current when it starts). Failures are logged and contained
// (runInBackground), so an ingestion request never fails on its evaluation.
//
// Paced: the follow-up run starts once as much time has passed as the last
// run kept this process busy (at least MIN_PAUSE_MS, at most MAX_PAUSE_MS). A
// run's explanations are synchronous CPU work in this process, so under
// sustained ingestion back-to-back runs would leave the requests that caused
// them almost no time; pacing gives evaluation at most about half the process
// and bounds how stale the stored verdicts get (about two runs' time). The
// time a run waits for PostgreSQL to store its rows does not count: requests
// are answered meanwhile, and counting it made one large store (thousands of
// new violations) delay the next, small run by seconds.
import { setTimeout as sleep } from "node:timers/promises";
import { runInBackground } from "../run-in-background";
import { runEvaluation } from "./run-evaluation";

export interface EvaluationRequest {
  trigger: string;
  actor: string;
}

const MAX_PAUSE_MS = 5_000;
// a pipeline posting a batch every few milliseconds gets one run per this long, not one per batch: each run
// stores a row and an audit entry, and in a busy process its fixed cost competed with the requests it follows
const MIN_PAUSE_MS = 100;

// on globalThis: Next may load this module once per route bundle, and the coalescing must be per process
const state = globalThis as unknown as {
  zonelineScheduledEvaluation?: { running: Promise<void> | null; next: EvaluationRequest | null; notBefore: number };
};
/** notBefore: when the next run may start (performance.now()), so the pause holds across quiet moments too */
const scheduler = (state.zonelineScheduledEvaluation ??= { running: null, next: null, notBefore: 0 });

/** Asks for an evaluation of the world as it will be once the caller's write has committed. */
export function scheduleEvaluation({ trigger, actor }: EvaluationRequest): void {
  scheduler.next = { trigger, actor };
  if (scheduler.running) return; // the loop below picks it up when the current run ends
  scheduler.running = drain();
}

async function drain(): Promise<void> {
  try {
    while (scheduler.next) {
      const waitMs = scheduler.notBefore - performance.now();
      if (waitMs > 0) await sleep(waitMs);
      const request = scheduler.next;
      scheduler.next = null;
      const started = performance.now();
      let waitedMs = 0;
      await runInBackground(`evaluation after ${request.trigger}`, async () => {
        waitedMs = (await runEvaluation(request)).timings.storeWaitMs;
      });
      const ended = performance.now();
      scheduler.notBefore = ended + pauseAfterRun(ended - started, waitedMs);
    }
  } finally {
    scheduler.running = null;
  }
}

/** How long the next run waits after one that took `wallMs`, of which it waited `storeWaitMs` for PostgreSQL. */
export function pauseAfterRun(wallMs: number, storeWaitMs: number): number {
  return Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, wallMs - storeWaitMs));
}

/** Resolves once no evaluation is running or asked for (tests and benchmarks wait on it). */
export async function whenEvaluationsSettled(): Promise<void> {
  while (scheduler.running) await scheduler.running;
}
