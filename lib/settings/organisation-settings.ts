// The organisation's details: shared by the Settings form and the server that
// saves them, and read by evidence exports (the report's title page, the
// record of processing's controller block, GDPR Art. 30(1)(a)).
import { z } from "zod";

export const PAPER_SIZES = ["A4", "LETTER"] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

const text = (field: string, max: number) =>
  z
    .string({ error: `${field}: required` })
    .trim()
    .max(max, `${field}: at most ${max} characters`)
    // newlines are allowed in contacts (a postal address); other control characters are not
    .regex(/^[^\u0000-\u0009\u000b-\u001f\u007f]*$/u, `${field}: no control characters`);

export const OrganisationSettingsInput = z.object({
  organisationName: text("organisationName", 200),
  controllerName: text("controllerName", 200),
  controllerContact: text("controllerContact", 1000),
  dpoContact: text("dpoContact", 1000),
  paperSize: z.enum(PAPER_SIZES, { error: `paperSize: one of ${PAPER_SIZES.join(", ")}` }),
});
export type OrganisationSettingsInput = z.infer<typeof OrganisationSettingsInput>;

export interface OrganisationSettings extends OrganisationSettingsInput {
  updatedAt: Date | null;
  updatedBy: string | null;
}

export const DEFAULT_ORGANISATION_SETTINGS: OrganisationSettings = {
  organisationName: "",
  controllerName: "",
  controllerContact: "",
  dpoContact: "",
  paperSize: "A4",
  updatedAt: null,
  updatedBy: null,
};

/** What a report prints when the admin has not named the organisation yet. */
export const organisationLabel = (settings: Pick<OrganisationSettings, "organisationName">) => settings.organisationName || "(organisation not named: set it in Settings)";
