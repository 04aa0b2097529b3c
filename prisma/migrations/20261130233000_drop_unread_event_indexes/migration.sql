-- Nothing reads OpenLineageEvent by eventTime, runId or job: the lineage it
-- carries is in Asset and LineageEdge, and evidence bundles page the events by
-- receivedAt (kept). Each of these indexes cost every ingested event a write to
-- a random page of a B-tree (runId and the hash are UUID-like), which at
-- thousands of events a second is a large share of what PostgreSQL does per
-- event. A feature that looks events up by run adds its index back.
DROP INDEX "OpenLineageEvent_eventTime_idx";
DROP INDEX "OpenLineageEvent_runId_idx";
DROP INDEX "OpenLineageEvent_jobNamespace_jobName_idx";
