-- CreateEnum
CREATE TYPE "AgreementStatus" AS ENUM ('ACTIVE', 'SUPERSEDED', 'REVOKED');

-- CreateEnum
CREATE TYPE "ExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'READY', 'REFUSED', 'FAILED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('TRAINING', 'READY', 'ACTIVE', 'RETIRED', 'FAILED');

-- CreateEnum
CREATE TYPE "SegmentKind" AS ENUM ('RULE', 'CLUSTER', 'PROPENSITY', 'JOINT');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'RUNNING', 'STOPPED', 'CONCLUDED');

-- CreateEnum
CREATE TYPE "CampaignEventType" AS ENUM ('EXPOSURE', 'CLICK', 'CONVERSION', 'REVENUE', 'RETENTION');

-- AlterTable
ALTER TABLE "interaction" ADD COLUMN     "amount" DECIMAL(12,2);

-- AlterTable
ALTER TABLE "item" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "member" ADD COLUMN     "emailHash" TEXT,
ADD COLUMN     "phoneHash" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "partner" ADD COLUMN     "scorecard" JSONB;

-- CreateTable
CREATE TABLE "import_rejection" (
    "id" BIGSERIAL NOT NULL,
    "jobId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "field" TEXT,
    "reason" TEXT NOT NULL,
    "value" TEXT,

    CONSTRAINT "import_rejection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_review" (
    "id" BIGSERIAL NOT NULL,
    "externalId" TEXT NOT NULL,
    "partnerId" UUID NOT NULL,
    "itemId" BIGINT,
    "memberId" BIGINT,
    "rating" INTEGER NOT NULL,
    "text" TEXT,
    "reviewedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "partner_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "market_signal" (
    "id" BIGSERIAL NOT NULL,
    "category" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "index" DOUBLE PRECISION NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "market_signal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_customer" (
    "id" BIGSERIAL NOT NULL,
    "partnerId" UUID NOT NULL,
    "matchHash" TEXT NOT NULL,
    "memberId" BIGINT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sharing_agreement" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "AgreementStatus" NOT NULL DEFAULT 'ACTIVE',
    "fieldsAllowed" TEXT[],
    "purposesAllowed" TEXT[],
    "segmentsAllowed" TEXT[],
    "minGroupSize" INTEGER NOT NULL DEFAULT 50,
    "consentRequired" BOOLEAN NOT NULL DEFAULT true,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validTo" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "createdBy" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sharing_agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_export" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "agreementId" UUID,
    "purpose" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fields" TEXT[],
    "segmentId" UUID,
    "status" "ExportStatus" NOT NULL DEFAULT 'QUEUED',
    "refusedReason" TEXT,
    "jobId" UUID,
    "content" BYTEA,
    "contentType" TEXT,
    "fileName" TEXT,
    "rowCount" INTEGER,
    "suppressedRows" INTEGER,
    "requestedBy" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "partner_export_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recommender_model" (
    "id" UUID NOT NULL,
    "version" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'ALL',
    "status" "ModelStatus" NOT NULL DEFAULT 'TRAINING',
    "params" JSONB NOT NULL,
    "snapshot" JSONB,
    "metrics" JSONB,
    "baselineMetrics" JSONB,
    "timings" JSONB,
    "lossHistory" DOUBLE PRECISION[],
    "jobId" UUID,
    "createdBy" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatedAt" TIMESTAMP(3),
    "activatedBy" UUID,
    "overrideReason" TEXT,
    "error" TEXT,

    CONSTRAINT "recommender_model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_artifact" (
    "modelId" UUID NOT NULL,
    "factors" INTEGER NOT NULL,
    "memberIds" BIGINT[],
    "itemIds" BIGINT[],
    "userFactors" BYTEA NOT NULL,
    "itemFactors" BYTEA NOT NULL,

    CONSTRAINT "model_artifact_pkey" PRIMARY KEY ("modelId")
);

-- CreateTable
CREATE TABLE "setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedBy" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "member_profile" (
    "memberId" BIGINT NOT NULL,
    "recencyDays" INTEGER,
    "frequency" INTEGER NOT NULL DEFAULT 0,
    "monetary" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "rScore" INTEGER,
    "fScore" INTEGER,
    "mScore" INTEGER,
    "categoryAffinity" JSONB,
    "knowledgeSpend" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "partnerSpend" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "carInterest" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "partnerPurchases" INTEGER NOT NULL DEFAULT 0,
    "latentFactors" DOUBLE PRECISION[],
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "member_profile_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "segment" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "kind" "SegmentKind" NOT NULL,
    "rule" JSONB,
    "config" JSONB,
    "size" INTEGER NOT NULL DEFAULT 0,
    "createdBy" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "materialisedAt" TIMESTAMP(3),

    CONSTRAINT "segment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segment_membership" (
    "segmentId" UUID NOT NULL,
    "memberId" BIGINT NOT NULL,

    CONSTRAINT "segment_membership_pkey" PRIMARY KEY ("segmentId","memberId")
);

-- CreateTable
CREATE TABLE "segment_size_snapshot" (
    "id" BIGSERIAL NOT NULL,
    "segmentId" UUID NOT NULL,
    "takenOn" DATE NOT NULL,
    "size" INTEGER NOT NULL,
    "shareable" JSONB,

    CONSTRAINT "segment_size_snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "objective" TEXT NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "targetSegmentId" UUID,
    "partnerIds" TEXT[],
    "primaryMetric" TEXT NOT NULL,
    "guardrailMetrics" TEXT[],
    "salt" TEXT NOT NULL,
    "startAt" TIMESTAMP(3),
    "endAt" TIMESTAMP(3),
    "minimumEffect" DOUBLE PRECISION,
    "overrideReason" TEXT,
    "createdBy" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_variant" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isControl" BOOLEAN NOT NULL DEFAULT false,
    "weight" DOUBLE PRECISION NOT NULL,
    "offerType" TEXT NOT NULL DEFAULT 'NONE',
    "offerItemId" BIGINT,
    "modelId" UUID,

    CONSTRAINT "campaign_variant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_assignment" (
    "campaignId" UUID NOT NULL,
    "memberId" BIGINT NOT NULL,
    "variantKey" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "exposedAt" TIMESTAMP(3),
    "preValue" DOUBLE PRECISION,

    CONSTRAINT "campaign_assignment_pkey" PRIMARY KEY ("campaignId","memberId")
);

-- CreateTable
CREATE TABLE "campaign_event" (
    "id" BIGSERIAL NOT NULL,
    "eventId" TEXT NOT NULL,
    "campaignId" UUID NOT NULL,
    "memberId" BIGINT NOT NULL,
    "type" "CampaignEventType" NOT NULL,
    "value" DOUBLE PRECISION,
    "occurredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaign_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_analysis" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "jobId" UUID,
    "method" TEXT NOT NULL DEFAULT 'FIXED_HORIZON',
    "result" JSONB NOT NULL,
    "summary" TEXT NOT NULL,
    "srmFlagged" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_analysis_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_rejection_jobId_rowNumber_idx" ON "import_rejection"("jobId", "rowNumber");

-- CreateIndex
CREATE UNIQUE INDEX "partner_review_externalId_key" ON "partner_review"("externalId");

-- CreateIndex
CREATE INDEX "partner_review_partnerId_reviewedAt_idx" ON "partner_review"("partnerId", "reviewedAt");

-- CreateIndex
CREATE UNIQUE INDEX "market_signal_category_period_source_key" ON "market_signal"("category", "period", "source");

-- CreateIndex
CREATE INDEX "partner_customer_memberId_idx" ON "partner_customer"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "partner_customer_partnerId_matchHash_key" ON "partner_customer"("partnerId", "matchHash");

-- CreateIndex
CREATE INDEX "sharing_agreement_partnerId_status_idx" ON "sharing_agreement"("partnerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "sharing_agreement_partnerId_version_key" ON "sharing_agreement"("partnerId", "version");

-- CreateIndex
CREATE INDEX "partner_export_partnerId_createdAt_idx" ON "partner_export"("partnerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "recommender_model_version_key" ON "recommender_model"("version");

-- CreateIndex
CREATE INDEX "recommender_model_status_idx" ON "recommender_model"("status");

-- CreateIndex
CREATE INDEX "member_profile_rScore_fScore_mScore_idx" ON "member_profile"("rScore", "fScore", "mScore");

-- CreateIndex
CREATE INDEX "member_profile_carInterest_idx" ON "member_profile"("carInterest");

-- CreateIndex
CREATE UNIQUE INDEX "segment_name_key" ON "segment"("name");

-- CreateIndex
CREATE INDEX "segment_membership_memberId_idx" ON "segment_membership"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "segment_size_snapshot_segmentId_takenOn_key" ON "segment_size_snapshot"("segmentId", "takenOn");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_variant_campaignId_key_key" ON "campaign_variant"("campaignId", "key");

-- CreateIndex
CREATE INDEX "campaign_assignment_campaignId_variantKey_idx" ON "campaign_assignment"("campaignId", "variantKey");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_event_eventId_key" ON "campaign_event"("eventId");

-- CreateIndex
CREATE INDEX "campaign_event_campaignId_type_memberId_idx" ON "campaign_event"("campaignId", "type", "memberId");

-- CreateIndex
CREATE INDEX "campaign_event_campaignId_occurredAt_idx" ON "campaign_event"("campaignId", "occurredAt");

-- CreateIndex
CREATE INDEX "campaign_analysis_campaignId_createdAt_idx" ON "campaign_analysis"("campaignId", "createdAt");

-- CreateIndex
CREATE INDEX "member_emailHash_idx" ON "member"("emailHash");

-- CreateIndex
CREATE INDEX "member_phoneHash_idx" ON "member"("phoneHash");

-- AddForeignKey
ALTER TABLE "partner_review" ADD CONSTRAINT "partner_review_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partner_customer" ADD CONSTRAINT "partner_customer_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sharing_agreement" ADD CONSTRAINT "sharing_agreement_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partner_export" ADD CONSTRAINT "partner_export_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "sharing_agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_artifact" ADD CONSTRAINT "model_artifact_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "recommender_model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_profile" ADD CONSTRAINT "member_profile_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_membership" ADD CONSTRAINT "segment_membership_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_size_snapshot" ADD CONSTRAINT "segment_size_snapshot_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_variant" ADD CONSTRAINT "campaign_variant_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_analysis" ADD CONSTRAINT "campaign_analysis_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
