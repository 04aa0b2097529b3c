import { AppError } from "@/server/errors";

/** Maps the data layer's typed errors to HTTP (Documenso's habit); anything else is a 500. */
export async function respond(run: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await run(), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.code, message: error.message }, { status: error.status });
    console.error(error);
    return Response.json({ error: "INTERNAL", message: error instanceof Error ? error.message : String(error) }, { status: 500 });
  }
}
