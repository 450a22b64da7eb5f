-- CreateEnum
CREATE TYPE "ConsentFlag" AS ENUM ('PERSONALISATION', 'PARTNER_SHARING');

-- CreateEnum
CREATE TYPE "ConsentSource" AS ENUM ('IMPORT', 'SCREEN', 'API');

-- CreateTable
CREATE TABLE "consent_change" (
    "id" BIGSERIAL NOT NULL,
    "memberId" BIGINT NOT NULL,
    "flag" "ConsentFlag" NOT NULL,
    "from" BOOLEAN,
    "to" BOOLEAN NOT NULL,
    "source" "ConsentSource" NOT NULL,
    "sourceId" UUID,
    "actorId" UUID,
    "actorEmail" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_note" (
    "id" BIGSERIAL NOT NULL,
    "jobId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "field" TEXT,
    "note" TEXT NOT NULL,

    CONSTRAINT "import_note_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "consent_change_memberId_at_idx" ON "consent_change"("memberId", "at");

-- CreateIndex
CREATE INDEX "consent_change_sourceId_idx" ON "consent_change"("sourceId");

-- CreateIndex
CREATE INDEX "import_note_jobId_rowNumber_idx" ON "import_note"("jobId", "rowNumber");
