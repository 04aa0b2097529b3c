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
  // where the serializer is, as keys and indexes: made into a path only for an error (a path string per member
  // cost more than the rest of the work on a large payload)
  return serialize(value, []);
}

type Trail = (string | number)[];

function fail(trail: Trail, message: string): never {
  const path = trail.map((step) => (typeof step === "number" ? `[${step}]` : `.${step}`)).join("");
  throw new CanonicalJsonError(`$${path}`, message);
}

function serialize(value: unknown, trail: Trail): string {
  if (value === null) return "null";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) fail(trail, "invalid Date");
    return JSON.stringify(value.toISOString());
  }
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) fail(trail, `${value} is not a JSON number`);
      return JSON.stringify(value); // -0 becomes "0", as RFC 8785 requires
    case "object":
      return Array.isArray(value) ? serializeArray(value, trail) : serializeObject(value, trail);
    default:
      // undefined (outside an object member), bigint, function, symbol
      return fail(trail, `a ${typeof value} has no JSON form`);
  }
}

function serializeArray(items: readonly unknown[], trail: Trail): string {
  const parts: string[] = new Array(items.length);
  for (let index = 0; index < items.length; index++) {
    trail.push(index);
    parts[index] = serialize(items[index], trail);
    trail.pop();
  }
  return `[${parts.join(",")}]`;
}

function serializeObject(object: object, trail: Trail): string {
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    // Maps, Sets, class instances: their JSON form is ambiguous; make the caller choose one.
    fail(trail, `a ${prototype?.constructor?.name ?? "non-plain"} object has no canonical JSON form`);
  }
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const member = (object as Record<string, unknown>)[key];
    if (member === undefined) continue;
    trail.push(key);
    members.push(`${JSON.stringify(key)}:${serialize(member, trail)}`);
    trail.pop();
  }
  return `{${members.join(",")}}`;
}
