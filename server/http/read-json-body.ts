// Request bodies of /api/v1 routes: read with a size limit (413 beyond it,
// without buffering more than the limit), then parsed (400 for malformed
// JSON, with where it broke). What the JSON means is each route's zod schema.
import { AppError } from "../errors";

export const MiB = 1024 * 1024;

export async function readJsonBody(request: Request, limitBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  const text = await readTextWithin(request, limitBytes);
  if (!text.trim()) throw new AppError("INVALID_REQUEST", "body: expected a JSON document, got an empty body");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("INVALID_REQUEST", `body: malformed JSON (${(error as Error).message})`);
  }
}

function tooLarge(limitBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `body: larger than the limit of ${limitBytes >= MiB ? `${limitBytes / MiB} MiB` : `${limitBytes} bytes`}`);
}

async function readTextWithin(request: Request, limitBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // a missing or lying content-length must not let a client fill the memory
    if (size > limitBytes) {
      await reader.cancel();
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
