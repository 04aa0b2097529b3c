-- AlterTable
ALTER TABLE "Zone" ADD COLUMN     "dataSubjects" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "retention" TEXT;
