import { formatLabel } from "@/lib/engine/evaluate";
import { violationsConcerning, type ExplainSubject } from "@/lib/engine/explain";
import type { SelectionExplanation } from "@/lib/graph/responses";
import { edgeStatus } from "@/lib/graph/types";
import { layoutGroupOf } from "@/lib/graph/layout";
import { unzonedGrouping } from "@/lib/graph/zone-flows";
import { AppError } from "../errors";
import { loadGraph } from "./load-graph";

/** What the side panel shows for a selected asset or edge: labels with provenance, violations with the engine's sentence. */
export async function explainGraphSelection(
  selection: { asset: string } | { from: string; to: string },
): Promise<SelectionExplanation> {
  const graph = await loadGraph();
  const { world, evaluation, index } = graph;
  const zoneOf = (id: string | null) => {
    const z = id ? world.zones.find((zone) => zone.id === id) : undefined;
    return z ? { id: z.id, name: z.name, color: z.color } : null;
  };
  // The sentences name assets as the chips beside them do (by name), not by id.
  const nameOf = (id: string) => index.asset.get(id)?.name ?? id;
  const violationsOf = (subject: ExplainSubject) =>
    violationsConcerning(evaluation, subject).map((v) => ({
      kind: v.kind,
      zone: v.zone,
      categories: v.categories,
      explanation: evaluation.explanationNamed(v, nameOf),
      path: v.path,
      edge: v.edge,
    }));
  const annotate = (result: Omit<SelectionExplanation, "zoneOf" | "names">): SelectionExplanation => {
    const ids = new Set<string>();
    for (const v of result.violations) for (const id of [...v.path, ...(v.edge ? [v.edge.from, v.edge.to] : [])]) ids.add(id);
    for (const l of result.labels) for (const id of l.path) ids.add(id);
    const zoneOf: Record<string, string | null> = {};
    const names: Record<string, string> = {};
    const zoneIds = new Set(graph.source.zones.map((z) => z.id));
    const unzoned = unzonedGrouping(graph.source);
    for (const id of ids) {
      const a = index.asset.get(id);
      // The box it is drawn in: an unzoned asset's pseudo-zone, so the zone map can highlight through it too.
      zoneOf[id] = a ? layoutGroupOf(a, zoneIds, unzoned) : null;
      names[id] = nameOf(id);
    }
    return { ...result, zoneOf, names };
  };

  if ("asset" in selection) {
    const a = world.assets.find((x) => x.id === selection.asset);
    if (!a) throw new AppError("NOT_FOUND", `asset: unknown asset "${selection.asset}"`);
    return annotate({
      kind: "asset",
      title: a.name,
      asset: { id: a.id, name: a.name, namespace: a.namespace, kind: a.kind, zone: zoneOf(a.zone), purpose: a.purpose, owner: a.owner },
      labels: evaluation.labelsOf(a.id).map((l) => ({
        text: formatLabel(l.label),
        category: l.label.category,
        qualifier: l.label.qualifier,
        consented: l.label.consented,
        origin: l.origin.asset,
        path: l.path,
      })),
      violations: violationsOf({ asset: a.id }),
    });
  }
  const e = world.edges.find((x) => x.from === selection.from && x.to === selection.to);
  if (!e) throw new AppError("NOT_FOUND", `edge: unknown edge "${selection.from}" → "${selection.to}"`);
  const from = index.asset.get(e.from)!;
  const to = index.asset.get(e.to)!;
  const verdict = evaluation.edgeVerdict(e.from, e.to);
  const pathIds = verdict === "sanctioned" ? evaluation.sanctionedPathsFor(e.from, e.to) : [];
  // Labels that flow along the edge: the source's effective labels (the edge's transforms apply on the way).
  return annotate({
    kind: "edge",
    title: `${from.name} → ${to.name}`,
    edge: {
      from: { id: from.id, name: from.name, zone: from.zone },
      to: { id: to.id, name: to.name, zone: to.zone },
      status: edgeStatus({ verdict, unreviewed: e.reviewState === "unreviewed" }),
      reviewState: e.reviewState,
      reviewedBy: e.reviewedBy,
      reviewedAt: e.reviewedAt,
      transforms: e.transforms,
      signals: e.signals,
      sanctionedPaths: world.sanctionedPaths
        .filter((p) => pathIds.includes(p.id))
        .map((p) => ({ id: p.id, justification: p.justification, categories: p.categories })),
    },
    labels: evaluation.labelsOf(e.from).map((l) => ({
      text: formatLabel(l.label),
      category: l.label.category,
      qualifier: l.label.qualifier,
      consented: l.label.consented,
      origin: l.origin.asset,
      path: l.path,
    })),
    violations: violationsOf({ edge: { from: e.from, to: e.to } }),
  });
}
