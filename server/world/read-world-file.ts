import fs from "node:fs";
import { formatWorldError, parseWorldJson, type ParseContext } from "@/lib/world";
import type { World } from "@/lib/world/schema";
import { AppError } from "../errors";

/**
 * Reads and validates a world file; every error is reported at once, nothing is written.
 * With a context (what the database holds), a partial world may refer to existing entities.
 */
export function readWorldFile(file: string, context: ParseContext = {}): World {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new AppError("INVALID_REQUEST", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const result = parseWorldJson(text, context);
  if (!result.ok) {
    const details = result.errors.map(formatWorldError);
    throw new AppError("INVALID_REQUEST", `${file} is not a valid world file (${details.length} error${details.length === 1 ? "" : "s"})`, details);
  }
  return result.world;
}
