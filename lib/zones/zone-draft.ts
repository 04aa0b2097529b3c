// A zone as a reviewer edits it (DESIGN.md "Model": name, description, colour,
// owner, mode, rules, purposes), and the record-of-processing metadata the
// engine ignores (data subjects, retention). One schema for the form and the server; the
// server also checks every key against the world's taxonomy (fideslang plus
// the organisation's own keys), naming the field: `rules[2].category: unknown
// category "user.foo"`.
import { z } from "zod";
import { dataSubject, type Taxonomy } from "../taxonomy/index.ts";
import { QUALIFIERS, ZONE_MODES, type Zone } from "../world/schema.ts";

export const MAX_ZONE_RULES = 200;
export const MAX_ZONE_PURPOSES = 100;
export const MAX_ZONE_DATA_SUBJECTS = 50;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .transform((text) => text || null)
    .nullable()
    .default(null);

export const ZoneDraftRule = z.object({
  category: z.string().trim().min(1, "choose a category"),
  minQualifier: z.enum(QUALIFIERS, { error: `one of ${QUALIFIERS.join(", ")}` }).default("identified"),
  requireConsent: z.boolean().default(false),
});

export const ZoneDraft = z.object({
  /** the zone being edited; absent when creating (the id then comes from the name) */
  id: z.string().min(1).nullable().default(null),
  name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  description: optionalText(2000),
  color: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, 'a colour "#rrggbb"'),
  owner: optionalText(200),
  mode: z.enum(ZONE_MODES, { error: `one of ${ZONE_MODES.join(", ")}` }).default("enforcing"),
  rules: z.array(ZoneDraftRule).max(MAX_ZONE_RULES, `at most ${MAX_ZONE_RULES} rules`),
  purposes: z.array(z.string().trim().min(1, "choose a purpose")).max(MAX_ZONE_PURPOSES, `at most ${MAX_ZONE_PURPOSES} purposes`),
  /** fideslang data subject keys, in the reviewer's order */
  dataSubjects: z.array(z.string().trim().min(1, "choose a data subject")).max(MAX_ZONE_DATA_SUBJECTS, `at most ${MAX_ZONE_DATA_SUBJECTS} data subjects`).default([]),
  /** free text, as a record of processing states it: "13 months after account closure" */
  retention: optionalText(1000),
});
export type ZoneDraft = z.infer<typeof ZoneDraft>;
export type ZoneDraftInput = z.input<typeof ZoneDraft>;

/** `rules[2].category` from zod's ["rules", 2, "category"]. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, segment) => (typeof segment === "number" ? `${out}[${segment}]` : out ? `${out}.${String(segment)}` : String(segment)), "") || "zone";
}

export type ZoneDraftCheck = { ok: true; draft: ZoneDraft } | { ok: false; errors: string[] };

/** Shape first, then every category and purpose against the taxonomy; all errors at once, each naming its field. */
export function checkZoneDraft(input: unknown, taxonomy: Taxonomy): ZoneDraftCheck {
  const parsed = ZoneDraft.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`) };
  const draft = parsed.data;
  const errors: string[] = [];
  draft.rules.forEach((rule, i) => {
    if (!taxonomy.hasCategory(rule.category)) errors.push(`rules[${i}].category: unknown category "${rule.category}"`);
  });
  const seen = new Map<string, number>();
  draft.purposes.forEach((purpose, i) => {
    if (!taxonomy.hasPurpose(purpose)) errors.push(`purposes[${i}]: unknown purpose "${purpose}"`);
    else if (seen.has(purpose)) errors.push(`purposes[${i}]: "${purpose}" is already purposes[${seen.get(purpose)}]`);
    else seen.set(purpose, i);
  });
  const subjects = new Map<string, number>();
  draft.dataSubjects.forEach((subject, i) => {
    if (!dataSubject(subject)) errors.push(`dataSubjects[${i}]: unknown data subject "${subject}"`);
    else if (subjects.has(subject)) errors.push(`dataSubjects[${i}]: "${subject}" is already dataSubjects[${subjects.get(subject)}]`);
    else subjects.set(subject, i);
  });
  return errors.length ? { ok: false, errors } : { ok: true, draft };
}

/** A new zone's id: its name in lower case, runs of anything but letters and digits as one "_" (as `ai_training`). */
export function zoneIdFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 48)
    .replace(/_+$/, "");
}

/** The draft as the engine's and the world file's zone. */
export function zoneFromDraft(id: string, draft: ZoneDraft): Zone {
  return {
    id,
    name: draft.name,
    description: draft.description,
    color: draft.color.toLowerCase(),
    owner: draft.owner,
    mode: draft.mode,
    allow: draft.rules.map((rule) => ({ category: rule.category, minQualifier: rule.minQualifier, requireConsent: rule.requireConsent })),
    purposes: draft.purposes,
    dataSubjects: draft.dataSubjects,
    retention: draft.retention,
  };
}
