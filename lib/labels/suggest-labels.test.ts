import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Taxonomy } from "../taxonomy/index.ts";
import patternsFile from "./column-patterns.json" with { type: "json" };
import type { DatasetColumns } from "./dataset-columns.ts";
import { COLUMN_PATTERNS, columnWords, compilePatterns, matchColumn, suggestLabels, type KnownSuggestion } from "./suggest-labels.ts";

const categoriesOf = (column: string) => matchColumn(column).map((m) => m.category);
const dataset = (assetId: string, columns: string[], columnLineage: DatasetColumns["columnLineage"] = []): DatasetColumns => ({
  assetId,
  columns: columns.map((name) => ({ name, type: null })),
  columnLineage,
});

describe("the column-pattern dictionary", () => {
  it("parses, and every category is a fideslang category, in the shared data and in the app's taxonomy", () => {
    const shared = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../../shared/data/fideslang/data_categories.json"), "utf8")) as {
      data_category: { fides_key: string }[];
    };
    const sharedKeys = new Set(shared.data_category.map((c) => c.fides_key));
    const taxonomy = Taxonomy.default();
    const unknown = COLUMN_PATTERNS.filter((p) => !sharedKeys.has(p.category) || !taxonomy.hasCategory(p.category)).map((p) => `${p.pattern}: ${p.category}`);
    expect(unknown).toEqual([]);
  });

  it("has between 40 and 130 patterns, each with a rationale, none twice (as words), none that splits into nothing", () => {
    expect(COLUMN_PATTERNS.length).toBeGreaterThanOrEqual(40);
    expect(COLUMN_PATTERNS.length).toBeLessThanOrEqual(130);
    const seen = new Map<string, string>();
    for (const p of COLUMN_PATTERNS) {
      expect(p.words.length, p.pattern).toBeGreaterThan(0);
      expect(p.rationale.trim().length, p.pattern).toBeGreaterThan(5);
      const key = `${p.match}:${p.words.join(" ")}`;
      expect(seen.get(key), `${p.pattern} repeats ${seen.get(key)}`).toBeUndefined();
      seen.set(key, p.pattern);
    }
  });

  it("covers the common personal-data columns", () => {
    const expected: Record<string, string> = {
      email: "user.contact.email",
      phone: "user.contact.phone_number",
      first_name: "user.name.first",
      last_name: "user.name.last",
      street: "user.contact.address.street",
      zip: "user.contact.address.postal_code",
      ip_address: "user.device.ip_address",
      device_id: "user.device.device_id",
      advertising_id: "user.device.device_id",
      lat: "user.location.precise",
      lon: "user.location.precise",
      geo_city: "user.location.imprecise",
      dob: "user.demographic.date_of_birth",
      gender: "user.demographic.gender",
      ssn: "user.government_id.national_identification_number",
      credit_card: "user.financial.credit_card",
      user_id: "user.unique_id",
      account_id: "user.unique_id",
      cookie_id: "user.device.cookie_id",
      session_id: "user.device.cookie_id",
      fingerprint: "user.biometric.fingerprint",
      diagnosis: "user.health_and_medical",
    };
    for (const [column, category] of Object.entries(expected)) expect({ column, categories: categoriesOf(column) }).toEqual({ column, categories: [category] });
  });

  it("refuses an entry with an unknown field or without a rationale", () => {
    expect(() => compilePatterns({ patterns: [{ pattern: "x", category: "user", rationale: "r", extra: 1 }] })).toThrow();
    expect(() => compilePatterns({ patterns: [{ pattern: "x", category: "user" }] })).toThrow();
    expect(() => compilePatterns({ patterns: [{ pattern: "x", category: "user", rationale: "r", qualifier: "secret" }] })).toThrow();
    expect(compilePatterns(patternsFile).length).toBe(COLUMN_PATTERNS.length);
  });
});

describe("column names are split into words", () => {
  it("on underscores, hyphens, dots, spaces, camelCase, acronyms and digits", () => {
    expect(columnWords("user_email")).toEqual(["user", "email"]);
    expect(columnWords("EmailAddress")).toEqual(["email", "address"]);
    expect(columnWords("contact.email")).toEqual(["contact", "email"]);
    expect(columnWords("IPAddress")).toEqual(["ip", "address"]);
    expect(columnWords("client-IP")).toEqual(["client", "ip"]);
    expect(columnWords("address_line1")).toEqual(["address", "line", "1"]);
    expect(columnWords("  Date Of Birth ")).toEqual(["date", "of", "birth"]);
  });
});

