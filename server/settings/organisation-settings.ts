// The organisation's details (one row): read by anyone signed in (reports print
// them), changed by admins (DESIGN.md: "manage … settings"), each change an
// audit entry in the same transaction, naming the fields that changed.
import { DEFAULT_ORGANISATION_SETTINGS, OrganisationSettingsInput, type OrganisationSettings } from "@/lib/settings/organisation-settings";
import { prisma } from "../db";
import { recordAuditEntry } from "../audit/record-audit-entry";
import { authorize, type Actor } from "../auth/actor";
import { AppError } from "../errors";

const SETTINGS_ROW = 1;

export async function getOrganisationSettings(): Promise<OrganisationSettings> {
  const row = await prisma().organisationSettings.findUnique({ where: { id: SETTINGS_ROW } });
  if (!row) return DEFAULT_ORGANISATION_SETTINGS;
  return {
    organisationName: row.organisationName,
    controllerName: row.controllerName,
    controllerContact: row.controllerContact,
    dpoContact: row.dpoContact,
    paperSize: row.paperSize === "LETTER" ? "LETTER" : "A4",
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

export async function updateOrganisationSettings(actor: Actor, input: unknown): Promise<{ changed: (keyof OrganisationSettingsInput)[] }> {
  authorize(actor, "admin.manage");
  const parsed = OrganisationSettingsInput.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => (issue.message.includes(":") ? issue.message : `${issue.path.join(".") || "input"}: ${issue.message}`));
    throw new AppError("INVALID_REQUEST", details[0], details);
  }
  const next = parsed.data;
  return prisma().$transaction(async (tx) => {
    // the row lock serialises two admins saving at once, so each audit entry's "from" is what it replaced
    await tx.$executeRaw`INSERT INTO "OrganisationSettings" (id) VALUES (${SETTINGS_ROW}) ON CONFLICT (id) DO NOTHING`;
    const [current] = await tx.$queryRaw<OrganisationSettingsInput[]>`
      SELECT "organisationName", "controllerName", "controllerContact", "dpoContact", "paperSize"
      FROM "OrganisationSettings" WHERE id = ${SETTINGS_ROW} FOR UPDATE`;
    const changed = (Object.keys(next) as (keyof OrganisationSettingsInput)[]).filter((field) => current[field] !== next[field]);
    if (changed.length === 0) return { changed };
    await tx.organisationSettings.update({ where: { id: SETTINGS_ROW }, data: { ...next, updatedBy: actor.email } });
    await recordAuditEntry(tx, {
      actor: actor.email,
      action: "settings.update",
      subject: "settings:organisation",
      payload: { changed, from: Object.fromEntries(changed.map((f) => [f, current[f]])), to: Object.fromEntries(changed.map((f) => [f, next[f]])) },
    });
    return { changed };
  });
}
