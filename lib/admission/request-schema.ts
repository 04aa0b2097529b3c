// The admission API's request (POST /api/v1/admission), shared by the route and
// `zoneline admit --server`: job and inputs as asset ids, or as the
// (namespace, name) a pipeline knows from OpenLineage.
import { z } from "zod";
import { normalizeTimestamp } from "../world/schema.ts";

export const AssetReference = z.union([
  z.string().min(1, "expected an asset id or {namespace, name}"),
  z.strictObject({ namespace: z.string().min(1, "required"), name: z.string().min(1, "required") }),
]);
export type AssetReference = z.infer<typeof AssetReference>;

export const AdmissionRequestBody = z.strictObject({
  job: AssetReference,
  purpose: z.string().min(1, "required"),
  inputs: z.array(AssetReference).min(1, "at least one input is required").max(10_000, "at most 10,000 inputs"),
  zone: z.string().min(1).nullable().optional(),
  // the same reading of timestamps as the world file and `zoneline admit --at` (no offset: UTC)
  at: z
    .string()
    .refine((text) => normalizeTimestamp(text) !== null, "not an ISO-8601 date-time")
    .transform((text) => new Date(normalizeTimestamp(text)!))
    .optional(),
});
export type AdmissionRequestBody = z.infer<typeof AdmissionRequestBody>;

export function describeReference(reference: AssetReference): string {
  return typeof reference === "string" ? JSON.stringify(reference) : `{namespace: ${JSON.stringify(reference.namespace)}, name: ${JSON.stringify(reference.name)}}`;
}

/** One message per problem, named by its JSON path: `inputs[2].name: required`. */
export function formatIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), "");
    return `${path || "body"}: ${issue.message}`;
  });
}
