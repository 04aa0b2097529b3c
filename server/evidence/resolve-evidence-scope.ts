// An evidence scope checked against the database: every zone it names must
// exist (an unknown zone is refused, naming it), and "all zones" is resolved to
// the zones there are, so an export lists what it covered.
import { readEvidenceScope, type EvidenceScope } from "@/lib/evidence/evidence-scope";
import { prisma } from "../db";
import { AppError } from "../errors";

export interface ResolvedEvidenceScope extends EvidenceScope {
  /** true when the caller named no zone: the export covers every zone, including ones created later in the period */
  allZones: boolean;
  /** the zones covered, with their names, in id order */
  zoneList: { id: string; name: string }[];
}

export async function resolveEvidenceScope(input: unknown): Promise<ResolvedEvidenceScope> {
  const read = readEvidenceScope(input);
  if (!read.ok) throw new AppError("INVALID_REQUEST", read.message, read.details);
  const { scope } = read;
  const zones = await prisma().zone.findMany({ where: scope.zones.length ? { id: { in: scope.zones } } : {}, select: { id: true, name: true }, orderBy: { id: "asc" } });
  const unknown = scope.zones.filter((id) => !zones.some((zone) => zone.id === id));
  if (unknown.length) {
    const message = `zones: unknown zone${unknown.length > 1 ? "s" : ""} ${unknown.map((id) => `"${id}"`).join(", ")}`;
    throw new AppError("INVALID_REQUEST", message, [message]);
  }
  return { ...scope, allZones: scope.zones.length === 0, zoneList: zones };
}
