// Work that no request waits for (warming a cache after answering) must never
// take the process down: a throw inside setImmediate is an uncaught exception
// and a rejected promise nobody awaits is an unhandled rejection, and either
// ends a plain Node process. `next start` happens to log both, but the CLI,
// tests and any worker process do not; this helper does not rely on the host.

/**
 * Runs `work` after the current request has been answered; a failure is logged
 * with `label` and goes no further. The returned promise settles when the work
 * is done and never rejects, so a caller may ignore it.
 */
export function runInBackground(label: string, work: () => unknown): Promise<void> {
  return new Promise<void>((resolve) => {
    setImmediate(() => {
      Promise.resolve()
        .then(work)
        .catch((error: unknown) => console.error(`[zoneline] background work "${label}" failed:`, error))
        .finally(resolve);
    });
  });
}
