import { describe, expect, it } from "vitest";
import { Taxonomy } from "../taxonomy/index.ts";
import { checkZoneDraft, zoneIdFromName } from "./zone-draft.ts";

const taxonomy = Taxonomy.default().withCustom({ categories: [{ key: "user.sensor.camera", name: "Camera" }] }).taxonomy;
const valid = { name: "Ads", color: "#2563eb", rules: [{ category: "user.behavior" }], purposes: ["marketing.advertising"] };

describe("zone drafts", () => {
  it("accepts fideslang keys and the world's own, filling the defaults", () => {
    const result = checkZoneDraft({ ...valid, rules: [...valid.rules, { category: "user.sensor.camera", minQualifier: "aggregated", requireConsent: true }] }, taxonomy);
    expect(result).toEqual({
      ok: true,
      draft: {
        id: null,
        name: "Ads",
        description: null,
        color: "#2563eb",
        owner: null,
        mode: "enforcing",
        rules: [
          { category: "user.behavior", minQualifier: "identified", requireConsent: false },
          { category: "user.sensor.camera", minQualifier: "aggregated", requireConsent: true },
        ],
        purposes: ["marketing.advertising"],
        dataSubjects: [],
        retention: null,
      },
    });
  });

  it("keeps data subjects and retention for the record of processing, checked against fideslang's data subjects", () => {
    const result = checkZoneDraft({ ...valid, dataSubjects: ["customer", "prospect"], retention: "  13 months after account closure  " }, taxonomy);
    expect(result.ok && { dataSubjects: result.draft.dataSubjects, retention: result.draft.retention }).toEqual({ dataSubjects: ["customer", "prospect"], retention: "13 months after account closure" });
    expect(checkZoneDraft({ ...valid, dataSubjects: ["customer", "alien", "customer"], retention: "" }, taxonomy)).toEqual({
      ok: false,
      errors: ['dataSubjects[1]: unknown data subject "alien"', 'dataSubjects[2]: "customer" is already dataSubjects[0]'],
    });
    expect(checkZoneDraft({ ...valid, retention: "x".repeat(1001) }, taxonomy)).toEqual({ ok: false, errors: ["retention: at most 1000 characters"] });
  });

  it("names every bad field at once", () => {
    expect(checkZoneDraft({ ...valid, name: " ", color: "blue", mode: "strict", rules: [{ category: "user", minQualifier: "anonymous" }] }, taxonomy)).toEqual({
      ok: false,
      errors: ["name: required", 'color: a colour "#rrggbb"', "mode: one of enforcing, logging", "rules[0].minQualifier: one of identified, pseudonymized, aggregated"],
    });
    expect(checkZoneDraft({ ...valid, rules: [{ category: "user" }, { category: "user" }, { category: "user.foo" }], purposes: ["marketing.advertising", "fun", "marketing.advertising"] }, taxonomy)).toEqual({
      ok: false,
      errors: ['rules[2].category: unknown category "user.foo"', 'purposes[1]: unknown purpose "fun"', 'purposes[2]: "marketing.advertising" is already purposes[0]'],
    });
  });

  it("makes ids from names as the demo's zones are written", () => {
    expect(zoneIdFromName("AI Training")).toBe("ai_training");
    expect(zoneIdFromName("  Identity & Core User Data ")).toBe("identity_core_user_data");
    expect(zoneIdFromName("Équipe données")).toBe("equipe_donnees");
    expect(zoneIdFromName("!!!")).toBe("");
  });
});
