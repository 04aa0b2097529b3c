// Starts a TypeScript worker entry from source (render-off-thread.ts, outside
// the Next bundle): a worker thread does not inherit the parent's tsx or Vite
// loader, so it registers tsx itself, as bin/zoneline.mjs does for the CLI.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
