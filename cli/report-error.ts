import { AppError } from "@/server/errors";

/** Prints an error the way a pipeline's log should show it; returns exit code 2 (invalid input) or 1. */
export function reportCliError(error: unknown): number {
  if (error instanceof AppError) {
    console.error(`zoneline: ${error.message}`);
    for (const detail of error.details) console.error(`  ${detail}`);
    return error.code === "INVALID_REQUEST" ? 2 : 1;
  }
  console.error(`zoneline: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}
