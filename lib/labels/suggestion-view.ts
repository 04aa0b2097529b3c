// A label suggestion as the pages show it (the asset page, the reviewer's list):
// plain data, shared by the data layer that builds it and the components that draw it.
export type SuggestionStatus = "pending" | "accepted" | "dismissed";

export interface LabelSuggestionView {
  id: number;
  asset: { id: string; namespace: string; name: string };
  column: string;
  category: string;
  categoryName: string | null;
  qualifier: string;
  evidence: { kind: "pattern"; pattern: string } | { kind: "lineage"; pattern: string; sourceAssetId: string | null; sourceColumn: string | null };
  status: SuggestionStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}
