// The reviewers' queue: pending requests, oldest first, each with what
// approving it would do (the engine's dry run on the current world) and a link
// to the lineage it concerns on the graph.
import type { DryRun } from "@/lib/engine/dry-run";
import { EMPTY_VIEW, serializeViewState } from "@/lib/graph/view-state";
import { prisma } from "../db";
import { currentWorldState } from "../world/world-state";
import { worldPathOf } from "./path-rows";

/** The graph focused on what a path concerns: the first crossing it changes, within its two zones. */
export function lineageLink(path: { from: string; to: string | null }, dry: DryRun): string {
  const edge = dry.resolves.find((v) => v.edge)?.edge ?? dry.changes.find((c) => c.violation.edge)?.violation.edge ?? dry.unresolved[0]?.edge ?? dry.opens.find((v) => v.edge)?.edge ?? null;
  const zones = path.to ? [path.from, path.to] : [path.from];
  const query = serializeViewState({ ...EMPTY_VIEW, zones: edge ? [] : zones, selected: edge ? { kind: "edge", ...edge } : null, focus: edge ? edge.from : null, depth: 1 });
  return `/graph${query ? `?${query}` : ""}`;
}

export async function listReviewQueue() {
  const [rows, state] = await Promise.all([
    prisma().sanctionedPath.findMany({
      where: { status: "pending" },
      orderBy: [{ requestedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
      include: { fromZone: { select: { id: true, name: true, color: true } }, toZone: { select: { id: true, name: true, color: true } } },
    }),
    currentWorldState(),
  ]);
  return rows.map((row) => {
    const path = worldPathOf(row);
    const dryRun = state.dryRun({ kind: "putSanctionedPath", path: { ...path, status: "approved", reviewer: null } });
    return { path, fromZone: row.fromZone, toZone: row.toZone, dryRun, lineage: lineageLink(path, dryRun) };
  });
}
