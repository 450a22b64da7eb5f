-- CreateTable
CREATE TABLE "interest_topic" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "countsAsCar" BOOLEAN NOT NULL DEFAULT true,
    "knowledgeCategories" TEXT[],
    "knowledgeTags" TEXT[],
    "partnerCategories" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "interest_topic_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "interest_topic_slug_key" ON "interest_topic"("slug");
