// The organisation's details: defaults, who may change them, what is refused, what the audit log records.
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { useTestDatabase } from "@/test/use-database";
import { DEMO_ORGANISATION, getOrganisationSettings, seedOrganisationSettings, updateOrganisationSettings } from "./organisation-settings";

useTestDatabase("settings");

const admin: Actor = { id: "ada", email: "ada@test.zoneline", name: "Ada", roles: ["admin"] };
const legal: Actor = { id: "lee", email: "lee@test.zoneline", name: "Lee", roles: ["legal", "privacy_reviewer"] };
const valid = { organisationName: "Acme GmbH", controllerName: "Acme GmbH", controllerContact: "Hauptstr. 1\n10115 Berlin\nprivacy@acme.test", dpoContact: "", paperSize: "A4" };

describe("organisation settings", () => {
  it("read as empty defaults before anyone saves them", async () => {
    expect(await getOrganisationSettings()).toMatchObject({ organisationName: "", paperSize: "A4", updatedAt: null });
  });

  it("an admin saves them; the audit entry names the changed fields with their old and new values; saving the same again writes nothing", async () => {
    expect(await updateOrganisationSettings(admin, valid)).toEqual({ changed: ["organisationName", "controllerName", "controllerContact"] });
    expect(await getOrganisationSettings()).toMatchObject({ ...valid, updatedBy: "ada@test.zoneline" });
    const entry = await prisma().auditEntry.findFirstOrThrow({ where: { action: "settings.update" } });
    expect(entry).toMatchObject({ actor: "ada@test.zoneline", payload: { changed: ["organisationName", "controllerName", "controllerContact"], from: { organisationName: "" }, to: { organisationName: "Acme GmbH" } } });

    expect(await updateOrganisationSettings(admin, { ...valid, organisationName: "  Acme GmbH  " })).toEqual({ changed: [] });
    expect(await prisma().auditEntry.count({ where: { action: "settings.update" } })).toBe(1);
    await updateOrganisationSettings(admin, { ...valid, paperSize: "LETTER" });
    expect((await getOrganisationSettings()).paperSize).toBe("LETTER");
  });

  it("only admins change them, whatever other roles one holds", async () => {
    const before = await getOrganisationSettings();
    await expect(updateOrganisationSettings(legal, { ...valid, organisationName: "Not Acme" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getOrganisationSettings()).toEqual(before);
  });

  it.each([
    ["an unknown paper size", { ...valid, paperSize: "A3" }, "paperSize: one of A4, LETTER"],
    ["a control character in a name", { ...valid, controllerName: "Acme\u0007" }, "controllerName: no control characters"],
    ["an overlong organisation name", { ...valid, organisationName: "x".repeat(201) }, "organisationName: at most 200 characters"],
    ["a missing field", { ...valid, dpoContact: undefined }, "dpoContact: required"],
  ])("%s is refused naming the field, and nothing is written", async (_, input, message) => {
    const before = { settings: await getOrganisationSettings(), audit: await prisma().auditEntry.count() };
    await expect(updateOrganisationSettings(admin, input)).rejects.toMatchObject({ code: "INVALID_REQUEST", message });
    expect({ settings: await getOrganisationSettings(), audit: await prisma().auditEntry.count() }).toEqual(before);
  });
});

describe("the demo organisation", () => {
  it("never overwrites what an admin saved (the tests above saved settings)", async () => {
    const before = await getOrganisationSettings();
    expect(before.updatedBy).toBe("ada@test.zoneline");
    expect(await seedOrganisationSettings(DEMO_ORGANISATION, "seed")).toBe(false);
    expect(await getOrganisationSettings()).toEqual(before);
  });
});
