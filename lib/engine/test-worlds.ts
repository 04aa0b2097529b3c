// fast-check arbitraries for small random worlds (with cycles) and random
// changes to them, shared by the engine's property tests.
import fc from "fast-check";
import type { WorldInput } from "../world/schema.ts";
import type { WorldChange } from "./incremental.ts";

export const CATEGORIES = ["user", "user.contact", "user.contact.email", "user.behavior", "user.behavior.purchase_history", "system.operations"];
export const PURPOSES = ["marketing.advertising", "marketing", "analytics.reporting", "personalize.content", "train_ai_system"];
const QUALIFIERS = ["identified", "pseudonymized", "aggregated"] as const;
const TRANSFORMS = ["aggregate", "pseudonymize", "filter_consented", "drop:user.contact", "drop:user.behavior.purchase_history"];

const label = fc.record({ category: fc.constantFrom(...CATEGORIES), qualifier: fc.constantFrom(...QUALIFIERS), consented: fc.boolean() });
const rule = fc.record({ category: fc.constantFrom(...CATEGORIES), minQualifier: fc.constantFrom(...QUALIFIERS), requireConsent: fc.boolean() });
const transforms = fc.array(fc.constantFrom(...TRANSFORMS), { maxLength: 2 });

export const zoneIds = ["za", "zb", "zc"];

export function zoneArb(id: string) {
  return fc.record({
    id: fc.constant(id),
    name: fc.constant(`Zone ${id}`),
    color: fc.constant("#123456"),
    mode: fc.constantFrom("enforcing", "logging"),
    allow: fc.array(rule, { maxLength: 3 }),
    purposes: fc.uniqueArray(fc.constantFrom(...PURPOSES), { maxLength: 2 }),
  });
}

export function assetArb(id: string) {
  return fc.record({
    id: fc.constant(id),
    namespace: fc.constant("ns"),
    name: fc.constant(id),
    kind: fc.constant("table" as const),
    zone: fc.option(fc.constantFrom(...zoneIds), { nil: null }),
    labels: fc.array(label, { maxLength: 2 }),
    purpose: fc.option(fc.constantFrom(...PURPOSES), { nil: null }),
  });
}

function pathArb(id: string) {
  return fc
    .record({
      from: fc.constantFrom(...zoneIds),
      to: fc.option(fc.constantFrom(...zoneIds), { nil: null }),
      categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { minLength: 1, maxLength: 2 }),
      purpose: fc.option(fc.constantFrom(...PURPOSES), { nil: null }),
      status: fc.constantFrom("approved", "pending", "revoked", "rejected"),
      expiresAt: fc.option(fc.constantFrom("2025-06-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"), { nil: null }),
    })
    .map((p) => ({ id, ...p, to: p.to === p.from ? null : p.to }));
}

export const AT = new Date("2026-01-01T00:00:00.000Z");

/** Worlds of up to 8 assets with arbitrary edges (so cycles and self-loops), 3 zones, up to 4 paths. */
export const worldArb: fc.Arbitrary<WorldInput> = fc
  .record({
    zones: fc.tuple(...zoneIds.map(zoneArb)),
    assetCount: fc.integer({ min: 1, max: 8 }),
    edges: fc.array(fc.record({ from: fc.nat(7), to: fc.nat(7), transforms }), { maxLength: 16 }),
    paths: fc.array(fc.nat(), { maxLength: 4 }).chain((ids) => fc.tuple(...ids.map((_, i) => pathArb(`p${i}`)))),
  })
  .chain(({ zones, assetCount, edges, paths }) =>
    fc.tuple(...Array.from({ length: assetCount }, (_, i) => assetArb(`a${i}`))).map((assets) => {
      const seen = new Set<string>();
      const worldEdges = edges
        .map((e) => ({ from: `a${e.from % assetCount}`, to: `a${e.to % assetCount}`, transforms: e.transforms }))
        .filter((e) => !seen.has(`${e.from}>${e.to}`) && seen.add(`${e.from}>${e.to}`));
      return { zones, assets, edges: worldEdges, sanctionedPaths: paths } as WorldInput;
    }),
  );

/** A change described by numbers, resolved against the world it is applied to. */
export const changeIntentArb = fc.oneof(
  fc.record({ type: fc.constant("putEdge" as const), from: fc.nat(), to: fc.nat(), transforms }),
  fc.record({ type: fc.constant("removeEdge" as const), pick: fc.nat() }),
  fc.record({ type: fc.constant("putAsset" as const), pick: fc.nat(9), asset: assetArb("x") }),
  fc.record({ type: fc.constant("removeAsset" as const), pick: fc.nat() }),
  fc.record({ type: fc.constant("putZone" as const), zone: fc.constantFrom(...zoneIds).chain(zoneArb) }),
  fc.record({ type: fc.constant("putSanctionedPath" as const), pick: fc.nat(5), path: pathArb("x") }),
  fc.record({ type: fc.constant("removeSanctionedPath" as const), pick: fc.nat() }),
);
export type ChangeIntent = typeof changeIntentArb extends fc.Arbitrary<infer T> ? T : never;

type Current = { assets: { id: string }[]; edges: { from: string; to: string }[]; sanctionedPaths: { id: string }[] };

export function resolveChange(intent: ChangeIntent, world: Current): WorldChange | null {
  const { assets, edges, sanctionedPaths } = world;
  switch (intent.type) {
    case "putEdge":
      if (assets.length === 0) return null;
      return {
        kind: "putEdge",
        edge: { from: assets[intent.from % assets.length].id, to: assets[intent.to % assets.length].id, transforms: intent.transforms },
      };
    case "removeEdge":
      if (edges.length === 0) return null;
      return { kind: "removeEdge", from: edges[intent.pick % edges.length].from, to: edges[intent.pick % edges.length].to };
    case "putAsset": {
      const id = `a${intent.pick}`;
      return { kind: "putAsset", asset: { ...intent.asset, id, name: id } };
    }
    case "removeAsset":
      if (assets.length === 0) return null;
      return { kind: "removeAsset", id: assets[intent.pick % assets.length].id };
    case "putZone":
      return { kind: "putZone", zone: intent.zone };
    case "putSanctionedPath":
      return { kind: "putSanctionedPath", path: { ...intent.path, id: `p${intent.pick}` } };
    case "removeSanctionedPath":
      if (sanctionedPaths.length === 0) return null;
      return { kind: "removeSanctionedPath", id: sanctionedPaths[intent.pick % sanctionedPaths.length].id };
  }
}
