-- CreateEnum
CREATE TYPE "PrivacyMode" AS ENUM ('THRESHOLD', 'NOISE');

-- AlterTable
ALTER TABLE "sharing_agreement" ADD COLUMN     "epsilonBudget" DOUBLE PRECISION NOT NULL DEFAULT 6,
ADD COLUMN     "epsilonPerQuery" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
ADD COLUMN     "privacyMode" "PrivacyMode" NOT NULL DEFAULT 'THRESHOLD';

-- CreateTable
CREATE TABLE "disclosure_release" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "agreementId" UUID,
    "metric" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "populationSize" INTEGER NOT NULL,
    "populationSketch" BYTEA NOT NULL,
    "populationPrint" TEXT NOT NULL,
    "memberCount" INTEGER NOT NULL,
    "memberSketch" BYTEA NOT NULL,
    "dataVersion" TEXT NOT NULL,
    "value" INTEGER,
    "noisy" BOOLEAN NOT NULL DEFAULT false,
    "errorBound" INTEGER,
    "epsilon" DOUBLE PRECISION,
    "releasedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "disclosure_release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "privacy_budget_ledger" (
    "agreementId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "spentMicros" BIGINT NOT NULL DEFAULT 0,
    "budgetMicros" BIGINT NOT NULL,
    "releases" INTEGER NOT NULL DEFAULT 0,
    "refusals" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "privacy_budget_ledger_pkey" PRIMARY KEY ("agreementId","period")
);

-- CreateIndex
CREATE INDEX "disclosure_release_partnerId_populationSize_idx" ON "disclosure_release"("partnerId", "populationSize");

-- CreateIndex
CREATE INDEX "disclosure_release_partnerId_memberCount_idx" ON "disclosure_release"("partnerId", "memberCount");
