import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ViolationKind as PrismaViolationKind } from "@/generated/prisma/enums";
import { VIOLATION_KINDS } from "@/lib/engine";
import { VIOLATION_KIND_LABELS, violationKindLabel } from "@/lib/violation-labels";

// The engine's VIOLATION_KINDS is the one list of kinds. The database enum is a
// copy Prisma needs; these tests keep it equal, order included: Postgres sorts an
// enum column by declaration order, and the engine sorts violations by this order.
describe("violation kinds have one source", () => {
  it("the Prisma schema's ViolationKind enum lists VIOLATION_KINDS, in order", () => {
    const schema = fs.readFileSync(path.resolve(import.meta.dirname, "../prisma/schema.prisma"), "utf8");
    const block = /^enum ViolationKind \{([^}]*)\}/m.exec(schema);
    expect(block, "enum ViolationKind in prisma/schema.prisma").not.toBeNull();
    const values = block![1]
      .split("\n")
      .map((line) => line.replace(/\/\/.*$/, "").trim())
      .filter(Boolean);
    expect(values).toEqual([...VIOLATION_KINDS]);
  });

  it("the generated Prisma client's enum equals VIOLATION_KINDS, in order", () => {
    expect(Object.values(PrismaViolationKind)).toEqual([...VIOLATION_KINDS]);
  });

  it("every kind has exactly one human label, and no label names a kind that does not exist", () => {
    expect(Object.keys(VIOLATION_KIND_LABELS).sort()).toEqual([...VIOLATION_KINDS].sort());
    for (const kind of VIOLATION_KINDS) expect(violationKindLabel(kind)).toBe(VIOLATION_KIND_LABELS[kind]);
    expect(violationKindLabel("something_else")).toBe("something_else");
    expect(violationKindLabel("toString")).toBe("toString");
  });
});
