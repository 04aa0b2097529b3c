// What the graph's route handlers answer and the graph screen reads: the server
// use cases build these, the client components consume them, and neither side
// owns the other's code (components import nothing from server/).
import type { ViolationKind } from "../engine/index.ts";
import type { Box, EdgeStatus } from "./types.ts";
import type { GraphView } from "./view.ts";

/** GET /api/v1/graph (and the graph page's first view). */
export interface GraphViewResult extends GraphView {
  /** With a complete detail view: the same view zoomed out (zone boxes, aggregated flows). */
  overview?: GraphView;
  version: string;
  /**
   * Where the selection in the URL is drawn (an asset's box, or the box around an edge's two ends), so a shared
   * link opens on it even when the first view is the zone map and the asset is not among what it sends.
   */
  selectionBox?: Box | null;
  zoneOptions: { id: string; name: string; color: string }[];
  categoryOptions: string[];
}

/** GET /api/v1/graph/explain: what the side panel shows for a selected asset or edge. */
export interface SelectionExplanation {
  kind: "asset" | "edge";
  title: string;
  asset?: { id: string; name: string; namespace: string; kind: string; zone: { id: string; name: string; color: string } | null; purpose: string | null; owner: string | null };
  edge?: {
    from: { id: string; name: string; zone: string | null };
    to: { id: string; name: string; zone: string | null };
    status: EdgeStatus;
    reviewState: string;
    /** who marked it reviewed, and when (ISO-8601); null while unreviewed */
    reviewedBy: string | null;
    reviewedAt: string | null;
    transforms: string[];
    signals: string[];
    sanctionedPaths: { id: string; justification: string | null; categories: string[] }[];
  };
  labels: { text: string; category: string; qualifier: string; consented: boolean; origin: string; path: string[] }[];
  violations: { kind: ViolationKind; zone: string; categories: string[]; explanation: string; path: string[]; edge: { from: string; to: string } | null }[];
  /** The group (zone, or pseudo-zone of unzoned assets) every asset the paths mention is drawn in, so the graph can highlight through collapsed zones and the zone map. */
  zoneOf: Record<string, string | null>;
  /** Names of the assets the labels and paths mention. */
  names: Record<string, string>;
}

/** One hit of GET /api/v1/graph/search: an asset and where it is drawn, to centre on. */
export interface GraphSearchResult {
  id: string;
  name: string;
  namespace: string;
  kind: string;
  zone: string | null;
  x: number;
  y: number;
}
