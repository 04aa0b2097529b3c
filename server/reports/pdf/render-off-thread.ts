// Renders a PDF in a worker thread of its own (node:worker_threads), so the
// server keeps answering requests while react-pdf lays out pages (tens of
// seconds for the largest audit reports), and the layout's garbage is
// collected in a small heap of its own instead of alongside the app's ≈1 GB
// world state. One worker per render: renders are rare, and a fresh isolate
// gives back all of its memory when it ends.
//
// How the worker's code is found:
// - in the Next server (`next start`, `next dev`), Turbopack bundles the entry
//   it sees in `new Worker(new URL("./render-worker.ts", import.meta.url))`
//   into a chunk of its own (Next 16.2+; NEXT_RUNTIME is set there);
// - everywhere else (the CLI, Vitest, benchmarks: TypeScript run from source
//   under tsx or Vite), a worker thread does not inherit the parent's loader,
//   so source-worker.mjs registers tsx in the worker first, as bin/zoneline.mjs
//   does for the CLI, and then imports the same entry from source.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RenderJob } from "./render-jobs";
import type { RenderedFile } from "./render-pdf";

export type { RenderJob };

/** What the worker posts back: the file, or the message of what failed. */
export type RenderReply = { ok: true; bytes: Uint8Array; sha256: string } | { ok: false; message: string; stack?: string };

function startRenderWorker(job: RenderJob): Worker {
  if (process.env.NEXT_RUNTIME) return new Worker(new URL("./render-worker.ts", import.meta.url), { workerData: { job } });
  const here = path.dirname(fileURLToPath(import.meta.url));
  return new Worker(path.join(here, "source-worker.mjs"), { workerData: { entry: new URL("./render-worker.ts", import.meta.url).href, job } });
}

export function renderOffThread(job: RenderJob): Promise<RenderedFile> {
  return new Promise<RenderedFile>((resolve, reject) => {
    let settled = false;
    const worker = startRenderWorker(job);
    worker.once("message", (reply: RenderReply) => {
      settled = true;
      if (reply.ok) resolve({ bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength), sha256: reply.sha256 });
      else reject(Object.assign(new Error(`rendering the PDF failed: ${reply.message}`), { stack: reply.stack }));
      void worker.terminate();
    });
    worker.once("error", (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`the PDF worker stopped (exit code ${code}) before it answered`));
    });
  });
}
