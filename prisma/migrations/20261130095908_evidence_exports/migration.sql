-- CreateEnum
CREATE TYPE "EvidenceExportStatus" AS ENUM ('queued', 'running', 'done', 'failed');

-- CreateTable
CREATE TABLE "EvidenceExport" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "status" "EvidenceExportStatus" NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "phase" TEXT NOT NULL DEFAULT 'queued',
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "heartbeatAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "fileName" TEXT,
    "contentType" TEXT,
    "bytes" INTEGER,
    "sha256" TEXT,
    "file" BYTEA,
    "error" TEXT,

    CONSTRAINT "EvidenceExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EvidenceExport_requestedAt_idx" ON "EvidenceExport"("requestedAt");

-- CreateIndex
CREATE INDEX "EvidenceExport_status_idx" ON "EvidenceExport"("status");
