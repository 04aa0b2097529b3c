// The human names of the violation kinds, for every page and panel that shows
// one. The kinds themselves are the engine's VIOLATION_KINDS: keying this map
// by ViolationKind makes a new kind a type error here until it has a name.
// The import is type-only on purpose: this module is bundled for the browser
// (the graph's side panel) and must not pull the engine in with it.
import type { ViolationKind } from "./engine/index.ts";

export const VIOLATION_KIND_LABELS: Readonly<Record<ViolationKind, string>> = {
  category_not_permitted: "Category not permitted",
  purpose_not_permitted: "Purpose not permitted",
  unsanctioned_crossing: "Unsanctioned crossing",
};

/** The name of a kind as it arrives from the database or a URL (a string); an unknown one is shown as it is. */
export function violationKindLabel(kind: string): string {
  return Object.hasOwn(VIOLATION_KIND_LABELS, kind) ? VIOLATION_KIND_LABELS[kind as ViolationKind] : kind;
}
