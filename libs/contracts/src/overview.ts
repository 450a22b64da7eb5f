/** The overview page, the health check and the error body every endpoint answers with. */

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
