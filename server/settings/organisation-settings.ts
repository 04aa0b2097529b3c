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

/** The demo organisation: the seed names it so a first report has a title, once, and never over an admin's own values. */
export const DEMO_ORGANISATION: OrganisationSettingsInput = {
  organisationName: "Example Analytics Ltd.",
  controllerName: "Example Analytics Ltd.",
  controllerContact: "1 Demo Street, London EC1A 1AA, United Kingdom\nprivacy@example.com",
  dpoContact: "Data Protection Officer, dpo@example.com",
  paperSize: "A4",
};

export async function seedOrganisationSettings(values: OrganisationSettingsInput, actor: string): Promise<boolean> {
  return prisma().$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`INSERT INTO "OrganisationSettings" (id) VALUES (${SETTINGS_ROW}) ON CONFLICT (id) DO NOTHING`;
    if (inserted === 0) return false;
    await tx.organisationSettings.update({ where: { id: SETTINGS_ROW }, data: { ...values, updatedBy: actor } });
    const changed = (Object.keys(values) as (keyof OrganisationSettingsInput)[]).filter((field) => values[field] !== DEFAULT_ORGANISATION_SETTINGS[field]);
    await recordAuditEntry(tx, { actor, action: "settings.update", subject: "settings:organisation", payload: { changed, from: {}, to: Object.fromEntries(changed.map((f) => [f, values[f]])) } });
    return true;
  });
}
