-- CreateTable
CREATE TABLE "campaign_economics" (
    "campaignId" UUID NOT NULL,
    "fixedCost" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "costPerTreated" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "costPerConversion" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "partnerCostShare" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "valuePerConversion" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "revenueMetric" TEXT,
    "updatedBy" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "campaign_economics_pkey" PRIMARY KEY ("campaignId")
);

-- CreateTable
CREATE TABLE "uplift_model" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "treatedArm" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "learner" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'TRAINING',
    "model" JSONB,
    "evaluation" JSONB,
    "segmentScores" JSONB,
    "jobRunId" UUID,
    "createdBy" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "uplift_model_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "uplift_model_campaignId_createdAt_idx" ON "uplift_model"("campaignId", "createdAt");

-- AddForeignKey
ALTER TABLE "campaign_economics" ADD CONSTRAINT "campaign_economics_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
