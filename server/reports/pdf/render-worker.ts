// The PDF worker's entry (render-off-thread.ts starts it): loads the PDF
// library at once, waits for its one job, renders it and posts the file back,
// transferring the bytes rather than copying them.
import { parentPort } from "node:worker_threads";
import type { RenderReply } from "./render-off-thread";
import { renderJob, type RenderJob } from "./render-jobs";

parentPort!.once("message", (job: RenderJob) => {
  renderJob(job).then(
    (file) => {
      // a copy into a buffer of its own: Node may hand out a slice of a shared pool, which cannot be transferred
      const bytes = new Uint8Array(file.bytes);
      const reply: RenderReply = { ok: true, bytes, sha256: file.sha256 };
      parentPort!.postMessage(reply, [bytes.buffer]);
    },
    (error: unknown) => {
      const reply: RenderReply = { ok: false, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined };
      parentPort!.postMessage(reply);
    },
  );
});
