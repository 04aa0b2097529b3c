// Runs once when a Next.js server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startWorldListener } = await import("./server/world/world-listener");
  startWorldListener();
  // webhook deliveries for new violations (README "Alerts"): every server process works the queue
  const { startAlertWorkerInBackground } = await import("./server/alerts/alert-queue");
  startAlertWorkerInBackground();
}
