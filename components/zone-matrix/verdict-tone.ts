import type { EdgeStatus } from "@/lib/graph/types";
import type { Tone } from "@/components/ui/chips";

/** How a verdict reads in tables and matrix cells: light fills with dark text (WCAG AA contrast), the graph's line colour as the accent. */
export const VERDICT_TONE: Record<EdgeStatus, { badge: Tone; label: string; cell: string; accent: string }> = {
  violation: { badge: "red", label: "violation", cell: "bg-rose-50 hover:bg-rose-100", accent: "#dc2626" },
  unreviewed: { badge: "amber", label: "unreviewed", cell: "bg-amber-50 hover:bg-amber-100", accent: "#d97706" },
  sanctioned: { badge: "green", label: "sanctioned", cell: "bg-emerald-50 hover:bg-emerald-100", accent: "#16a34a" },
  permitted: { badge: "slate", label: "permitted", cell: "bg-slate-50 hover:bg-slate-100", accent: "#94a3b8" },
};

/** Text colours for the counts, dark enough on the light fills above. */
export const COUNT_TEXT = { violation: "text-rose-800", sanctioned: "text-emerald-800", permitted: "text-slate-700", unreviewed: "text-amber-800" } as const;
