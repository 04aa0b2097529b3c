// A privacy reviewer accepts or dismisses label suggestions (issue 10 part 6:
// nothing is applied without a person). One call is one decision over a
// selection: one audit entry in the transaction that makes it. Accepting
// declares the suggested category as a label of the asset (a world write:
// described for every app process, then evaluated); dismissing only records
// that a person said no, so the suggestion is never made again.
import { z } from "zod";
import type { WorldChange } from "@/lib/engine/incremental";
import { prisma, type Tx } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { authorize, type Actor } from "../auth/actor";
import { AppError } from "../errors";
import { runEvaluation } from "../evaluations/run-evaluation";
import { runInBackground } from "../run-in-background";
import { ensureDefaultTaxonomy } from "../world/import-world";
import { assetOfRow } from "../world/load-world";
import { describeWorldChanges, lockWorldForWrite, serializeWithWorldWriters } from "../world/world-version";

/** A page of the reviewer's list, and no more: a reviewer should look at what they accept. */
export const MAX_SUGGESTIONS_PER_DECISION = 500;

export const DecideLabelSuggestionsInput = z.object({
  ids: z
    .array(z.number().int().positive("must be a suggestion id"))
    .min(1, "select at least one suggestion")
    .max(MAX_SUGGESTIONS_PER_DECISION, `at most ${MAX_SUGGESTIONS_PER_DECISION} suggestions at once`),
});

type Qualifier = "identified" | "pseudonymized" | "aggregated";
export type Decision = "accept" | "dismiss";

type SuggestionRow = {
  id: number;
  assetId: string;
  column: string;
  categoryKey: string;
  qualifier: string;
  evidence: string;
  pattern: string;
  sourceAssetId: string | null;
  sourceColumn: string | null;
  status: string;
  decidedBy: string | null;
};

export interface DecideLabelSuggestionsResult {
  decision: Decision;
  /** the suggestions this call decided */
  decided: { id: number; assetId: string; column: string; category: string }[];
  /** already decided (here or by someone else): left as they were */
  skipped: { id: number; status: string; decidedBy: string | null }[];
  /** accept: the labels declared (an accepted category the asset already declared at that qualifier adds none) */
  labelsAdded: { assetId: string; category: string; qualifier: string }[];
  decidedAt: Date;
}

