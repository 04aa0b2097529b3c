// The record of processing as of now (lib/evidence/ropa.ts): the cached
// world and its evaluation (effective labels, verdicts), the organisation's
// settings, and the zones asked for (unknown ones refused, named).
import { buildRopa, ropaEngineOf, type RopaRecord } from "@/lib/evidence/ropa";
import type { PaperSize } from "@/lib/settings/organisation-settings";
import { getOrganisationSettings } from "../settings/organisation-settings";
import { currentWorldState } from "../world/world-state";
import { resolveEvidenceScope, type ResolvedEvidenceScope } from "./resolve-evidence-scope";

export async function getRecordOfProcessing(scopeInput: unknown): Promise<{ scope: ResolvedEvidenceScope; record: RopaRecord; worldVersion: number; paperSize: PaperSize }> {
  const scope = await resolveEvidenceScope(scopeInput);
  const [state, settings] = await Promise.all([currentWorldState(), getOrganisationSettings()]);
  const { organisationName, controllerName, controllerContact, dpoContact } = settings;
  const record = buildRopa({
    world: state.world(),
    engine: ropaEngineOf(state.evaluation),
    controller: { organisationName, controllerName, controllerContact, dpoContact },
    zones: scope.zones,
    // currentWorldState re-evaluates once an approved path expires, so its verdicts hold now
    at: new Date(),
  });
  return { scope, record, worldVersion: state.version, paperSize: settings.paperSize };
}
