import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type Permission, type Role } from "./permissions";

// DESIGN.md's table, cell by cell (yes = the role may).
const DESIGN_TABLE: Record<Permission, Record<Role, boolean>> = {
  read: { engineer: true, privacy_reviewer: true, legal: true, admin: true },
  "path.request": { engineer: true, privacy_reviewer: true, legal: false, admin: false },
  "path.decide": { engineer: false, privacy_reviewer: true, legal: false, admin: false },
  "edge.review": { engineer: false, privacy_reviewer: true, legal: false, admin: false },
  // label suggestions (issue 10): reviewed by those who mark edges reviewed
  "labels.review": { engineer: false, privacy_reviewer: true, legal: false, admin: false },
  "zone.edit": { engineer: false, privacy_reviewer: true, legal: false, admin: false },
  "world.evaluate": { engineer: false, privacy_reviewer: true, legal: false, admin: true },
  "evidence.export": { engineer: false, privacy_reviewer: true, legal: true, admin: false },
  "admin.manage": { engineer: false, privacy_reviewer: false, legal: false, admin: true },
};

describe("roles and permissions (DESIGN.md)", () => {
  it("every cell of the table", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(DESIGN_TABLE).sort());
    for (const permission of Object.keys(DESIGN_TABLE) as Permission[]) {
      for (const role of ROLES) expect({ permission, role, may: can([role], permission) }).toEqual({ permission, role, may: DESIGN_TABLE[permission][role] });
    }
  });
  it("several roles give the union; no role gives nothing", () => {
    expect(can(["legal", "engineer"], "path.request")).toBe(true);
    expect(can(["legal", "engineer"], "evidence.export")).toBe(true);
    expect(can([], "read")).toBe(false);
  });
  it("an admin is not a reviewer unless also given that role", () => {
    expect(can(["admin"], "path.decide")).toBe(false);
    expect(can(["admin", "privacy_reviewer"], "path.decide")).toBe(true);
  });
});
