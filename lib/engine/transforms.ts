// DESIGN 1 on plain label objects: the readable reference of what the engine's
// byte tables do, used by tests and by callers showing what an edge does.
import { covers } from "../taxonomy/index.ts";
import type { Label } from "../world/schema.ts";

export function applyTransform(labels: readonly Label[], transform: string): Label[] {
  if (transform === "aggregate") return labels.map((l) => ({ ...l, qualifier: "aggregated" }));
  if (transform === "pseudonymize") return labels.map((l) => (l.qualifier === "identified" ? { ...l, qualifier: "pseudonymized" } : l));
  if (transform === "filter_consented") return labels.filter((l) => l.consented);
  if (transform.startsWith("drop:")) {
    const dropped = transform.slice("drop:".length);
    return labels.filter((l) => !covers(dropped, l.category));
  }
  throw new Error(`unknown transform "${transform}"`);
}

/** An edge applies its transforms in order; the result is a set (whole-triple equality). */
export function applyTransforms(labels: readonly Label[], transforms: readonly string[]): Label[] {
  let out = [...labels];
  for (const transform of transforms) out = applyTransform(out, transform);
  const seen = new Map<string, Label>();
  for (const label of out) seen.set(`${label.category}\u0000${label.qualifier}\u0000${label.consented}`, label);
  return [...seen.values()];
}
