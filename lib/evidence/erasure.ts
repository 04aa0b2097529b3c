// The erasure impact as a report: the engine's answer (lib/engine/erasure-impact.ts)
// with what a team forwarding a deletion needs beside each asset: its name,
// zone and owner, and the path by names. The page, the CSV checklist and
// the PDF checklist render this one model.
import type { ErasureImpact } from "../engine/erasure-impact.ts";
import { formatLabel } from "../engine/evaluate.ts";
import type { Label, World } from "../world/schema.ts";

export type ErasureAsset = { id: string; name: string; namespace: string; kind: string; zone: { id: string; name: string; color: string } | null; owner: string | null };

export type ErasureRow = ErasureAsset & {
  distance: number;
  /** from the source to this asset, both included */
  path: { id: string; name: string }[];
  categories: string[];
  labels: Label[];
  /** the source's label followed along `path`, and what it became */
  pathLabel: { atSource: Label; onArrival: Label };
};

export type ErasureReport = {
  generatedAt: string;
  source: ErasureAsset & { labels: Label[] };
  rows: ErasureRow[];
};

export function buildErasureReport(world: Pick<World, "zones" | "assets">, impact: ErasureImpact, at: Date): ErasureReport {
  const zones = new Map(world.zones.map((zone) => [zone.id, { id: zone.id, name: zone.name, color: zone.color }]));
  const assets = new Map(world.assets.map((asset) => [asset.id, asset]));
  const describe = (id: string): ErasureAsset => {
    const asset = assets.get(id);
    if (!asset) return { id, name: id, namespace: "", kind: "", zone: null, owner: null };
    return { id, name: asset.name, namespace: asset.namespace, kind: asset.kind, zone: asset.zone === null ? null : (zones.get(asset.zone) ?? { id: asset.zone, name: asset.zone, color: "#64748b" }), owner: asset.owner };
  };
  return {
    generatedAt: at.toISOString(),
    source: { ...describe(impact.source), labels: impact.sourceLabels },
    rows: impact.reached.map((entry) => ({
      ...describe(entry.asset),
      distance: entry.distance,
      path: entry.path.map((id) => ({ id, name: assets.get(id)?.name ?? id })),
      categories: entry.categories,
      labels: entry.labels,
      pathLabel: entry.pathLabel,
    })),
  };
}

/** Assets the PDF checklist prints after the source, nearest first; the CSV holds them all (the PDF says so when it cuts). */
export const ERASURE_PDF_ROWS = 2_000;

export const ERASURE_COLUMNS = ["Step", "Asset id", "Namespace", "Name", "Kind", "Zone", "Owner", "Categories", "Labels", "Edges from source", "Path", "Forwarded?", "Forwarded on", "Notes"] as const;

/**
 * The checklist: the source first (delete it there), then every asset holding
 * derived data, nearest first; "Forwarded?", "Forwarded on" and "Notes" are
 * left empty for the team working through it.
 */
export function erasureChecklistTable(report: ErasureReport): { header: readonly string[]; rows: (string | number)[][] } {
  const { source } = report;
  const sourceRow = [0, source.id, source.namespace, source.name, source.kind, source.zone?.name ?? "", source.owner ?? "", [...new Set(source.labels.map((l) => l.category))].join("; "), source.labels.map(formatLabel).join("; "), 0, source.name, "", "", "the deletion request's source"];
  const rows = report.rows.map((row, i) => [
    i + 1,
    row.id,
    row.namespace,
    row.name,
    row.kind,
    row.zone?.name ?? "",
    row.owner ?? "",
    row.categories.join("; "),
    row.labels.map(formatLabel).join("; "),
    row.distance,
    row.path.map((step) => step.name).join(" → "),
    "",
    "",
    "",
  ]);
  return { header: ERASURE_COLUMNS, rows: [sourceRow, ...rows] };
}
