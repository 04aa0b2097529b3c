import { prisma } from "../db";

/** Every zone's id and name, in name order: the choices of a form that picks zones (evidence exports). */
export async function listZoneNames(): Promise<{ id: string; name: string }[]> {
  return prisma().zone.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}
