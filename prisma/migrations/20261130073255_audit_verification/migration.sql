-- CreateTable
CREATE TABLE "AuditVerification" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "sequence" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3) NOT NULL,
    "fullCheckAt" TIMESTAMPTZ(3),

    CONSTRAINT "AuditVerification_pkey" PRIMARY KEY ("id")
);
