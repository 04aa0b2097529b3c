// Renders a react-pdf document to bytes with their sha256, the one way every
// Zoneline PDF is produced (a route, the background export runner, the CLI).
import { createHash } from "node:crypto";
import type { ReactElement } from "react";
import { renderToStream, type DocumentProps } from "@react-pdf/renderer";

export interface RenderedFile {
  bytes: Buffer;
  sha256: string;
}

export async function renderPdf(document: ReactElement<DocumentProps>): Promise<RenderedFile> {
  const stream = await renderToStream(document);
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    hash.update(buffer);
    chunks.push(buffer);
  }
  return { bytes: Buffer.concat(chunks), sha256: hash.digest("hex") };
}
