// Label suggestions (PAI's "Understand": data is tagged where it enters). A
// dictionary of column-name patterns (./column-patterns.json, data a reviewer
// can read and extend) proposes data categories per column; a column-lineage
// facet carries a proposal from an input column to the output column derived
// from it. Pure: the data layer hands in what it knows, and stores what comes
// back as pending suggestions that only a person turns into labels.
import { z } from "zod";
import { covers } from "../taxonomy/keys.ts";
import patternsFile from "./column-patterns.json" with { type: "json" };
import type { DatasetColumns } from "./dataset-columns.ts";

export const QUALIFIERS = ["identified", "pseudonymized", "aggregated"] as const;
export type SuggestedQualifier = (typeof QUALIFIERS)[number];

export const ColumnPatternEntry = z
  .object({
    /** written like a column name (snake_case, camelCase, dotted): it is split into words the same way */
    pattern: z.string().min(1),
    category: z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, "must be a dotted category key"),
    qualifier: z.enum(QUALIFIERS).default("identified"),
    /** anywhere: the pattern's words appear in a row among the column's; whole: they are all the column's words */
    match: z.enum(["anywhere", "whole"]).default("anywhere"),
    rationale: z.string().min(1),
  })
  .strict();
export type ColumnPatternEntry = z.output<typeof ColumnPatternEntry>;

export const ColumnPatternFile = z.object({ $comment: z.array(z.string()).optional(), patterns: z.array(ColumnPatternEntry).min(1) }).strict();

export interface CompiledPattern extends ColumnPatternEntry {
  words: string[];
}

/**
 * A column name as lowercase words: split on anything that is not a letter or
 * digit (`_`, `-`, `.`, spaces), on camelCase (`emailAddress`, `IPAddress`) and
 * where letters meet digits (`address1`, `ipv4` → `ipv`, `4`).
 */
export function columnWords(name: string): string[] {
  return name
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .replace(/(\p{L})(\p{N})/gu, "$1 $2")
    .replace(/(\p{N})(\p{L})/gu, "$1 $2")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function compilePatterns(entries: unknown): CompiledPattern[] {
  return ColumnPatternFile.parse(entries).patterns.map((entry) => ({ ...entry, words: columnWords(entry.pattern) }));
}

/** The shipped dictionary. */
export const COLUMN_PATTERNS: readonly CompiledPattern[] = compilePatterns(patternsFile);

export interface ColumnMatch {
  category: string;
  qualifier: SuggestedQualifier;
  /** the dictionary pattern that matched, as written there */
  pattern: string;
}

/** Patterns by their first word, so a column looks only at the patterns that can start at each of its words. */
const byFirstWord = new WeakMap<readonly CompiledPattern[], Map<string, CompiledPattern[]>>();
function indexOf(patterns: readonly CompiledPattern[]): Map<string, CompiledPattern[]> {
  let index = byFirstWord.get(patterns);
  if (!index) {
    index = new Map();
    for (const entry of patterns) {
      if (entry.words.length === 0) continue;
      const list = index.get(entry.words[0]);
      if (list) list.push(entry);
      else index.set(entry.words[0], [entry]);
    }
    byFirstWord.set(patterns, index);
  }
  return index;
}

// Ingestion sees the same column names over and over (every event of a job repeats its schema): remember the answers.
const CACHE_LIMIT = 50_000;
const cache = new Map<string, readonly ColumnMatch[]>();

/**
 * The categories a column name suggests. Rules (column-patterns.json's header):
 * whole words only (`emailed_count` is not an email); a match that lies inside a
 * longer match is dropped (`ip_address` is an IP address, not a postal address);
 * of two suggested categories where one covers the other, the narrower one stays
 * (`street_address` is a street). Sorted by category. The answer is shared: do not modify it.
 */
export function matchColumn(name: string, patterns: readonly CompiledPattern[] = COLUMN_PATTERNS): readonly ColumnMatch[] {
  const cacheable = patterns === COLUMN_PATTERNS;
  if (cacheable) {
    const hit = cache.get(name);
    if (hit) return hit;
  }
  const words = columnWords(name);
  const index = indexOf(patterns);
  const found: { start: number; end: number; entry: CompiledPattern }[] = [];
  for (let start = 0; start < words.length; start++) {
    for (const entry of index.get(words[start]) ?? []) {
      const n = entry.words.length;
      if (entry.match === "whole" ? start !== 0 || words.length !== n : start + n > words.length) continue;
      let matches = true;
      for (let i = 1; i < n && matches; i++) matches = words[start + i] === entry.words[i];
      if (matches) found.push({ start, end: start + n, entry });
    }
  }
  const inside = (a: { start: number; end: number }, b: { start: number; end: number }) => b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start;
  const byCategory = new Map<string, ColumnMatch>();
  for (const f of found) {
    if (found.some((g) => inside(f, g))) continue;
    if (!byCategory.has(f.entry.category)) byCategory.set(f.entry.category, { category: f.entry.category, qualifier: f.entry.qualifier, pattern: f.entry.pattern });
  }
  const categories = [...byCategory.keys()];
  const result = categories
    .filter((c) => !categories.some((other) => other !== c && covers(c, other)))
    .sort()
    .map((c) => byCategory.get(c)!);
  if (cacheable) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(name, result);
  }
  return result;
}

