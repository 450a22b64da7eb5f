// Imports: what the upload answers, what an import job's result holds, and the rejection report.

export const IMPORT_KIND_NAMES = ['members', 'knowledge-items', 'partner-items', 'interactions', 'reviews', 'market-signals', 'customer-list', 'online-retail'] as const;
export type ImportKindName = (typeof IMPORT_KIND_NAMES)[number];
export type ImportMode = 'all-or-nothing' | 'keep-good-rows';

/** The result stored on an import-file job. */
export interface ImportResultDto {
  kind: ImportKindName;
  mode: ImportMode;
  /** IMPORTED: rows were written (or there was nothing new); REJECTED: all-or-nothing met a bad row, or the file itself was refused, and nothing was written. */
  outcome: 'IMPORTED' | 'REJECTED';
  fileName: string | null;
  rowsRead: number;
  /** Rows that passed every check (written, or already present). */
  accepted: number;
  /** Distinct rows refused (or dropped, in keep-good-rows mode). */
  rejected: number;
  /** Records added. */
  inserted: number;
  /** Existing records changed (members' consent, items' title or price). */
  updated: number;
  /** Accepted rows that were already stored (a re-run of the same file). */
  unchanged: number;
  rejectionsByReason: Record<string, number>;
  /** A whole-file problem (header, encoding, size, no rows), if any. */
  fileError: string | null;
  extra?: Record<string, unknown>;
}

export interface ImportRejectionDto {
  id: string;
  jobId: string;
  /** CSV: the line in the file (the header is line 1); JSON: the element's position, from 1; 0 for the file as a whole. */
  rowNumber: number;
  field: string | null;
  reason: string;
  value: string | null;
}

/** One interaction event as POST /api/events/batch takes it. */
export interface InteractionEventDto {
  eventId: string;
  memberKey: string;
  itemKey: string;
  type: 'VIEW' | 'FAVOURITE' | 'ENROL' | 'PURCHASE' | 'RATING' | 'CAMPAIGN_CLICK';
  occurredAt: string;
  weight?: number;
  amount?: number;
  source?: string;
}

export interface EventsBatchResultDto {
  received: number;
  inserted: number;
  /** Events whose eventId was already stored: skipped, not an error. */
  duplicates: number;
}
