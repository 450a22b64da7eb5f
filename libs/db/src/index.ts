export { createPrismaClient } from './prisma-client';
export { PrismaClient, Prisma } from './generated/prisma/client';
export type {
  Account,
  AuditEvent,
  ConsentChange,
  ErasureRequest,
  ImportRejection,
  Interaction,
  Item,
  JobRun,
  Member,
  Partner,
} from './generated/prisma/client';
export {
  Role,
  ItemDomain,
  InteractionType,
  JobStatus,
  PartnerStatus,
  AgreementStatus,
  ExportStatus,
  ModelStatus,
  SegmentKind,
  CampaignStatus,
} from './generated/prisma/enums';
export { applyMigrations } from './migrations';
