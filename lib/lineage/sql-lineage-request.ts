// The body of POST /api/v1/lineage/sql: one schema for the route and the CLI's flags.
import { z } from "zod";
import { SQL_DIALECT_NAMES } from "./sql-lineage.ts";

/** Longest SQL text accepted (characters): a generous script, well under what one parse costs in a request. */
export const MAX_SQL_LENGTH = 1_000_000;
/** Longest request body (bytes): the SQL plus the other fields, even if every character takes four bytes of UTF-8. */
export const MAX_SQL_BODY_BYTES = 4 * MAX_SQL_LENGTH + 64 * 1024;

// OpenLineage refuses control characters in names (DESIGN.md); SQL lineage names the same assets
const CONTROL = /[\u0000-\u001f\u007f]/;
const assetName = (what: string) =>
  z
    .string()
    .min(1, "must not be empty")
    .max(1_000, "at most 1000 characters")
    .refine((text) => !CONTROL.test(text), { message: `${what} must not contain control characters` });

export const SqlLineageRequest = z.strictObject({
  sql: z
    .string()
    .max(MAX_SQL_LENGTH, `at most ${MAX_SQL_LENGTH} characters`)
    .refine((text) => text.trim() !== "", { message: "must not be empty" }),
  dialect: z.enum(SQL_DIALECT_NAMES, { error: (issue) => issue.input === undefined ? "required" : `unknown dialect ${JSON.stringify(issue.input)} (expected one of ${SQL_DIALECT_NAMES.join(", ")})` }),
  namespace: assetName("a namespace"),
  job: assetName("a job name").nullable().default(null),
  dryRun: z.boolean().default(false),
});

export type SqlLineageRequest = z.infer<typeof SqlLineageRequest>;

/** Each problem as `field: message`, the way DESIGN.md wants errors at the edge. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
}