describe("matching a column name", () => {
  it("matches whole words anywhere in the name, however it is written", () => {
    for (const column of ["email", "user_email", "EmailAddress", "contact.email", "EMAIL", "primary-email"]) expect({ column, categories: categoriesOf(column) }).toEqual({ column, categories: ["user.contact.email"] });
  });

  it("does not match part of a word: emailed_count, zipper and salon are not personal data", () => {
    expect(categoriesOf("emailed_count")).toEqual([]);
    expect(categoriesOf("zipper_color")).toEqual([]);
    expect(categoriesOf("salon")).toEqual([]);
    expect(categoriesOf("page_views")).toEqual([]);
  });

  it("a match inside a longer match is dropped: ip_address is an IP address, not a postal address", () => {
    expect(categoriesOf("ip_address")).toEqual(["user.device.ip_address"]);
    expect(categoriesOf("mac_address")).toEqual(["user.device.device_id"]);
    expect(categoriesOf("device_fingerprint")).toEqual(["user.device.device_id"]);
    expect(categoriesOf("ip_country")).toEqual(["user.location.imprecise"]);
  });

  it("of two categories where one covers the other, the narrower stays: street_address is a street", () => {
    expect(categoriesOf("street_address")).toEqual(["user.contact.address.street"]);
    expect(categoriesOf("billing_address")).toEqual(["user.contact.address"]);
  });

  it("whole-name patterns match only the whole name: name and long, but not product_name or long_description", () => {
    expect(categoriesOf("name")).toEqual(["user.name"]);
    expect(categoriesOf("product_name")).toEqual([]);
    expect(categoriesOf("long")).toEqual(["user.location.precise"]);
    expect(categoriesOf("long_description")).toEqual([]);
  });

  it("a column may suggest several unrelated categories, and reports the pattern and qualifier", () => {
    expect(matchColumn("user_id_and_email")).toEqual([
      { category: "user.contact.email", qualifier: "identified", pattern: "email" },
      { category: "user.unique_id", qualifier: "identified", pattern: "user_id" },
    ]);
    expect(matchColumn("hashed_email")).toEqual([{ category: "user.contact.email", qualifier: "pseudonymized", pattern: "hashed_email" }]);
  });
});

describe("suggesting labels for datasets", () => {
  it("suggests per column by pattern, with the pattern as evidence", () => {
    const drafts = suggestLabels([dataset("users", ["id", "email", "signup_ip", "plan"])], []);
    expect(drafts).toEqual([
      { assetId: "users", column: "email", category: "user.contact.email", qualifier: "identified", evidence: { kind: "pattern", pattern: "email" } },
      { assetId: "users", column: "signup_ip", category: "user.device.ip_address", qualifier: "identified", evidence: { kind: "pattern", pattern: "ip" } },
    ]);
  });

  it("suggests nothing that is already known, whatever its status", () => {
    const known: KnownSuggestion[] = [
      { assetId: "users", column: "email", category: "user.contact.email", qualifier: "identified", pattern: "email", status: "dismissed" },
      { assetId: "users", column: "signup_ip", category: "user.device.ip_address", qualifier: "identified", pattern: "ip", status: "pending" },
    ];
    expect(suggestLabels([dataset("users", ["email", "signup_ip"])], known)).toEqual([]);
  });

  it("carries a suggestion through column lineage to the output column derived from it", () => {
    const drafts = suggestLabels(
      [dataset("users", ["email"]), dataset("contacts", ["contact_key"], [{ column: "contact_key", inputs: [{ assetId: "users", column: "email" }] }])],
      [],
    );
    expect(drafts).toContainEqual({
      assetId: "contacts",
      column: "contact_key",
      category: "user.contact.email",
      qualifier: "identified",
      evidence: { kind: "lineage", pattern: "email", sourceAssetId: "users", sourceColumn: "email" },
    });
  });

  it("carries from a stored pending or accepted suggestion, along a chain, keeping the pattern that started it", () => {
    const known: KnownSuggestion[] = [{ assetId: "raw", column: "e", category: "user.contact.email", qualifier: "pseudonymized", pattern: "hashed_email", status: "accepted" }];
    const drafts = suggestLabels(
      [
        dataset("c", [], [{ column: "z", inputs: [{ assetId: "b", column: "y" }] }]),
        dataset("b", [], [{ column: "y", inputs: [{ assetId: "raw", column: "e" }] }]),
      ],
      known,
    );
    expect(drafts).toEqual([
      { assetId: "b", column: "y", category: "user.contact.email", qualifier: "pseudonymized", evidence: { kind: "lineage", pattern: "hashed_email", sourceAssetId: "raw", sourceColumn: "e" } },
      { assetId: "c", column: "z", category: "user.contact.email", qualifier: "pseudonymized", evidence: { kind: "lineage", pattern: "hashed_email", sourceAssetId: "b", sourceColumn: "y" } },
    ]);
  });

  it("does not carry a dismissed suggestion, and does not re-suggest a dismissed one downstream", () => {
    const lineage = [{ column: "y", inputs: [{ assetId: "a", column: "email" }] }];
    expect(suggestLabels([dataset("b", [], lineage)], [{ assetId: "a", column: "email", category: "user.contact.email", qualifier: "identified", pattern: "email", status: "dismissed" }])).toEqual([]);
    // dismissed on the output column: the pending input does not bring it back
    expect(
      suggestLabels(
        [dataset("b", [], lineage)],
        [
          { assetId: "a", column: "email", category: "user.contact.email", qualifier: "identified", pattern: "email", status: "pending" },
          { assetId: "b", column: "y", category: "user.contact.email", qualifier: "identified", pattern: "email", status: "dismissed" },
        ],
      ),
    ).toEqual([]);
  });

  it("prefers a column's own name over lineage, and terminates on a lineage cycle", () => {
    const drafts = suggestLabels(
      [
        dataset("a", ["email"], [{ column: "email", inputs: [{ assetId: "b", column: "mail" }] }]),
        dataset("b", ["mail"], [{ column: "mail", inputs: [{ assetId: "a", column: "email" }] }]),
      ],
      [],
    );
    expect(drafts.map((d) => [d.assetId, d.column, d.category, d.evidence.kind])).toEqual([
      ["a", "email", "user.contact.email", "pattern"],
      ["b", "mail", "user.contact.email", "lineage"],
    ]);
  });
});
