-- Every evaluation run rewrites the explanation and path of the open violations
-- whose provenance changed (thousands per run when ingestion brings new lineage).
-- None of those columns is indexed, so with free room on the page PostgreSQL
-- updates the row in place (a HOT update) instead of writing every index again.
-- Not expressible in schema.prisma; applies to pages written from now on.
ALTER TABLE "Violation" SET (fillfactor = 70);
