// Every route handler answers through respond(): typed errors become their
// status with their message (Documenso's habit); anything else is a 500 that
// says only that something went wrong and which request it was, while the
// server log keeps the detail under the same id (DESIGN.md, API: "A 500 never
// shows driver or stack text").
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { readQuery, type QueryParams } from "@/lib/query-params";
import { AppError } from "../errors";

export const INTERNAL_MESSAGE = "Something went wrong on our side. The server log has the details under this request id.";

// A proxy's id is reused so one request can be followed across logs; anything else gets a fresh one.
const FORWARDED_ID = /^[\w.:-]{8,128}$/;

export function requestIdOf(request?: Request): string {
  const forwarded = request?.headers.get("x-request-id");
  return forwarded && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
}

/** One line a log search finds by request id, then the error with its stack and cause. */
export function logServerError(requestId: string, where: string, error: unknown): void {
  console.error(`[zoneline] request ${requestId} ${where} failed:`, error);
}

export interface RequestContext {
  requestId: string;
}

/**
 * Runs a route's work and answers JSON. The work returns the body, or a
 * Response when it needs its own status (health's 503).
 */
export async function respond(request: Request | undefined, run: (context: RequestContext) => Promise<unknown>): Promise<Response> {
  const requestId = requestIdOf(request);
  const headers = { "cache-control": "no-store", "x-request-id": requestId };
  try {
    const result = await run({ requestId });
    if (result instanceof Response) {
      for (const [key, value] of Object.entries(headers)) if (!result.headers.has(key)) result.headers.set(key, value);
      return result;
    }
    return Response.json(result, { headers });
  } catch (error) {
    if (error instanceof AppError) {
      const body = { error: error.code, message: error.message, ...(error.details.length ? { details: error.details } : {}) };
      return Response.json(body, { status: error.status, headers });
    }
    logServerError(requestId, request ? `${request.method} ${new URL(request.url).pathname}` : "request", error);
    return Response.json({ error: "INTERNAL", message: INTERNAL_MESSAGE, requestId }, { status: 500, headers });
  }
}

/** The route's query, read with its shared schema; a bad parameter is a 400 that names it. */
export function parseQuery<T>(schema: z.ZodType<T>, params: QueryParams): T {
  const result = readQuery(schema, params);
  if (!result.ok) throw new AppError("INVALID_REQUEST", result.message);
  return result.value;
}