export type SuggestionEvidence =
  | { kind: "pattern"; pattern: string }
  /** derived (column lineage) from a column with a suggestion; `pattern` is the one that started the chain */
  | { kind: "lineage"; pattern: string; sourceAssetId: string; sourceColumn: string };

export interface SuggestionDraft {
  assetId: string;
  column: string;
  category: string;
  qualifier: SuggestedQualifier;
  evidence: SuggestionEvidence;
}

/** A suggestion already stored, as the data layer reads it. */
export interface KnownSuggestion {
  assetId: string;
  column: string;
  category: string;
  qualifier: SuggestedQualifier;
  pattern: string;
  status: "pending" | "accepted" | "dismissed";
}

export const suggestionKey = (s: { assetId: string; column: string; category: string }) => `${s.assetId}\u0000${s.column}\u0000${s.category}`;
const columnKey = (assetId: string, column: string) => `${assetId}\u0000${column}`;

/** Every (asset, column) these datasets mention: their columns, their lineage outputs and the lineage inputs. */
export function mentionedColumns(datasets: readonly DatasetColumns[]): { assetId: string; column: string }[] {
  const seen = new Map<string, { assetId: string; column: string }>();
  const add = (assetId: string, column: string) => seen.set(columnKey(assetId, column), { assetId, column });
  for (const d of datasets) {
    for (const c of d.columns) add(d.assetId, c.name);
    for (const l of d.columnLineage) {
      add(d.assetId, l.column);
      for (const input of l.inputs) add(input.assetId, input.column);
    }
  }
  return [...seen.values()];
}

/**
 * The suggestions these datasets add to what is `known` (stored, any status):
 * a pattern suggestion for every column (schema fields and column-lineage
 * outputs) whose name matches the dictionary, then, to a fixpoint, a lineage
 * suggestion on every output column derived from an input column that has a
 * pending or accepted suggestion (stored, or made here). Dismissed suggestions
 * are neither carried nor made again; nothing known is returned again.
 * A column gets a category once: by its own name when it matches, else through
 * the first lineage input that carries it.
 */
export function suggestLabels(
  datasets: readonly DatasetColumns[],
  known: readonly KnownSuggestion[],
  patterns: readonly CompiledPattern[] = COLUMN_PATTERNS,
): SuggestionDraft[] {
  const knownKeys = new Set(known.map(suggestionKey));
  const drafts = new Map<string, SuggestionDraft>();
  // what each column carries forward: (category, qualifier, root pattern)
  const carried = new Map<string, Map<string, { qualifier: SuggestedQualifier; pattern: string }>>();
  const carry = (assetId: string, column: string, category: string, qualifier: SuggestedQualifier, pattern: string): boolean => {
    const key = columnKey(assetId, column);
    let categories = carried.get(key);
    if (!categories) carried.set(key, (categories = new Map()));
    if (categories.has(category)) return false;
    categories.set(category, { qualifier, pattern });
    return true;
  };
  for (const k of known) if (k.status !== "dismissed") carry(k.assetId, k.column, k.category, k.qualifier, k.pattern);

  const propose = (draft: SuggestionDraft) => {
    const key = suggestionKey(draft);
    if (knownKeys.has(key) || drafts.has(key)) return false;
    drafts.set(key, draft);
    return carry(draft.assetId, draft.column, draft.category, draft.qualifier, draft.evidence.pattern);
  };

  for (const d of datasets) {
    const names = new Set([...d.columns.map((c) => c.name), ...d.columnLineage.map((l) => l.column)]);
    for (const column of names) {
      for (const m of matchColumn(column, patterns)) {
        propose({ assetId: d.assetId, column, category: m.category, qualifier: m.qualifier, evidence: { kind: "pattern", pattern: m.pattern } });
      }
    }
  }

  // Lineage within one batch may chain (A.x → B.y → C.z): repeat until nothing new is carried.
  const lineage = datasets.flatMap((d) => d.columnLineage.map((l) => ({ assetId: d.assetId, column: l.column, inputs: l.inputs })));
  for (let changed = true; changed; ) {
    changed = false;
    for (const out of lineage) {
      for (const input of out.inputs) {
        const from = carried.get(columnKey(input.assetId, input.column));
        if (!from) continue;
        for (const [category, { qualifier, pattern }] of [...from]) {
          if (input.assetId === out.assetId && input.column === out.column) continue;
          const evidence: SuggestionEvidence = { kind: "lineage", pattern, sourceAssetId: input.assetId, sourceColumn: input.column };
          if (propose({ assetId: out.assetId, column: out.column, category, qualifier, evidence })) changed = true;
        }
      }
    }
  }
  return [...drafts.values()];
}
