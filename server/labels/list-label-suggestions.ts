// The reviewer's list of label suggestions: filtered by status, asset
// namespace and category (a category filter keeps the keys it covers), paged
// in SQL, with the counts per status for the same filters.
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { LabelSuggestionView, SuggestionStatus } from "@/lib/labels/suggestion-view";
import { Taxonomy } from "@/lib/taxonomy";
import { prisma } from "../db";
import { clampPage, literal, pageOf } from "../paging";
import { MAX_SUGGESTIONS_PER_DECISION } from "./decide-label-suggestions";

/** A page holds what "select all" may send in one decision. */
export const SUGGESTION_PAGE_SIZE = Math.min(100, MAX_SUGGESTIONS_PER_DECISION);

export const SUGGESTION_STATUSES = ["pending", "accepted", "dismissed"] as const satisfies readonly SuggestionStatus[];

/** The list's filters as they come from the URL; a malformed value is ignored rather than failing the page. */
export const LabelSuggestionFilter = z.object({
  status: z.enum(SUGGESTION_STATUSES).catch("pending").default("pending"),
  namespace: z.string().min(1).max(500).optional().catch(undefined),
  category: z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type LabelSuggestionFilter = z.input<typeof LabelSuggestionFilter>;

let taxonomy: Taxonomy | undefined;
/** A category's display name: the dictionary suggests only fideslang keys. */
export function categoryName(key: string): string | null {
  taxonomy ??= Taxonomy.default();
  return taxonomy.categories.get(key)?.name ?? null;
}

type Row = Prisma.LabelSuggestionGetPayload<{ include: { asset: { select: { id: true; namespace: true; name: true } } } }>;

export function suggestionView(row: Row): LabelSuggestionView {
  return {
    id: row.id,
    asset: row.asset,
    column: row.column,
    category: row.categoryKey,
    categoryName: categoryName(row.categoryKey),
    qualifier: row.qualifier,
    evidence: row.evidence === "lineage" ? { kind: "lineage", pattern: row.pattern, sourceAssetId: row.sourceAssetId, sourceColumn: row.sourceColumn } : { kind: "pattern", pattern: row.pattern },
    status: row.status,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const assetSelect = { select: { id: true, namespace: true, name: true } } as const;

export async function listLabelSuggestions(input: LabelSuggestionFilter) {
  const filter = LabelSuggestionFilter.parse(input);
  const scope: Prisma.LabelSuggestionWhereInput = {
    ...(filter.namespace ? { asset: { namespace: filter.namespace } } : {}),
    // "covers": the key itself or any key under it
    ...(filter.category ? { OR: [{ categoryKey: filter.category }, { categoryKey: { startsWith: `${literal(filter.category)}.` } }] } : {}),
  };
  const where: Prisma.LabelSuggestionWhereInput = { ...scope, status: filter.status };
  const [byStatus, namespaces, categories] = await Promise.all([
    prisma().labelSuggestion.groupBy({ by: ["status"], where: scope, _count: { _all: true } }),
    prisma().$queryRaw<{ namespace: string }[]>`SELECT DISTINCT a."namespace" FROM "LabelSuggestion" s JOIN "Asset" a ON a."id" = s."assetId" ORDER BY 1`,
    prisma().labelSuggestion.findMany({ distinct: ["categoryKey"], select: { categoryKey: true }, orderBy: { categoryKey: "asc" } }),
  ]);
  const counts = Object.fromEntries(SUGGESTION_STATUSES.map((s) => [s, byStatus.find((b) => b.status === s)?._count._all ?? 0])) as Record<SuggestionStatus, number>;
  const total = counts[filter.status];
  const page = clampPage(filter.page, total, SUGGESTION_PAGE_SIZE);
  const rows = await prisma().labelSuggestion.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { assetId: "asc" }, { column: "asc" }, { categoryKey: "asc" }],
    skip: (page - 1) * SUGGESTION_PAGE_SIZE,
    take: SUGGESTION_PAGE_SIZE,
    include: { asset: assetSelect },
  });
  return {
    ...pageOf(rows.map(suggestionView), total, page, SUGGESTION_PAGE_SIZE),
    filter,
    counts,
    namespaces: namespaces.map((n) => n.namespace),
    categories: categories.map((c) => ({ key: c.categoryKey, name: categoryName(c.categoryKey) })),
  };
}

/** An asset's suggestions for its page: pending first, then decided, each by column. */
export async function listAssetLabelSuggestions(assetId: string): Promise<LabelSuggestionView[]> {
  const rows = await prisma().labelSuggestion.findMany({
    where: { assetId },
    orderBy: [{ status: "asc" }, { column: "asc" }, { categoryKey: "asc" }],
    include: { asset: assetSelect },
  });
  return rows.map(suggestionView);
}
