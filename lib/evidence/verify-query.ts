import { z } from "zod";

/** POST /api/v1/evidence/verify's query: `against=live` adds the prefix check with the live audit log. */
export const VerifyBundleQuery = z.object({ against: z.enum(["live"], { message: 'against: "live" or nothing' }).optional() });
