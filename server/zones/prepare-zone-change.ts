// Shared by the preview and the save of a zone: the draft checked against the
// current world's taxonomy, the zone's id (the edited one, or one made from the
// name), and the engine's dry run against the cached evaluation.
import { whatIfZone } from "@/lib/engine/what-if";
import { worldTaxonomy } from "@/lib/world/parse";
import type { Zone } from "@/lib/world/schema";
import { dryRunOf, type ZoneDryRun } from "@/lib/zones/zone-dry-run";
import { checkZoneDraft, zoneFromDraft, zoneIdFromName } from "@/lib/zones/zone-draft";
import { AppError } from "../errors";
import type { WorldState } from "../world/world-state";

export interface PreparedZoneChange {
  zone: Zone;
  before: Zone | null;
  dryRun: ZoneDryRun;
  version: number;
}

export function prepareZoneChange(state: WorldState, input: unknown): PreparedZoneChange {
  const world = state.world();
  const checked = checkZoneDraft(input, worldTaxonomy(world));
  if (!checked.ok) throw new AppError("INVALID_REQUEST", checked.errors[0], checked.errors);
  const { draft } = checked;
  let id: string;
  let before: Zone | null = null;
  if (draft.id !== null) {
    before = world.zones.find((z) => z.id === draft.id) ?? null;
    if (!before) throw new AppError("NOT_FOUND", `id: unknown zone "${draft.id}"`);
    id = draft.id;
  } else {
    id = zoneIdFromName(draft.name);
    if (!id) throw new AppError("INVALID_REQUEST", "name: needs a letter or digit to make the zone's id", ["name: needs a letter or digit to make the zone's id"]);
    const taken = world.zones.find((z) => z.id === id);
    if (taken) {
      const message = `name: the id "${id}" is already taken by the zone "${taken.name}"; choose another name`;
      throw new AppError("CONFLICT", message, [message]);
    }
  }
  const zone = zoneFromDraft(id, draft);
  const names = new Map(world.assets.map((a) => [a.id, a.name]));
  const dryRun = dryRunOf(whatIfZone(world, state.evaluation, zone), before === null, (asset) => names.get(asset) ?? asset);
  return { zone, before, dryRun, version: state.version };
}
