-- AlterTable
ALTER TABLE "model_artifact" ADD COLUMN     "easeWeights" BYTEA;
