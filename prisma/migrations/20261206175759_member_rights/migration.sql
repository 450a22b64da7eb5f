-- CreateEnum
CREATE TYPE "ErasureRequestStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "ErasureMemberStatus" AS ENUM ('PENDING', 'ERASED', 'NOT_FOUND');

-- AlterTable
ALTER TABLE "recommender_model" ADD COLUMN     "containsErasedMembers" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "erasure_request" (
    "id" UUID NOT NULL,
    "status" "ErasureRequestStatus" NOT NULL DEFAULT 'QUEUED',
    "source" TEXT NOT NULL,
    "fileName" TEXT,
    "reason" TEXT,
    "memberCount" INTEGER NOT NULL,
    "erased" INTEGER NOT NULL DEFAULT 0,
    "notFound" INTEGER NOT NULL DEFAULT 0,
    "jobId" UUID,
    "requestedBy" UUID,
    "requestedByEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "erasure_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "erasure_request_member" (
    "id" BIGSERIAL NOT NULL,
    "requestId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "keyHash" TEXT NOT NULL,
    "memberId" BIGINT,
    "status" "ErasureMemberStatus" NOT NULL DEFAULT 'PENDING',
    "erasedAt" TIMESTAMP(3),

    CONSTRAINT "erasure_request_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suppressed_member_key" (
    "keyHash" TEXT NOT NULL,
    "requestId" UUID,
    "suppressedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppressed_member_key_pkey" PRIMARY KEY ("keyHash")
);

-- CreateIndex
CREATE INDEX "erasure_request_createdAt_idx" ON "erasure_request"("createdAt");

-- CreateIndex
CREATE INDEX "erasure_request_member_requestId_status_idx" ON "erasure_request_member"("requestId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "erasure_request_member_requestId_keyHash_key" ON "erasure_request_member"("requestId", "keyHash");

-- AddForeignKey
ALTER TABLE "erasure_request_member" ADD CONSTRAINT "erasure_request_member_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "erasure_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;
