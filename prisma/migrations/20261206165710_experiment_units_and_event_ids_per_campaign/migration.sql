-- DropIndex
DROP INDEX "campaign_event_eventId_key";

-- AlterTable
ALTER TABLE "campaign" ADD COLUMN     "metrics" JSONB,
ADD COLUMN     "unitKind" TEXT NOT NULL DEFAULT 'MEMBER';

-- CreateTable
CREATE TABLE "experiment_unit" (
    "campaignId" UUID NOT NULL,
    "unitKey" TEXT NOT NULL,
    "variantKey" TEXT NOT NULL,
    "exposedAt" TIMESTAMP(3),
    "values" DOUBLE PRECISION[],
    "rowNumber" INTEGER NOT NULL,

    CONSTRAINT "experiment_unit_pkey" PRIMARY KEY ("campaignId","unitKey")
);

-- CreateIndex
CREATE INDEX "experiment_unit_campaignId_variantKey_idx" ON "experiment_unit"("campaignId", "variantKey");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_event_campaignId_eventId_key" ON "campaign_event"("campaignId", "eventId");
