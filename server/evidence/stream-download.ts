// A file download streamed from a Node stream, hashed (sha256) and counted as
// it goes. `onComplete` runs after the last byte has been read by the client's
// connection and before the response ends, so an export is recorded only when
// it was delivered whole; an aborted download destroys the source and records
// nothing (a ZIP cut short has no central directory: nothing usable left).
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";

export function streamDownload(
  source: Readable,
  { filename, contentType, onComplete }: { filename: string; contentType: string; onComplete: (file: { sha256: string; bytes: number }) => Promise<void> },
): Response {
  const hash = createHash("sha256");
  let bytes = 0;
  const chunks = source[Symbol.asyncIterator]();
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) {
          await onComplete({ sha256: hash.digest("hex"), bytes });
          controller.close();
          return;
        }
        const chunk = value as Buffer;
        hash.update(chunk);
        bytes += chunk.length;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      } catch (error) {
        if (cancelled) return; // the reader went away: the source was destroyed on purpose
        console.error(`[zoneline] the download ${filename} failed while streaming`, error);
        controller.error(error);
      }
    },
    async cancel() {
      cancelled = true;
      source.destroy();
      await chunks.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
    },
  });
}
