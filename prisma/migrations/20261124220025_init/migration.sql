-- CreateEnum
CREATE TYPE "Qualifier" AS ENUM ('identified', 'pseudonymized', 'aggregated');

-- CreateEnum
CREATE TYPE "ZoneMode" AS ENUM ('enforcing', 'logging');

-- CreateEnum
CREATE TYPE "AssetKind" AS ENUM ('web_endpoint', 'logger', 'table', 'stream', 'rpc_service', 'model_inference', 'batch_job', 'training_job', 'checkpoint', 'report');

-- CreateEnum
CREATE TYPE "Signal" AS ENUM ('web_probe', 'logger_config', 'sql', 'processing_log', 'rpc', 'training_manifest', 'openlineage', 'manual');

-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('unreviewed', 'reviewed');

-- CreateEnum
CREATE TYPE "PathStatus" AS ENUM ('pending', 'approved', 'rejected', 'revoked');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('engineer', 'reviewer', 'legal', 'admin');

-- CreateEnum
CREATE TYPE "ViolationKind" AS ENUM ('category_not_permitted', 'purpose_not_permitted', 'unsanctioned_crossing');

-- CreateTable
CREATE TABLE "DataCategory" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "parentKey" TEXT,
    "custom" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "DataCategory_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Purpose" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "parentKey" TEXT,
    "custom" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Purpose_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Zone" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "color" TEXT NOT NULL,
    "owner" TEXT,
    "mode" "ZoneMode" NOT NULL DEFAULT 'enforcing',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Zone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZoneCategoryRule" (
    "zoneId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "categoryKey" TEXT NOT NULL,
    "minQualifier" "Qualifier" NOT NULL DEFAULT 'identified',
    "requireConsent" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ZoneCategoryRule_pkey" PRIMARY KEY ("zoneId","position")
);

-- CreateTable
CREATE TABLE "ZonePurpose" (
    "zoneId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "purposeKey" TEXT NOT NULL,

    CONSTRAINT "ZonePurpose_pkey" PRIMARY KEY ("zoneId","purposeKey")
);

-- CreateTable
CREATE TABLE "Asset" (
    "id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AssetKind" NOT NULL,
    "zoneId" TEXT,
    "purposeKey" TEXT,
    "owner" TEXT,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Asset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssetLabel" (
    "assetId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "categoryKey" TEXT NOT NULL,
    "qualifier" "Qualifier" NOT NULL,
    "consented" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "AssetLabel_pkey" PRIMARY KEY ("assetId","position")
);

