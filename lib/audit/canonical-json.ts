// Canonical JSON in the spirit of RFC 8785 (JCS): the same value always gives
// the same bytes, so a hash over it can be recomputed by anyone, in any
// language, from an exported audit log.
//
// - object keys sorted by UTF-16 code units (JavaScript's default string order,
//   which is what RFC 8785 prescribes), no whitespace;
// - numbers and strings serialised as ECMAScript's JSON.stringify does (RFC
//   8785 adopts exactly that number format); NaN and ±Infinity are refused;
// - `undefined` object members are dropped, an `undefined` array element is
//   refused (JSON.stringify would silently turn it into null);
// - Dates become their ISO-8601 UTC string.

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue | undefined };

/** Thrown for a value that has no canonical JSON form; `path` names where it is. */
export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "CanonicalJsonError";
  }
}

export function canonicalJson(value: unknown): string {
  return serialize(value, "$");
}

function serialize(value: unknown, path: string): string {
  if (value === null) return "null";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new CanonicalJsonError(path, "invalid Date");
    return JSON.stringify(value.toISOString());
  }
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a JSON number`);
      return JSON.stringify(value); // -0 becomes "0", as RFC 8785 requires
    case "object":
      return Array.isArray(value) ? serializeArray(value, path) : serializeObject(value, path);
    default:
      // undefined (outside an object member), bigint, function, symbol
      throw new CanonicalJsonError(path, `a ${typeof value} has no JSON form`);
  }
}

function serializeArray(items: readonly unknown[], path: string): string {
  return `[${items.map((item, index) => serialize(item, `${path}[${index}]`)).join(",")}]`;
}

function serializeObject(object: object, path: string): string {
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    // Maps, Sets, class instances: their JSON form is ambiguous; make the caller choose one.
    throw new CanonicalJsonError(path, `a ${prototype?.constructor?.name ?? "non-plain"} object has no canonical JSON form`);
  }
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const member = (object as Record<string, unknown>)[key];
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${serialize(member, `${path}.${key}`)}`);
  }
  return `{${members.join(",")}}`;
}
