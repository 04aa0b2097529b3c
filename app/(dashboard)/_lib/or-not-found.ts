import { notFound } from "next/navigation";
import { AppError } from "@/server/errors";

/** Maps the data layer's NOT_FOUND to Next's 404 page; other errors go to error.tsx. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A path segment as the id it names; a malformed escape is left as it is (and then finds nothing: 404). */
export function decodeParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
