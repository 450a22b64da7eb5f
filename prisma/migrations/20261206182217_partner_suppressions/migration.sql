-- AlterTable
ALTER TABLE "partner_export" ADD COLUMN     "withdrawnMembers" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "partner_suppression" (
    "id" BIGSERIAL NOT NULL,
    "partnerId" UUID NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "exportId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredInExportId" UUID,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "partner_suppression_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "partner_suppression_partnerId_deliveredInExportId_idx" ON "partner_suppression"("partnerId", "deliveredInExportId");

-- CreateIndex
CREATE UNIQUE INDEX "partner_suppression_partnerId_pseudonym_key" ON "partner_suppression"("partnerId", "pseudonym");
