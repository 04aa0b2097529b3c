// DESIGN.md 7: a violation that appears raises an alert. Called inside the evaluation's store
// transaction (run-evaluation.ts), right after it opened violations: one outbox row per
// (violation episode, webhook of the violation's zone). The unique pair makes a re-run or a
// concurrent run in another process unable to create a second delivery for the same episode;
// a violation that resolves and later opens again is a new episode (a new row) and alerts again.
import crypto from "node:crypto";
import { violationOpenedPayload, type OpenedViolation } from "@/lib/alerts/alert-payload";
import type { RunSql } from "../db/run-sql";

type Candidate = OpenedViolation & { webhookId: string };

export async function createAlertDeliveries(sql: RunSql, run: { id: number; at: Date; worldVersion: number }): Promise<number> {
  const candidates = await sql<Candidate>(
    `SELECT v."id", v."kind"::text AS "kind", v."subject", v."assetId", v."edgeFromId", v."edgeToId", v."zoneId",
           v."categories", v."explanation", v."path", w."id" AS "webhookId"
      FROM "Webhook" w
      JOIN "Violation" v ON v."zoneId" = w."zoneId" AND v."resolvedRunId" IS NULL AND v."openedRunId" = $1
     ORDER BY v."id", w."id"`,
    [run.id],
  );
  if (!candidates.length) return 0;
  const createdAt = new Date();
  const baseUrl = process.env.ZONELINE_URL ?? null;
  const rows = candidates.map(({ webhookId, ...violation }) => {
    const id = crypto.randomUUID();
    return { id, violationId: violation.id, webhookId, body: JSON.stringify(violationOpenedPayload({ deliveryId: id, createdAt, violation, run, baseUrl })) };
  });
  let created = 0;
  for (let i = 0; i < rows.length; i += 2_000) {
    const inserted = await sql(
      `INSERT INTO "AlertDelivery" ("id", "violationId", "webhookId", "body", "createdAt")
       SELECT r."id", r."violationId", r."webhookId", r."body", $1
         FROM jsonb_to_recordset($2::jsonb) AS r("id" text, "violationId" int, "webhookId" text, "body" text)
       ON CONFLICT ("violationId", "webhookId") DO NOTHING RETURNING "id"`,
      [createdAt, JSON.stringify(rows.slice(i, i + 2_000))],
    );
    created += inserted.length;
  }
  return created;
}
