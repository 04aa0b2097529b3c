-- Hand-written (not expressible in schema.prisma; applies to pages written from now on).

-- Every OpenLineage event that runs a pipeline again moves its edges' lastSeen,
-- and every dataset event with facets rewrites the dataset's stored facets:
-- thousands of row updates a second under steady ingestion, none of them to an
-- indexed column. With free room on the page PostgreSQL updates such a row in
-- place (a HOT update) instead of adding an entry to each of LineageEdge's four
-- indexes and leaving the old ones to vacuum.
ALTER TABLE "LineageEdge" SET (fillfactor = 80);
ALTER TABLE "AssetFacets" SET (fillfactor = 80);
