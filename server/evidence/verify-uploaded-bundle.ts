// An uploaded evidence bundle, checked as `zoneline verify-evidence` checks a
// file: the body is streamed to a temporary file (at most MAX_BUNDLE_BYTES,
// 413 beyond), verified, and removed. "Against the live log" adds the prefix
// check with this database's audit log.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { verifyEvidenceBundle, type BundleVerification } from "@/lib/evidence/verify-evidence-bundle";
import { AppError } from "../errors";
import { liveAuditLog } from "./live-audit-log";

export const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;

export async function verifyUploadedBundle({ body, declaredBytes, againstLive }: { body: ReadableStream<Uint8Array> | null; declaredBytes: number | null; againstLive: boolean }): Promise<BundleVerification> {
  const limit = `${MAX_BUNDLE_BYTES / 1024 / 1024} MiB`;
  if (declaredBytes !== null && declaredBytes > MAX_BUNDLE_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `body: the bundle is larger than the limit of ${limit}`);
  if (!body) throw new AppError("INVALID_REQUEST", "body: send the bundle (a .zip file) as the request body");
  const file = path.join(os.tmpdir(), `zoneline-bundle-${randomUUID()}.zip`);
  const out = fs.createWriteStream(file, { mode: 0o600 });
  try {
    let size = 0;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BUNDLE_BYTES) {
        await reader.cancel();
        throw new AppError("PAYLOAD_TOO_LARGE", `body: the bundle is larger than the limit of ${limit}`);
      }
      if (!out.write(value)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (size === 0) throw new AppError("INVALID_REQUEST", "body: send the bundle (a .zip file) as the request body; it was empty");
    return await verifyEvidenceBundle({ path: file }, againstLive ? { against: { log: liveAuditLog() } } : {});
  } finally {
    out.destroy();
    await fs.promises.rm(file, { force: true });
  }
}
