-- CreateEnum
CREATE TYPE "LabelSuggestionStatus" AS ENUM ('pending', 'accepted', 'dismissed');

-- CreateEnum
CREATE TYPE "LabelSuggestionEvidence" AS ENUM ('pattern', 'lineage');

-- CreateTable
CREATE TABLE "LabelSuggestion" (
    "id" SERIAL NOT NULL,
    "assetId" TEXT NOT NULL,
    "column" TEXT NOT NULL,
    "categoryKey" TEXT NOT NULL,
    "qualifier" "Qualifier" NOT NULL DEFAULT 'identified',
    "evidence" "LabelSuggestionEvidence" NOT NULL,
    "pattern" TEXT NOT NULL,
    "sourceAssetId" TEXT,
    "sourceColumn" TEXT,
    "status" "LabelSuggestionStatus" NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LabelSuggestion_status_categoryKey_idx" ON "LabelSuggestion"("status", "categoryKey");

-- CreateIndex
CREATE INDEX "LabelSuggestion_categoryKey_idx" ON "LabelSuggestion"("categoryKey");

-- CreateIndex
CREATE UNIQUE INDEX "LabelSuggestion_assetId_column_categoryKey_key" ON "LabelSuggestion"("assetId", "column", "categoryKey");

-- AddForeignKey
ALTER TABLE "LabelSuggestion" ADD CONSTRAINT "LabelSuggestion_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
