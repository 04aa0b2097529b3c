// The vocabulary of Zoneline: data categories and purposes (data uses) as
// hierarchical dotted keys, and the categories of data subjects a zone's
// processing concerns (a record of processing names them, GDPR Art. 30(1)(c)).
// The default is fideslang's taxonomy (CC BY 4.0, see ./fideslang/NOTICE.md);
// organisations add their own categories and purposes under existing parents.
import categoriesFile from "./fideslang/data_categories.json" with { type: "json" };
import subjectsFile from "./fideslang/data_subjects.json" with { type: "json" };
import usesFile from "./fideslang/data_uses.json" with { type: "json" };
import { covers } from "./keys.ts";

export type TaxonomyEntry = {
  key: string;
  name: string;
  description: string | null;
  parent: string | null;
};

export type CustomTaxonomyEntry = { key: string; name: string; description?: string | null };

type FideslangEntry = { fides_key: string; name: string; description?: string | null; parent_key: string | null };

function fromFideslang(entries: FideslangEntry[]): TaxonomyEntry[] {
  return entries.map((entry) => ({
    key: entry.fides_key,
    name: entry.name,
    description: entry.description ?? null,
    parent: entry.parent_key,
  }));
}

let cachedDefault: { categories: TaxonomyEntry[]; purposes: TaxonomyEntry[] } | null = null;

/** fideslang's data categories and data uses, as taxonomy entries. */
export function defaultTaxonomy(): { categories: TaxonomyEntry[]; purposes: TaxonomyEntry[] } {
  cachedDefault ??= {
    categories: fromFideslang((categoriesFile as { data_category: FideslangEntry[] }).data_category),
    purposes: fromFideslang((usesFile as { data_use: FideslangEntry[] }).data_use),
  };
  return { categories: [...cachedDefault.categories], purposes: [...cachedDefault.purposes] };
}

let cachedSubjects: TaxonomyEntry[] | null = null;
let cachedSubjectIndex: Map<string, TaxonomyEntry> | null = null;

/**
 * fideslang's data subjects (`customer`, `employee`, …), flat keys. Zones list
 * them as RoPA metadata; the policy engine never reads them.
 */
export function defaultDataSubjects(): TaxonomyEntry[] {
  cachedSubjects ??= fromFideslang(
    (subjectsFile as { data_subject: { fides_key: string; name: string; description?: string | null }[] }).data_subject.map((entry) => ({ ...entry, parent_key: null })),
  );
  return [...cachedSubjects];
}

/** A data subject by key, or undefined when fideslang has no such key. */
export function dataSubject(key: string): TaxonomyEntry | undefined {
  cachedSubjectIndex ??= new Map(defaultDataSubjects().map((entry) => [entry.key, entry]));
  return cachedSubjectIndex.get(key);
}

export { covers } from "./keys.ts";

/** The parent of a dotted key, or null for a top-level key. */
export function parentKey(key: string): string | null {
  const dot = key.lastIndexOf(".");
  return dot < 0 ? null : key.slice(0, dot);
}

const KEY_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export function isWellFormedKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export type TaxonomyError = { kind: "categories" | "purposes"; index: number; message: string };

export class Taxonomy {
  readonly categories: ReadonlyMap<string, TaxonomyEntry>;
  readonly purposes: ReadonlyMap<string, TaxonomyEntry>;

  constructor(categories: Iterable<TaxonomyEntry>, purposes: Iterable<TaxonomyEntry>) {
    this.categories = new Map([...categories].map((entry) => [entry.key, entry]));
    this.purposes = new Map([...purposes].map((entry) => [entry.key, entry]));
  }

  static default(): Taxonomy {
    const { categories, purposes } = defaultTaxonomy();
    return new Taxonomy(categories, purposes);
  }

  hasCategory(key: string): boolean {
    return this.categories.has(key);
  }

  hasPurpose(key: string): boolean {
    return this.purposes.has(key);
  }

  covers(ancestor: string, key: string): boolean {
    return covers(ancestor, key);
  }

  /** Category keys sorted by code point, the order the engine interns them in. */
  categoryKeys(): string[] {
    return sortByCodePoint([...this.categories.keys()]);
  }

  purposeKeys(): string[] {
    return sortByCodePoint([...this.purposes.keys()]);
  }

  /**
   * This taxonomy plus an organisation's own keys. Each custom key must sit
   * under an existing parent (which may itself be a custom key declared in the
   * same list, in any order) and must not redefine an existing key.
   */
  withCustom(custom: { categories?: CustomTaxonomyEntry[]; purposes?: CustomTaxonomyEntry[] }): {
    taxonomy: Taxonomy;
    errors: TaxonomyError[];
  } {
    const errors: TaxonomyError[] = [];
    const merge = (kind: "categories" | "purposes", base: ReadonlyMap<string, TaxonomyEntry>, added: CustomTaxonomyEntry[]) => {
      const merged = new Map(base);
      const declared = new Map<string, number>();
      added.forEach((entry, index) => {
        if (!isWellFormedKey(entry.key)) {
          errors.push({ kind, index, message: `malformed key "${entry.key}" (dotted segments of letters, digits, _ or -)` });
        } else if (base.has(entry.key)) {
          errors.push({ kind, index, message: `"${entry.key}" is already in the default taxonomy` });
        } else if (declared.has(entry.key)) {
          errors.push({ kind, index, message: `duplicate key "${entry.key}" (also ${kind}[${declared.get(entry.key)}])` });
        } else {
          declared.set(entry.key, index);
        }
      });
      for (const [key, index] of declared) {
        const parent = parentKey(key);
        if (parent === null) {
          errors.push({ kind, index, message: `custom key "${key}" must sit under an existing parent` });
        } else if (!base.has(parent) && !declared.has(parent)) {
          errors.push({ kind, index, message: `parent "${parent}" of "${key}" is not a known ${kind === "categories" ? "category" : "purpose"}` });
        } else {
          const entry = added[index];
          merged.set(key, { key, name: entry.name, description: entry.description ?? null, parent });
        }
      }
      return merged;
    };
    const categories = merge("categories", this.categories, custom.categories ?? []);
    const purposes = merge("purposes", this.purposes, custom.purposes ?? []);
    errors.sort((a, b) => (a.kind === b.kind ? a.index - b.index : a.kind < b.kind ? -1 : 1));
    // The taxonomy of the valid keys comes back even with errors, so that a caller
    // reporting every error at once does not also flag every use of a bad key.
    return { taxonomy: new Taxonomy(categories.values(), purposes.values()), errors };
  }
}

/** Compare strings by Unicode code point (DESIGN.md's ordering), not UTF-16 unit. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (astral code points) must sort after U+E000–U+FFFF.
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

export function sortByCodePoint(values: string[]): string[] {
  return values.sort(compareCodePoints);
}
