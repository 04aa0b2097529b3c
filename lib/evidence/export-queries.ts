// The query strings of the record-of-processing and erasure-impact exports,
// shared by their route handlers and pages. A bad parameter is a 400 naming it.
import { z } from "zod";

export const ROPA_FORMATS = ["csv", "xlsx", "pdf"] as const;
export const ERASURE_FORMATS = ["csv", "json", "pdf"] as const;

/** `?format=csv|xlsx|pdf&zones=a,b&from=…&to=…`; the scope fields are read by readEvidenceScope. */
export const RopaExportQuery = z.object({
  format: z.enum(ROPA_FORMATS, { error: `one of ${ROPA_FORMATS.join(", ")}` }).default("csv"),
  zones: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

export const ErasureQuery = z.object({
  asset: z.string({ error: "required: the id of the source asset" }).trim().min(1, "required: the id of the source asset").max(1000, "at most 1000 characters"),
  format: z.enum(ERASURE_FORMATS, { error: `one of ${ERASURE_FORMATS.join(", ")}` }).default("csv"),
});

/** A download's Content-Disposition: the name as ASCII, and in full per RFC 6266. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
