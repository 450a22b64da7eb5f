-- The event table's foreign keys cost more than a third of a bulk import
-- (per-row triggers; docs/benchmarks/import.md). Every writer resolves
-- memberId and itemId by joining member and item in the INSERT itself, and
-- members and items are never deleted; see the comment on model Interaction.

-- DropForeignKey
ALTER TABLE "interaction" DROP CONSTRAINT "interaction_itemId_fkey";

-- DropForeignKey
ALTER TABLE "interaction" DROP CONSTRAINT "interaction_memberId_fkey";
