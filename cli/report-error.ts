import { AppError } from "@/server/errors";

/**
 * Prints an error the way a pipeline's log should show it; returns the exit
 * code: 2 for invalid input, 1 for a refusal the server explains (not found,
 * conflict, database unavailable), 3 for anything else: an internal failure.
 */
export function reportCliError(error: unknown): number {
  if (error instanceof AppError) {
    console.error(`zoneline: ${error.message}`);
    for (const detail of error.details) console.error(`  ${detail}`);
    return error.code === "INVALID_REQUEST" || error.code === "UNPROCESSABLE" || error.code === "PAYLOAD_TOO_LARGE" ? 2 : 1;
  }
  console.error(`zoneline: internal error: ${error instanceof Error ? error.message : String(error)}`);
  return 3;
}
