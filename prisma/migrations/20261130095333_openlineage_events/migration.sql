-- CreateTable
CREATE TABLE "OpenLineageEvent" (
    "hash" TEXT NOT NULL,
    "eventTime" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "receivedBy" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "eventType" TEXT,
    "runId" TEXT,
    "jobNamespace" TEXT,
    "jobName" TEXT,
    "event" JSONB NOT NULL,

    CONSTRAINT "OpenLineageEvent_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "AssetFacets" (
    "assetId" TEXT NOT NULL,
    "facets" JSONB NOT NULL DEFAULT '{}',
    "facetTimes" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssetFacets_pkey" PRIMARY KEY ("assetId")
);

-- CreateIndex
CREATE INDEX "OpenLineageEvent_eventTime_idx" ON "OpenLineageEvent"("eventTime");

-- CreateIndex
CREATE INDEX "OpenLineageEvent_receivedAt_idx" ON "OpenLineageEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "OpenLineageEvent_runId_idx" ON "OpenLineageEvent"("runId");

-- CreateIndex
CREATE INDEX "OpenLineageEvent_jobNamespace_jobName_idx" ON "OpenLineageEvent"("jobNamespace", "jobName");

-- AddForeignKey
ALTER TABLE "AssetFacets" ADD CONSTRAINT "AssetFacets_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
