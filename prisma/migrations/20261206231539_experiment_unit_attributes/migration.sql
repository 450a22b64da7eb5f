-- AlterTable
ALTER TABLE "experiment_unit" ADD COLUMN     "attributes" JSONB;
