-- DropIndex
DROP INDEX "AssetLabel_assetId_categoryKey_qualifier_consented_key";

-- DropIndex
DROP INDEX "ZoneCategoryRule_zoneId_categoryKey_minQualifier_requireCon_key";

-- DropIndex
DROP INDEX "ZonePurpose_zoneId_position_key";

-- AlterTable
ALTER TABLE "ZonePurpose" DROP CONSTRAINT "ZonePurpose_pkey",
ADD CONSTRAINT "ZonePurpose_pkey" PRIMARY KEY ("zoneId", "position");
