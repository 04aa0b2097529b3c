import type { EdgeStatus } from "@/lib/graph/types";

/** One source for the edge colours: the canvas and the legend both read it. */
export const STATUS_STYLE: Record<EdgeStatus, { color: string; label: string; dashed: boolean; description: string }> = {
  permitted: { color: "#94a3b8", label: "Permitted flow", dashed: false, description: "stays inside what the zones allow" },
  sanctioned: { color: "#16a34a", label: "Sanctioned crossing", dashed: false, description: "crosses a zone boundary on an approved path (hover for its name)" },
  violation: { color: "#dc2626", label: "Violation", dashed: false, description: "crossing without a sanctioned path, or data the zone does not allow" },
  unreviewed: { color: "#d97706", label: "Unreviewed new edge", dashed: true, description: "seen for the first time, not yet reviewed" },
};

export function tint(hex: string, alpha: number): string {
  const a = Math.round(alpha * 255)
    .toString(16)
    .padStart(2, "0");
  return `${hex}${a}`;
}
