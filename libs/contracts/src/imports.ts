// Imports: what the upload answers, what an import job's result holds, and the rejection report.

export const IMPORT_KIND_NAMES = [
  'members',
  'knowledge-items',
  'partner-items',
  'interactions',
  'reviews',
  'market-signals',
  'customer-list',
  'online-retail',
] as const;
export type ImportKindName = (typeof IMPORT_KIND_NAMES)[number];
/** How a file with bad rows is taken: refused whole, or its good rows stored and the bad ones reported. One vocabulary for every import. */
export const IMPORT_MODES = ['all-or-nothing', 'keep-good-rows'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** A file refused as a whole (bad header, unknown column, not UTF-8, empty, no data rows): where, which field, why. */
export interface ImportFileRefusal {
  /** The line of the file (the header is 1); 0 for the file as a whole (empty, not gzip). */
  rowNumber: number;
  /** The column the refusal is about (a missing or unknown header column), else null. */
  field: string | null;
  reason: string;
}

/**
 * What every import pipeline's result reports, the general file imports
 * (ImportResultDto) and the campaigns' (CampaignImportResultDto) alike: a
 * refused file is built by one function (refusedFileReport,
 * @crosslane/domain-ingest), so the two answer it the same way.
 */
export interface ImportReport {
  mode: ImportMode;
  /** IMPORTED: rows were written (or there was nothing new); REJECTED: all-or-nothing met a bad row, or the file itself was refused, and nothing was written. */
  outcome: 'IMPORTED' | 'REJECTED';
  rowsRead: number;
  /** Rows that passed every check (written, or already present). */
  accepted: number;
  /** Distinct rows refused (or dropped, in keep-good-rows mode); every row read when the file itself was refused. */
  rejected: number;
  /** Records added. */
  inserted: number;
  /** Accepted rows that were already stored (a re-run of the same file). */
  unchanged: number;
  rejectionsByReason: Record<string, number>;
  /** A whole-file problem (header, encoding, size, no rows), if any: fileRefusal's reason. */
  fileError: string | null;
  /** The whole-file problem with its row and field; null when the file was read. */
  fileRefusal?: ImportFileRefusal | null;
}

/** The result stored on an import-file job. */
export interface ImportResultDto extends ImportReport {
  kind: ImportKindName;
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
  /** Members imports: how each consent flag moved (see docs/imports.md, "Consent"). */
  consent?: ImportConsentCounts;
  /** Accepted rows written with a note (e.g. a consent kept off); listed by GET /api/imports/:id/notes. */
  notes?: number;
  /** Members and interactions imports: rows of erased members, left out and noted (see docs/member-rights.md). */
  suppressed?: number;
  extra?: Record<string, unknown>;
}

/** How the members of one import moved for one consent flag. */
export interface ConsentFlagCountsDto {
  /** Stored members moved from off to on. */
  turnedOn: number;
  /** Stored members moved from on to off (withdrawals). */
  turnedOff: number;
  /** New members created with the flag on. */
  newOn: number;
  /** New members created with the flag off. */
  newOff: number;
  /** Rows that asked to turn the flag on and were kept as stored, because the importer's role may not turn it on. */
  keptOff: number;
}

export interface ImportConsentCounts {
  consentPersonalisation: ConsentFlagCountsDto;
  consentPartnerSharing: ConsentFlagCountsDto;
}

/** A note on an accepted row: written, but not all of it as asked. */
export interface ImportNoteDto {
  id: string;
  jobId: string;
  rowNumber: number;
  field: string | null;
  note: string;
}

/** One change of one consent flag of one member (GET /api/members/:id/consent-history). */
export interface ConsentChangeDto {
  id: string;
  memberId: string;
  flag: 'PERSONALISATION' | 'PARTNER_SHARING';
  /** null: the member was created with this value. */
  from: boolean | null;
  to: boolean;
  source: 'IMPORT' | 'SCREEN' | 'API';
  /** The import job for IMPORT. */
  sourceId: string | null;
  actorId: string | null;
  actorEmail: string | null;
  at: string;
}

/** One row an import refused, as every import (file, campaign events, finished test) keeps it. */
export interface RejectedRow {
  /** CSV: the line in the file (the header is line 1); JSON: the element's position, from 1; 0 for the file as a whole. */
  rowNumber: number;
  field: string | null;
  reason: string;
  value: string | null;
}

/** A refused row as the rejection lists answer it: which job refused it. */
export interface ImportRejectionDto extends RejectedRow {
  id: string;
  jobId: string;
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
  /** Indexes of the events left out because their member was erased (the key is suppressed): not stored, not an error. */
  suppressed: number[];
}

/** PATCH /api/members/:id/consent: the flags to set (at least one), and where the change is made. */
export interface ChangeConsentRequest {
  consentPersonalisation?: boolean;
  consentPartnerSharing?: boolean;
  /** SCREEN when sent by the dashboard; API (the default) for other clients. */
  source?: 'SCREEN' | 'API';
}

/** The member's consent after a change, with the history rows the change wrote (none when nothing changed). */
export interface MemberConsentDto {
  memberId: string;
  memberKey: string;
  consentPersonalisation: boolean;
  consentPartnerSharing: boolean;
  changes: ConsentChangeDto[];
}