-- CreateTable
CREATE TABLE "LineageEdge" (
    "id" SERIAL NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "signals" "Signal"[],
    "transforms" TEXT[],
    "firstSeen" TIMESTAMP(3),
    "lastSeen" TIMESTAMP(3),
    "reviewState" "ReviewState" NOT NULL DEFAULT 'unreviewed',
    "reviewedBy" TEXT,
    "reviewedAt" TIMESTAMP(3),

    CONSTRAINT "LineageEdge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SanctionedPath" (
    "id" TEXT NOT NULL,
    "fromZoneId" TEXT NOT NULL,
    "toZoneId" TEXT,
    "categories" TEXT[],
    "purposeKey" TEXT,
    "justification" TEXT,
    "requester" TEXT,
    "reviewer" TEXT,
    "status" "PathStatus" NOT NULL DEFAULT 'pending',
    "expiresAt" TIMESTAMP(3),
    "requestedAt" TIMESTAMP(3),
    "reviewedAt" TIMESTAMP(3),
    "reviewNote" TEXT,

    CONSTRAINT "SanctionedPath_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "sequence" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("sequence")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'engineer',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationRun" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "trigger" TEXT NOT NULL,
    "actor" TEXT,
    "assetCount" INTEGER NOT NULL,
    "edgeCount" INTEGER NOT NULL,
    "violationCount" INTEGER NOT NULL,

    CONSTRAINT "EvaluationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Violation" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "kind" "ViolationKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "assetId" TEXT,
    "edgeFromId" TEXT,
    "edgeToId" TEXT,
    "zoneId" TEXT NOT NULL,
    "categories" TEXT[],
    "explanation" TEXT NOT NULL,
    "path" TEXT[],

    CONSTRAINT "Violation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LayoutCache" (
    "key" TEXT NOT NULL,
    "positions" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LayoutCache_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "DataCategory_parentKey_idx" ON "DataCategory"("parentKey");

-- CreateIndex
CREATE INDEX "Purpose_parentKey_idx" ON "Purpose"("parentKey");

-- CreateIndex
CREATE INDEX "Zone_name_idx" ON "Zone"("name");

-- CreateIndex
CREATE INDEX "ZoneCategoryRule_categoryKey_idx" ON "ZoneCategoryRule"("categoryKey");

-- CreateIndex
CREATE UNIQUE INDEX "ZoneCategoryRule_zoneId_categoryKey_minQualifier_requireCon_key" ON "ZoneCategoryRule"("zoneId", "categoryKey", "minQualifier", "requireConsent");

-- CreateIndex
CREATE INDEX "ZonePurpose_purposeKey_idx" ON "ZonePurpose"("purposeKey");

-- CreateIndex
CREATE UNIQUE INDEX "ZonePurpose_zoneId_position_key" ON "ZonePurpose"("zoneId", "position");

-- CreateIndex
CREATE INDEX "Asset_zoneId_idx" ON "Asset"("zoneId");

-- CreateIndex
CREATE INDEX "Asset_name_idx" ON "Asset"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Asset_namespace_name_key" ON "Asset"("namespace", "name");

-- CreateIndex
CREATE INDEX "AssetLabel_categoryKey_idx" ON "AssetLabel"("categoryKey");

-- CreateIndex
CREATE UNIQUE INDEX "AssetLabel_assetId_categoryKey_qualifier_consented_key" ON "AssetLabel"("assetId", "categoryKey", "qualifier", "consented");

-- CreateIndex
CREATE INDEX "LineageEdge_toId_fromId_idx" ON "LineageEdge"("toId", "fromId");

-- CreateIndex
CREATE INDEX "LineageEdge_reviewState_idx" ON "LineageEdge"("reviewState");

-- CreateIndex
CREATE UNIQUE INDEX "LineageEdge_fromId_toId_key" ON "LineageEdge"("fromId", "toId");

-- CreateIndex
CREATE INDEX "SanctionedPath_fromZoneId_toZoneId_status_idx" ON "SanctionedPath"("fromZoneId", "toZoneId", "status");

-- CreateIndex
CREATE INDEX "SanctionedPath_status_idx" ON "SanctionedPath"("status");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_hash_key" ON "AuditEntry"("hash");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_subject_idx" ON "AuditEntry"("subject");

-- CreateIndex
CREATE INDEX "AuditEntry_action_idx" ON "AuditEntry"("action");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_userId_name_key" ON "ApiToken"("userId", "name");

-- CreateIndex
CREATE INDEX "EvaluationRun_at_idx" ON "EvaluationRun"("at");

-- CreateIndex
CREATE INDEX "Violation_runId_zoneId_idx" ON "Violation"("runId", "zoneId");

-- CreateIndex
CREATE INDEX "Violation_assetId_idx" ON "Violation"("assetId");

-- CreateIndex
CREATE INDEX "Violation_edgeFromId_edgeToId_idx" ON "Violation"("edgeFromId", "edgeToId");

-- CreateIndex
CREATE UNIQUE INDEX "Violation_runId_kind_subject_key" ON "Violation"("runId", "kind", "subject");

-- AddForeignKey
ALTER TABLE "DataCategory" ADD CONSTRAINT "DataCategory_parentKey_fkey" FOREIGN KEY ("parentKey") REFERENCES "DataCategory"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Purpose" ADD CONSTRAINT "Purpose_parentKey_fkey" FOREIGN KEY ("parentKey") REFERENCES "Purpose"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZoneCategoryRule" ADD CONSTRAINT "ZoneCategoryRule_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZoneCategoryRule" ADD CONSTRAINT "ZoneCategoryRule_categoryKey_fkey" FOREIGN KEY ("categoryKey") REFERENCES "DataCategory"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZonePurpose" ADD CONSTRAINT "ZonePurpose_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZonePurpose" ADD CONSTRAINT "ZonePurpose_purposeKey_fkey" FOREIGN KEY ("purposeKey") REFERENCES "Purpose"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Asset" ADD CONSTRAINT "Asset_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Asset" ADD CONSTRAINT "Asset_purposeKey_fkey" FOREIGN KEY ("purposeKey") REFERENCES "Purpose"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetLabel" ADD CONSTRAINT "AssetLabel_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetLabel" ADD CONSTRAINT "AssetLabel_categoryKey_fkey" FOREIGN KEY ("categoryKey") REFERENCES "DataCategory"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LineageEdge" ADD CONSTRAINT "LineageEdge_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LineageEdge" ADD CONSTRAINT "LineageEdge_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SanctionedPath" ADD CONSTRAINT "SanctionedPath_fromZoneId_fkey" FOREIGN KEY ("fromZoneId") REFERENCES "Zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SanctionedPath" ADD CONSTRAINT "SanctionedPath_toZoneId_fkey" FOREIGN KEY ("toZoneId") REFERENCES "Zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SanctionedPath" ADD CONSTRAINT "SanctionedPath_purposeKey_fkey" FOREIGN KEY ("purposeKey") REFERENCES "Purpose"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Violation" ADD CONSTRAINT "Violation_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EvaluationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
