import type { ZoneDryRun } from "@/lib/zones/zone-dry-run";
import { authorize, type Actor } from "../auth/actor";
import { currentWorldState } from "../world/world-state";
import { prepareZoneChange } from "./prepare-zone-change";

/** The dry run of a zone draft (nothing is written): the violations it adds and resolves, the admissions it flips. */
export async function previewZoneChange(actor: Actor, input: unknown): Promise<ZoneDryRun> {
  authorize(actor, "zone.edit");
  return prepareZoneChange(await currentWorldState(), input).dryRun;
}
