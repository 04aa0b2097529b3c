import { GRAPHIC_CONTRAST, TEXT_CONTRAST, blend, readableShade } from "@/lib/color/contrast";
import type { EdgeStatus } from "@/lib/graph/types";
import type { ZoneFlow } from "@/lib/graph/zone-flows";

/** The canvas behind the graph (bg-slate-50 in graph-screen). */
export const CANVAS_BG = "#f8fafc";

// A verdict colour as a line on the canvas must reach 3:1 (WCAG 1.4.11); as the fill of a pill with white text, 4.5:1.
const verdict = (color: string, label: string, dashed: boolean, description: string) => ({
  color: readableShade(color, CANVAS_BG, GRAPHIC_CONTRAST),
  pill: readableShade(color, "#ffffff", TEXT_CONTRAST),
  label,
  dashed,
  description,
});

/** One source for the edge colours: the canvas and the legend both read it. */
export const STATUS_STYLE: Record<EdgeStatus, { color: string; pill: string; label: string; dashed: boolean; description: string }> = {
  permitted: verdict("#94a3b8", "Permitted flow", false, "stays inside what the zones allow"),
  sanctioned: verdict("#16a34a", "Sanctioned crossing", false, "crosses a zone boundary on an approved path (hover for its name)"),
  violation: verdict("#dc2626", "Violation", false, "crossing without a sanctioned path, or data the zone does not allow"),
  unreviewed: verdict("#d97706", "Unreviewed new edge", true, "seen for the first time, not yet reviewed"),
};

const zoneText = new Map<string, string>();
/**
 * A zone's name is written in the zone's own colour over the zone's tint (`tint(color, tintAlpha)` on the
 * canvas): the lightest shade of that colour that reads at 4.5:1 there (a yellow or light green zone gets a
 * darker yellow or green; a dark blue stays as it is).
 */
export function zoneTextColor(color: string, tintAlpha: number): string {
  const key = `${color}|${tintAlpha}`;
  let text = zoneText.get(key);
  if (!text) {
    try {
      text = readableShade(color, blend(color, tintAlpha, CANVAS_BG), TEXT_CONTRAST);
    } catch {
      text = "#0f172a"; // not a hex colour: plain dark text
    }
    zoneText.set(key, text);
  }
  return text;
}

export function tint(hex: string, alpha: number): string {
  const a = Math.round(alpha * 255)
    .toString(16)
    .padStart(2, "0");
  return `${hex}${a}`;
}

/** A zone flow's counts as data attributes: the map's arrows and the matrix's cells carry the same ones, so a test can compare the two views. */
export function flowCountAttributes(flow: Pick<ZoneFlow, "edges" | "violation" | "sanctioned" | "permitted" | "unreviewed">) {
  return {
    "data-edges": flow.edges,
    "data-violation": flow.violation,
    "data-sanctioned": flow.sanctioned,
    "data-permitted": flow.permitted,
    "data-unreviewed": flow.unreviewed,
  };
}
