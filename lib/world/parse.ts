// Parsing a world file: every error at once, each naming its JSON path
// (`edges[3].to: unknown asset "x"`), so a pipeline's CI log shows the whole
// problem in one run. Each element is checked on its own so that one bad asset
// does not hide the errors of the others, and ids are collected leniently so
// that one bad asset does not make every edge to it "unknown" too.
import type { z } from "zod";
import { dataSubject, isWellFormedKey, Taxonomy } from "../taxonomy/index.ts";
import {
  Asset as AssetSchema,
  CustomTaxonomy as CustomTaxonomySchema,
  Edge as EdgeSchema,
  SanctionedPath as SanctionedPathSchema,
  Zone as ZoneSchema,
  type Asset,
  type CustomTaxonomy,
  type Edge,
  type SanctionedPath,
  type World,
  type Zone,
} from "./schema.ts";

export type WorldError = { path: string; message: string };
export type ParseWorldResult = { ok: true; world: World } | { ok: false; errors: WorldError[] };

type PathSegment = string | number;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === "" ? "(root)" : out;
}

export function formatWorldError(error: WorldError): string {
  return `${error.path}: ${error.message}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, segments: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

function issuesToErrors(prefix: PathSegment[], raw: unknown, error: z.ZodError): WorldError[] {
  const errors: WorldError[] = [];
  for (const issue of error.issues) {
    const segments = issue.path.filter((s): s is string | number => typeof s !== "symbol");
    const at = [...prefix, ...segments];
    if (issue.code === "unrecognized_keys") {
      for (const unknownKey of issue.keys) errors.push({ path: formatPath([...at, unknownKey]), message: "unknown field" });
      continue;
    }
    const value = valueAt(raw, issue.path);
    if (issue.code === "invalid_type" && value === undefined) {
      errors.push({ path: formatPath(at), message: "required" });
    } else if (issue.code === "invalid_type") {
      errors.push({ path: formatPath(at), message: `expected ${issue.expected}, got ${describe(value)}` });
    } else if (issue.code === "invalid_value") {
      const options = issue.values.map((v) => JSON.stringify(v)).join(", ");
      errors.push({ path: formatPath(at), message: `${describe(value)} is not one of ${options}` });
    } else {
      errors.push({ path: formatPath(at), message: issue.message });
    }
  }
  return errors;
}

const TOP_LEVEL_FIELDS = ["taxonomy", "zones", "assets", "edges", "sanctionedPaths"] as const;

function leniently<T>(raw: unknown[], pick: (element: Record<string, unknown>) => T | undefined): T[] {
  const out: T[] = [];
  for (const element of raw) {
    if (!isPlainObject(element)) continue;
    const value = pick(element);
    if (value !== undefined) out.push(value);
  }
  return out;
}

const taxonomyCache = new WeakMap<World, Taxonomy>();

/** The default taxonomy plus the world's own keys (assumes a parsed world). */
export function worldTaxonomy(world: Pick<World, "taxonomy">): Taxonomy {
  const cached = taxonomyCache.get(world as World);
  if (cached) return cached;
  const { taxonomy } = Taxonomy.default().withCustom(world.taxonomy ?? {});
  taxonomyCache.set(world as World, taxonomy);
  return taxonomy;
}

/**
 * What a partial world may refer to besides its own entities: when a file is
 * imported into a database, its edges may name assets, and its assets zones,
 * that the database already holds (DESIGN.md: "a whole world (or part of it)").
 */
export type ParseContext = {
  zoneIds?: Iterable<string>;
  assetIds?: Iterable<string>;
  taxonomy?: { categories: { key: string; name: string }[]; purposes: { key: string; name: string }[] };
};

export function parseWorld(input: unknown, context: ParseContext = {}): ParseWorldResult {
  const errors: WorldError[] = [];
  if (!isPlainObject(input)) {
    return { ok: false, errors: [{ path: "(root)", message: `a world is a JSON object, got ${describe(input)}` }] };
  }
  for (const field of Object.keys(input)) {
    if (!(TOP_LEVEL_FIELDS as readonly string[]).includes(field)) errors.push({ path: formatPath([field]), message: "unknown field" });
  }
  const section = (field: "zones" | "assets" | "edges" | "sanctionedPaths"): unknown[] => {
    const value = input[field];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      errors.push({ path: field, message: `expected array, got ${describe(value)}` });
      return [];
    }
    return value;
  };

  // Taxonomy first: every other section's categories and purposes are checked against it.
  let customTaxonomy: CustomTaxonomy = { categories: [], purposes: [] };
  const rawTaxonomy = input.taxonomy;
  if (rawTaxonomy !== undefined) {
    const parsed = CustomTaxonomySchema.safeParse(rawTaxonomy);
    if (parsed.success) customTaxonomy = parsed.data;
    else errors.push(...issuesToErrors(["taxonomy"], rawTaxonomy, parsed.error));
  }
  const lenientKeys = (kind: "categories" | "purposes") => {
    const list = isPlainObject(rawTaxonomy) && Array.isArray(rawTaxonomy[kind]) ? (rawTaxonomy[kind] as unknown[]) : [];
    return list.map((entry) =>
      isPlainObject(entry) && typeof entry.key === "string"
        ? { key: entry.key, name: typeof entry.name === "string" ? entry.name : entry.key }
        : { key: "", name: "" },
    );
  };
  // keys the context already holds are the base, unless the file declares them again itself
  const declaredHere = (kind: "categories" | "purposes") => new Set(lenientKeys(kind).map((entry) => entry.key));
  const base = context.taxonomy
    ? Taxonomy.default().withCustom({
        categories: context.taxonomy.categories.filter((entry) => !declaredHere("categories").has(entry.key)),
        purposes: context.taxonomy.purposes.filter((entry) => !declaredHere("purposes").has(entry.key)),
      }).taxonomy
    : Taxonomy.default();
  const merged = base.withCustom({ categories: lenientKeys("categories"), purposes: lenientKeys("purposes") });
  const taxonomy = merged.taxonomy;
  for (const error of merged.errors) {
    if (lenientKeys(error.kind)[error.index].key === "") continue; // already reported by the schema
    // A malformed key is reported by the schema; the taxonomy's own message would repeat it.
    if (error.message.startsWith("malformed key")) continue;
    errors.push({ path: formatPath(["taxonomy", error.kind, error.index, "key"]), message: error.message });
  }

  const rawZones = section("zones");
  const rawAssets = section("assets");
  const rawEdges = section("edges");
  const rawPaths = section("sanctionedPaths");
  const knownZoneIds = new Set([...(context.zoneIds ?? []), ...leniently(rawZones, (z) => (typeof z.id === "string" ? z.id : undefined))]);
  const knownAssetIds = new Set([...(context.assetIds ?? []), ...leniently(rawAssets, (a) => (typeof a.id === "string" ? a.id : undefined))]);

  const checkCategory = (path: PathSegment[], category: unknown) => {
    if (typeof category === "string" && isWellFormedKey(category) && !taxonomy.hasCategory(category)) {
      errors.push({ path: formatPath(path), message: `unknown category "${category}"` });
    }
  };
  const checkPurpose = (path: PathSegment[], purpose: unknown) => {
    if (typeof purpose === "string" && isWellFormedKey(purpose) && !taxonomy.hasPurpose(purpose)) {
      errors.push({ path: formatPath(path), message: `unknown purpose "${purpose}"` });
    }
  };
  const nonEmptyString = (value: unknown): value is string => typeof value === "string" && value !== "";
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const field = (value: unknown, name: string): unknown => (isPlainObject(value) ? value[name] : undefined);

  // Schema checks and reference checks both run on every element, the latter on
  // whichever fields are usable, so a bad kind does not hide an unknown zone.
  function parseEach<S extends z.ZodType>(
    section: string,
    raw: unknown[],
    schema: S,
    checkReferences: (element: Record<string, unknown>, index: number) => void,
  ): z.output<S>[] {
    const values: z.output<S>[] = [];
    raw.forEach((element, index) => {
      const parsed = schema.safeParse(element);
      if (parsed.success) values.push(parsed.data);
      else errors.push(...issuesToErrors([section, index], element, parsed.error));
      if (isPlainObject(element)) checkReferences(element, index);
    });
    return values;
  }

  const zoneIndex = new Map<string, number>();
  const zones: Zone[] = parseEach("zones", rawZones, ZoneSchema, (zone, i) => {
    if (nonEmptyString(zone.id)) {
      const earlier = zoneIndex.get(zone.id);
      if (earlier !== undefined) errors.push({ path: `zones[${i}].id`, message: `duplicate zone id "${zone.id}" (also zones[${earlier}])` });
      else zoneIndex.set(zone.id, i);
    }
    list(zone.allow).forEach((rule, j) => checkCategory(["zones", i, "allow", j, "category"], field(rule, "category")));
    list(zone.purposes).forEach((purpose, j) => checkPurpose(["zones", i, "purposes", j], purpose));
    const subjects = new Map<string, number>();
    list(zone.dataSubjects).forEach((subject, j) => {
      if (typeof subject !== "string" || !isWellFormedKey(subject)) return; // the schema reports it
      const at = formatPath(["zones", i, "dataSubjects", j]);
      if (!dataSubject(subject)) errors.push({ path: at, message: `unknown data subject "${subject}"` });
      else if (subjects.has(subject)) errors.push({ path: at, message: `duplicate data subject "${subject}" (also dataSubjects[${subjects.get(subject)}])` });
      else subjects.set(subject, j);
    });
  });

  const assetIndex = new Map<string, number>();
  const qualifiedNameIndex = new Map<string, number>();
  const assets: Asset[] = parseEach("assets", rawAssets, AssetSchema, (asset, i) => {
    if (nonEmptyString(asset.id)) {
      const earlier = assetIndex.get(asset.id);
      if (earlier !== undefined) errors.push({ path: `assets[${i}].id`, message: `duplicate asset id "${asset.id}" (also assets[${earlier}])` });
      else assetIndex.set(asset.id, i);
    }
    if (nonEmptyString(asset.namespace) && nonEmptyString(asset.name)) {
      const qualifiedName = JSON.stringify([asset.namespace, asset.name]);
      const sameName = qualifiedNameIndex.get(qualifiedName);
      if (sameName !== undefined) {
        errors.push({
          path: `assets[${i}].name`,
          message: `duplicate namespace and name "${asset.namespace}" / "${asset.name}" (also assets[${sameName}])`,
        });
      } else qualifiedNameIndex.set(qualifiedName, i);
    }
    if (nonEmptyString(asset.zone) && !knownZoneIds.has(asset.zone)) errors.push({ path: `assets[${i}].zone`, message: `unknown zone "${asset.zone}"` });
    list(asset.labels).forEach((label, j) => checkCategory(["assets", i, "labels", j, "category"], field(label, "category")));
    checkPurpose(["assets", i, "purpose"], asset.purpose);
  });

  const edgeIndex = new Map<string, number>();
  const edges: Edge[] = parseEach("edges", rawEdges, EdgeSchema, (edge, i) => {
    if (nonEmptyString(edge.from) && !knownAssetIds.has(edge.from)) errors.push({ path: `edges[${i}].from`, message: `unknown asset "${edge.from}"` });
    if (nonEmptyString(edge.to) && !knownAssetIds.has(edge.to)) errors.push({ path: `edges[${i}].to`, message: `unknown asset "${edge.to}"` });
    if (nonEmptyString(edge.from) && nonEmptyString(edge.to)) {
      const pair = JSON.stringify([edge.from, edge.to]);
      const earlier = edgeIndex.get(pair);
      if (earlier !== undefined) {
        errors.push({ path: `edges[${i}]`, message: `duplicate edge "${edge.from}" → "${edge.to}" (also edges[${earlier}])` });
      } else edgeIndex.set(pair, i);
    }
    list(edge.transforms).forEach((transform, j) => {
      if (typeof transform !== "string" || !transform.startsWith("drop:")) return;
      const category = transform.slice("drop:".length);
      if (isWellFormedKey(category) && !taxonomy.hasCategory(category)) {
        errors.push({ path: `edges[${i}].transforms[${j}]`, message: `unknown category "${category}" in "${transform}"` });
      }
    });
  });

  const pathIndex = new Map<string, number>();
  const sanctionedPaths: SanctionedPath[] = parseEach("sanctionedPaths", rawPaths, SanctionedPathSchema, (path, i) => {
    const at = `sanctionedPaths[${i}]`;
    if (nonEmptyString(path.id)) {
      const earlier = pathIndex.get(path.id);
      if (earlier !== undefined) errors.push({ path: `${at}.id`, message: `duplicate sanctioned path id "${path.id}" (also sanctionedPaths[${earlier}])` });
      else pathIndex.set(path.id, i);
    }
    if (nonEmptyString(path.from) && !knownZoneIds.has(path.from)) errors.push({ path: `${at}.from`, message: `unknown zone "${path.from}"` });
    if (nonEmptyString(path.to) && !knownZoneIds.has(path.to)) errors.push({ path: `${at}.to`, message: `unknown zone "${path.to}"` });
    if (nonEmptyString(path.to) && path.to === path.from) {
      errors.push({ path: `${at}.to`, message: `a sanctioned path must lead out of its zone: from and to are both "${path.from}"` });
    }
    list(path.categories).forEach((category, j) => checkCategory(["sanctionedPaths", i, "categories", j], category));
    checkPurpose(["sanctionedPaths", i, "purpose"], path.purpose);
    if (nonEmptyString(path.reviewer) && path.reviewer === path.requester) {
      errors.push({ path: `${at}.reviewer`, message: `the reviewer must not be the requester ("${path.reviewer}")` });
    }
  });

  if (errors.length > 0) return { ok: false, errors };
  const world: World = { taxonomy: customTaxonomy, zones, assets, edges, sanctionedPaths };
  taxonomyCache.set(world, taxonomy);
  return { ok: true, world };
}

/** JSON text → world; a JSON syntax error names its line and column. */
export function parseWorldJson(text: string, context: ParseContext = {}): ParseWorldResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const offset = jsonSyntaxErrorOffset(text);
    if (offset === null) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, errors: [{ path: "(json)", message: `invalid JSON: ${detail}` }] };
    }
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    const found = offset >= text.length ? "unexpected end of text" : `unexpected ${JSON.stringify(text[offset])}`;
    return { ok: false, errors: [{ path: "(json)", message: `invalid JSON at line ${line}, column ${column}: ${found}` }] };
  }
  return parseWorld(value, context);
}

/**
 * Where JSON.parse gave up. Node 20's messages no longer carry a position, so a
 * small scanner walks the text with JSON's grammar and returns the first offset
 * that does not fit it (null if it finds none).
 */
function jsonSyntaxErrorOffset(text: string): number | null {
  let i = 0;
  const fail = () => {
    throw i;
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) if (text[i++] !== ch) (i--, fail());
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? "")) (i += k, fail());
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === "" || match[0] === "-") fail();
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === "{") {
      i++;
      space();
      if (text[i] === "}") return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ":") fail();
        i++;
        value();
        space();
        if (text[i] === ",") (i++);
        else if (text[i] === "}") return void i++;
        else fail();
      }
    } else if (ch === "[") {
      i++;
      space();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    } else if (ch === '"') string();
    else if (ch === "t") literal("true");
    else if (ch === "f") literal("false");
    else if (ch === "n") literal("null");
    else if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) number();
    else fail();
  };
  try {
    value();
    space();
    return i < text.length ? i : null;
  } catch (offset) {
    return typeof offset === "number" ? Math.min(offset, text.length) : null;
  }
}