/** The ids as sent (errors name their index) and without repeats (what is decided). */
function parseInput(input: unknown): { requested: number[]; ids: number[] } {
  const parsed = DecideLabelSuggestionsInput.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`.replace(/\.(\d+)(?=[.:])/g, "[$1]"));
    throw new AppError("INVALID_REQUEST", details[0], details);
  }
  return { requested: parsed.data.ids, ids: [...new Set(parsed.data.ids)] };
}

const SELECT_COLUMNS = `"id", "assetId", "column", "categoryKey", "qualifier"::text AS "qualifier", "evidence"::text AS "evidence", "pattern", "sourceAssetId", "sourceColumn", "status"::text AS "status", "decidedBy"`;

async function readSuggestions(tx: Tx, requested: number[], ids: number[]): Promise<Map<number, SuggestionRow>> {
  const rows = await tx.$queryRawUnsafe<SuggestionRow[]>(`SELECT ${SELECT_COLUMNS} FROM "LabelSuggestion" WHERE "id" = ANY($1::int[])`, ids);
  const found = new Map(rows.map((row) => [row.id, row]));
  const unknown = requested.flatMap((id, i) => (found.has(id) ? [] : [`ids[${i}]: unknown suggestion ${id}`]));
  if (unknown.length) throw new AppError("NOT_FOUND", unknown[0], unknown);
  return found;
}

/** Decided only while pending, in SQL: two reviewers deciding one suggestion at once record one decision. */
async function markDecided(tx: Tx, ids: number[], status: "accepted" | "dismissed", actor: Actor, decidedAt: Date): Promise<SuggestionRow[]> {
  return tx.$queryRawUnsafe<SuggestionRow[]>(
    `UPDATE "LabelSuggestion" SET "status" = $1::"LabelSuggestionStatus", "decidedBy" = $2, "decidedAt" = $3, "updatedAt" = $3
      WHERE "id" = ANY($4::int[]) AND "status" = 'pending' RETURNING ${SELECT_COLUMNS}`,
    status,
    actor.email,
    decidedAt,
    ids,
  );
}

async function skippedOf(tx: Tx, ids: number[], decided: SuggestionRow[]): Promise<DecideLabelSuggestionsResult["skipped"]> {
  const done = new Set(decided.map((row) => row.id));
  const rest = ids.filter((id) => !done.has(id));
  if (!rest.length) return [];
  // a new statement, after the UPDATE: it sees the decision of a reviewer who won the race
  const rows = await tx.$queryRawUnsafe<{ id: number; status: string; decidedBy: string | null }[]>(
    `SELECT "id", "status"::text AS "status", "decidedBy" FROM "LabelSuggestion" WHERE "id" = ANY($1::int[]) ORDER BY "id"`,
    rest,
  );
  return rows;
}

const subjectOf = (rows: { assetId: string }[], fallback: string) => {
  const assets = [...new Set(rows.map((r) => r.assetId))];
  return assets.length === 1 ? `asset:${assets[0]}` : `assets:${assets.length || fallback}`;
};

const evidenceOf = (row: SuggestionRow) =>
  row.evidence === "lineage" ? { kind: "lineage", pattern: row.pattern, sourceAssetId: row.sourceAssetId, sourceColumn: row.sourceColumn } : { kind: "pattern", pattern: row.pattern };

export interface AcceptOptions {
  /** the dashboard answers first and evaluates in the background; tests and scripts may wait */
  evaluate?: "background" | "wait";
}

export async function acceptLabelSuggestions(actor: Actor, input: unknown, { evaluate = "background" }: AcceptOptions = {}): Promise<DecideLabelSuggestionsResult> {
  authorize(actor, "labels.review");
  const { requested, ids } = parseInput(input);
  const decidedAt = new Date();
  const result = await prisma().$transaction(
    async (tx) => {
      const found = await readSuggestions(tx, requested, ids);
      if (![...found.values()].some((row) => row.status === "pending")) {
        // nothing left to decide: no world version, no entry
        return { decision: "accept" as const, decided: [], skipped: await skippedOf(tx, ids, []), labelsAdded: [], decidedAt };
      }
      // The world lock before the suggestion rows, the order ingestion takes them in (it inserts suggestions
      // holding the world lock): the same order, so the two cannot deadlock.
      await lockWorldForWrite(tx);
      const decided = await markDecided(tx, ids, "accepted", actor, decidedAt);
      const skipped = await skippedOf(tx, ids, decided);

      const assetIds = [...new Set(decided.map((row) => row.assetId))];
      const existing = assetIds.length
        ? await tx.assetLabel.findMany({ where: { assetId: { in: assetIds } }, select: { assetId: true, position: true, categoryKey: true, qualifier: true } })
        : [];
      const declared = new Set(existing.map((label) => `${label.assetId}\u0000${label.categoryKey}\u0000${label.qualifier}`));
      const nextPosition = new Map<string, number>();
      for (const label of existing) nextPosition.set(label.assetId, Math.max(nextPosition.get(label.assetId) ?? 0, label.position + 1));
      // a label is a whole triple (DESIGN.md): a category the asset declares at this qualifier adds nothing;
      // a new one is declared not consented, since nothing here says the person consented
      const labelsAdded: { assetId: string; position: number; categoryKey: string; qualifier: Qualifier; consented: boolean }[] = [];
      for (const row of decided) {
        const key = `${row.assetId}\u0000${row.categoryKey}\u0000${row.qualifier}`;
        if (declared.has(key)) continue;
        declared.add(key);
        const position = nextPosition.get(row.assetId) ?? 0;
        nextPosition.set(row.assetId, position + 1);
        labelsAdded.push({ assetId: row.assetId, position, categoryKey: row.categoryKey, qualifier: row.qualifier as Qualifier, consented: false });
      }

      let changes: WorldChange[] = [];
      if (labelsAdded.length) {
        // the taxonomy table is filled by the first import; ingestion (and so a suggestion) may come first.
        // fideslang's keys are the engine's own default taxonomy, so adding their rows changes nothing it evaluates.
        const categories = [...new Set(labelsAdded.map((l) => l.categoryKey))];
        const present = await tx.dataCategory.count({ where: { key: { in: categories } } });
        if (present < categories.length) await ensureDefaultTaxonomy(tx);
        await tx.assetLabel.createMany({ data: labelsAdded });
        const assets = await tx.asset.findMany({ where: { id: { in: [...new Set(labelsAdded.map((l) => l.assetId))] } }, include: { labels: { orderBy: { position: "asc" } } } });
        changes = assets.map((asset): WorldChange => ({ kind: "putAsset", asset: assetOfRow(asset, asset.labels) }));
      }
      // described even when empty (another reviewer decided them since the read): the lock noted this transaction
      // as a world version, and an undescribed one makes every reader reload
      await describeWorldChanges(tx, changes);
      if (decided.length) {
        await recordAuditEntry(tx, {
          actor: actor.email,
          action: "label.accept",
          subject: subjectOf(decided, "0"),
          at: decidedAt,
          payload: {
            suggestions: decided.map((row) => ({ id: row.id, asset: row.assetId, column: row.column, category: row.categoryKey, qualifier: row.qualifier, evidence: evidenceOf(row) })),
            labelsAdded: labelsAdded.map((l) => ({ asset: l.assetId, category: l.categoryKey, qualifier: l.qualifier, consented: l.consented })),
            skipped: skipped.map((s) => ({ id: s.id, status: s.status, decidedBy: s.decidedBy })),
          },
        });
      }
      return {
        decision: "accept" as const,
        decided: decided.map((row) => ({ id: row.id, assetId: row.assetId, column: row.column, category: row.categoryKey })),
        skipped,
        labelsAdded: labelsAdded.map((l) => ({ assetId: l.assetId, category: l.categoryKey, qualifier: l.qualifier })),
        decidedAt,
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  if (result.labelsAdded.length) {
    const evaluation = () => runEvaluation({ trigger: "label.accept", actor: actor.email });
    if (evaluate === "wait") await evaluation();
    else void runInBackground("evaluation after accepting label suggestions", evaluation);
  }
  return result;
}

export async function dismissLabelSuggestions(actor: Actor, input: unknown): Promise<DecideLabelSuggestionsResult> {
  authorize(actor, "labels.review");
  const { requested, ids } = parseInput(input);
  const decidedAt = new Date();
  return prisma().$transaction(async (tx) => {
    // Ingestion inserts suggestions holding the world lock (and maybe the audit lock): rows locked here first and
    // the audit lock waited for after could deadlock with it. Taking the world writers' lock first keeps one order.
    await serializeWithWorldWriters(tx);
    await readSuggestions(tx, requested, ids);
    const decided = await markDecided(tx, ids, "dismissed", actor, decidedAt);
    const skipped = await skippedOf(tx, ids, decided);
    if (decided.length) {
      await recordAuditEntry(tx, {
        actor: actor.email,
        action: "label.dismiss",
        subject: subjectOf(decided, "0"),
        at: decidedAt,
        payload: {
          suggestions: decided.map((row) => ({ id: row.id, asset: row.assetId, column: row.column, category: row.categoryKey, qualifier: row.qualifier, evidence: evidenceOf(row) })),
          skipped: skipped.map((s) => ({ id: s.id, status: s.status, decidedBy: s.decidedBy })),
        },
      });
    }
    return {
      decision: "dismiss" as const,
      decided: decided.map((row) => ({ id: row.id, assetId: row.assetId, column: row.column, category: row.categoryKey })),
      skipped,
      labelsAdded: [],
      decidedAt,
    };
  });
}
