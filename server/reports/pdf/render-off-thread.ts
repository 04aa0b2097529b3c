// Renders a PDF in a worker thread of its own (node:worker_threads), so the
// server keeps answering requests while react-pdf lays out pages (tens of
// seconds for the largest audit reports), and the layout's garbage is
// collected in a small heap of its own instead of alongside the app's ≈1 GB
// world state. One worker per render: renders are rare, and a fresh isolate
// gives back all of its memory when it ends. A worker can be started before
// its job is ready (startPdfRenderer), so that loading the PDF library in it
// overlaps the caller's own reading of the database.
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

export interface PdfRenderer {
  /** Renders one job (a renderer takes one) and ends the worker. */
  render(job: RenderJob): Promise<RenderedFile>;
  /** Ends the worker without a job (the caller failed before it had one). */
  close(): void;
}

function startRenderWorker(): Worker {
  if (process.env.NEXT_RUNTIME) return new Worker(new URL("./render-worker.ts", import.meta.url));
  const here = path.dirname(fileURLToPath(import.meta.url));
  return new Worker(path.join(here, "source-worker.mjs"), { workerData: { entry: new URL("./render-worker.ts", import.meta.url).href } });
}

/** Starts a worker now; it loads the PDF library while the caller prepares the job. */
export function startPdfRenderer(): PdfRenderer {
  const worker = startRenderWorker();
  // an idle renderer must not keep a CLI process alive; a render in progress does (ref below)
  worker.unref();
  let failure: Error | null = null;
  let pending: { resolve: (file: RenderedFile) => void; reject: (error: Error) => void } | null = null;
  let used = false;
  const settle = (outcome: { file: RenderedFile } | { error: Error }) => {
    const waiting = pending;
    pending = null;
    void worker.terminate();
    if (!waiting) return;
    if ("file" in outcome) waiting.resolve(outcome.file);
    else waiting.reject(outcome.error);
  };
  worker.on("message", (reply: RenderReply) => {
    if (reply.ok) settle({ file: { bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength), sha256: reply.sha256 } });
    else settle({ error: Object.assign(new Error(`rendering the PDF failed: ${reply.message}`), { stack: reply.stack }) });
  });
  worker.on("error", (error) => {
    failure ??= error;
    settle({ error });
  });
  worker.on("exit", (code) => {
    failure ??= new Error(`the PDF worker stopped (exit code ${code}) before it answered`);
    settle({ error: failure });
  });
  return {
    render(job) {
      if (used) return Promise.reject(new Error("a PDF renderer renders one job"));
      used = true;
      if (failure) return Promise.reject(failure);
      return new Promise<RenderedFile>((resolve, reject) => {
        pending = { resolve, reject };
        worker.ref();
        worker.postMessage(job);
      });
    },
    close() {
      used = true;
      void worker.terminate();
    },
  };
}

export function renderOffThread(job: RenderJob): Promise<RenderedFile> {
  return startPdfRenderer().render(job);
}
