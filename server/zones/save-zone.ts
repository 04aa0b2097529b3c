// Creating or editing a zone (DESIGN.md: privacy reviewers define zones). The
// save is one transaction: the zone, its rules and purposes, the world version
// described (putZone) and one audit entry with the zone before and after and
// the dry-run summary; then the world is re-evaluated so history follows.
import type { Zone } from "@/lib/world/schema";
import { dryRunAuditSummary, type ZoneDryRun } from "@/lib/zones/zone-dry-run";
import { prisma } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { authorize, type Actor } from "../auth/actor";
import { AppError } from "../errors";
import { runEvaluation, type EvaluationSummary } from "../evaluations/run-evaluation";
import { describeWorldChanges, lockWorldForWrite } from "../world/world-version";
import { currentWorldState } from "../world/world-state";
import { prepareZoneChange } from "./prepare-zone-change";

/** The world moved between the dry run and the write: compute the dry run again, so the audit entry tells the truth. */
class WorldMoved extends Error {}
const ATTEMPTS = 3;

export interface SavedZone {
  zone: Zone;
  created: boolean;
  dryRun: ZoneDryRun;
  evaluation: EvaluationSummary;
}

export async function saveZone(actor: Actor, input: unknown): Promise<SavedZone> {
  authorize(actor, "zone.edit");
  for (let attempt = 1; ; attempt++) {
    const prepared = prepareZoneChange(await currentWorldState(), input);
    const { zone, before, dryRun } = prepared;
    try {
      await prisma().$transaction(async (tx) => {
        const { base } = await lockWorldForWrite(tx);
        if (base !== prepared.version) throw new WorldMoved();
        const data = { name: zone.name, description: zone.description, color: zone.color, owner: zone.owner, mode: zone.mode, dataSubjects: zone.dataSubjects, retention: zone.retention };
        if (before) {
          await tx.zone.update({ where: { id: zone.id }, data });
          await tx.zoneCategoryRule.deleteMany({ where: { zoneId: zone.id } });
          await tx.zonePurpose.deleteMany({ where: { zoneId: zone.id } });
        } else {
          await tx.zone.create({ data: { id: zone.id, ...data } });
        }
        if (zone.allow.length) {
          await tx.zoneCategoryRule.createMany({
            data: zone.allow.map((rule, position) => ({ zoneId: zone.id, position, categoryKey: rule.category, minQualifier: rule.minQualifier, requireConsent: rule.requireConsent })),
          });
        }
        if (zone.purposes.length) {
          await tx.zonePurpose.createMany({ data: zone.purposes.map((purposeKey, position) => ({ zoneId: zone.id, position, purposeKey })) });
        }
        await describeWorldChanges(tx, [{ kind: "putZone", zone }]);
        await recordAuditEntry(tx, {
          actor: actor.email,
          action: before ? "zone.update" : "zone.create",
          subject: `zone:${zone.id}`,
          payload: { before, after: zone, dryRun: dryRunAuditSummary(dryRun) },
        });
      });
    } catch (error) {
      if (error instanceof WorldMoved && attempt < ATTEMPTS) continue;
      if (error instanceof WorldMoved) throw new AppError("CONFLICT", "the world kept changing while saving; try again");
      throw error;
    }
    const evaluation = await runEvaluation({ trigger: before ? "zone.update" : "zone.create", actor: actor.email });
    return { zone, created: !before, dryRun, evaluation };
  }
}
