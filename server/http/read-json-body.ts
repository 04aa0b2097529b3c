// A JSON request body, read with a size limit: a body over the limit is a 413
// before it is all in memory (the declared length is checked first, and the
// stream is cut off at the limit when no length is declared or it lies);
// a body that is not JSON is a 400 with the parser's message.
import { AppError } from "../errors";

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new AppError("TOO_LARGE", `the request body is over the limit of ${maxBytes} bytes`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  if (text.trim() === "") throw new AppError("INVALID_REQUEST", "the request body is empty: send a JSON object");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("INVALID_REQUEST", `the request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
