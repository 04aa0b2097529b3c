-- CreateTable
CREATE TABLE "OrganisationSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "organisationName" TEXT NOT NULL DEFAULT '',
    "controllerName" TEXT NOT NULL DEFAULT '',
    "controllerContact" TEXT NOT NULL DEFAULT '',
    "dpoContact" TEXT NOT NULL DEFAULT '',
    "paperSize" TEXT NOT NULL DEFAULT 'A4',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT,

    CONSTRAINT "OrganisationSettings_pkey" PRIMARY KEY ("id")
);
