// The columns a dataset was seen with and where each output column comes from (OpenLineage schema and
// columnLineage facets), with assets resolved to Zoneline asset ids: the evidence label suggestions read.
export interface DatasetColumns {
  assetId: string;
  columns: { name: string; type: string | null }[];
  /** for an output column, the input columns it is derived from (columnLineage facet) */
  columnLineage: { column: string; inputs: { assetId: string; column: string }[] }[];
}
