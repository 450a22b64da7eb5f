// Shapes that cross the wire between the API and the dashboard. Types only:
// both sides import them, so a renamed field fails the build on both.

export const ROLES = ['ADMIN', 'MANAGER', 'ANALYST'] as const;
export type Role = (typeof ROLES)[number];

export interface LoginRequest {
  email: string;
  password: string;
}

export interface AccountSummary {
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the token expires. */
  expiresIn: number;
  account: AccountSummary;
}

export interface AccountDto extends AccountSummary {
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type JobStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export interface JobRunDto {
  id: string;
  queue: string;
  name: string;
  status: JobStatus;
  /** 0..100 */
  progress: number;
  progressNote: string | null;
  payload: unknown;
  result: unknown;
  error: string | null;
  attempts: number;
  requestedBy: string | null;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface AuditEventDto {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: 'SUCCESS' | 'FAILURE' | 'DENIED';
  detail: unknown;
  ip: string | null;
}

export interface PartnerDto {
  id: string;
  slug: string;
  name: string;
  industry: string;
  status: 'PROSPECT' | 'ACTIVE' | 'ARCHIVED';
  contactName: string | null;
  contactEmail: string | null;
  website: string | null;
  itemCount: number;
}

export interface ItemDto {
  id: string;
  externalKey: string;
  domain: 'KNOWLEDGE' | 'PARTNER';
  partnerId: string | null;
  kind: string;
  title: string;
  category: string;
  tags: string[];
  price: number;
}

export interface MemberDto {
  id: string;
  memberKey: string;
  consentPersonalisation: boolean;
  consentPartnerSharing: boolean;
  city: string | null;
  joinedAt: string;
  interactionCount: number;
}

/** One day of the home chart: interactions per domain. */
export interface InteractionsPerDayPoint {
  day: string; // YYYY-MM-DD
  KNOWLEDGE: number;
  PARTNER: number;
}

export interface OverviewDto {
  members: number;
  partners: number;
  knowledgeItems: number;
  partnerItems: number;
  interactions: number;
  firstInteractionAt: string | null;
  lastInteractionAt: string | null;
}

export interface HealthDto {
  status: 'ok' | 'degraded';
  database: { ok: boolean; latencyMs: number; error?: string };
  redis: { ok: boolean; latencyMs: number; error?: string };
  role: 'api' | 'worker' | 'all';
  version: string;
}

/** The one error shape every endpoint answers with. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** For validation errors: one entry per offending field. */
  fields?: { field: string; message: string }[];
  requestId?: string;
}

export * from './campaigns';
export * from './sharing';
export * from './segments';
export * from './imports';
export * from './recommendations';
export * from './calendar-date';
export * from './member-rights';
export * from './journeys';
export * from './taxonomy';
export * from './voice';
