import type { PoolClient } from 'pg';
import type { ColumnSpec, ConsentActorRole, ConsentCounts, IdentifierHasher, RawRecord, RowResult } from '@crosslane/domain-ingest';

/** A value as it goes into the COPY stream of the staging table. */
export type CopyValue = string | number | boolean | null | Date;

/**
 * A check that needs the database (an unknown item, a key owned by another
 * partner): a condition over the staging row `s`, run set-based after the
 * file is loaded.
 */
export interface ReferenceCheck {
  field: string;
  reason: string;
  /** SQL condition over `s` (the staging row) that is true for a bad row. */
  where: string;
  /** SQL expression over `s` shown as the offending value. */
  value: string;
}

/** The identifier hashes, plus the keyed hash of a member key under which erased members are suppressed. */
export interface ImportHasher extends IdentifierHasher {
  hashMemberKey(memberKey: string): string;
  /** A member's pseudonym for a partner (IdentityService.pseudonymFor): how a withdrawal is found in delivered files. */
  pseudonymFor(partnerId: string, memberKey: string): string;
}

export interface WriteCounts {
  /** Rows that added a record. */
  inserted: number;
  /** Rows that changed an existing record (members, items: consent, title, price). */
  updated: number;
  /** Members: how each consent flag moved, and the rows whose consent was kept as stored. */
  consent?: ConsentCounts;
  /** Notes written to import_note for accepted rows (e.g. a consent kept off). */
  notes?: number;
  /** Rows left out because their member was erased (suppressed_member_key); each has a note. */
  suppressed?: number;
  /** What else the write produced (e.g. the Online Retail partner's id). */
  extra?: Record<string, unknown>;
}

/** Who asked for the import: the role decides which consents the file may turn on, the rest goes into the history. */
export interface ImportActor {
  id: string;
  email: string;
  role: ConsentActorRole;
}

export interface WriterContext {
  partnerId: string | null;
  hasher: ImportHasher;
  /** The import job: the source of the consent history rows and the key of the notes. */
  jobId: string;
  /** null for an import queued before roles travelled with the payload: treated as the least privileged. */
  actor: ImportActor | null;
}

/**
 * One kind of import: how a raw record becomes a typed row (the pure
 * validators of libs/domain/ingest), what identifies it (for duplicates in
 * the file and ON CONFLICT in the table), the staging columns it is copied
 * into, the checks against what is stored, and the set-based write.
 */
export interface ImportWriter<Row = unknown> {
  columns: ColumnSpec;
  /** The field named when a row repeats an earlier row's key. */
  keyField: string;
  key(row: Row): string;
  duplicateReason(firstRow: number, key: string): string;
  validate(record: RawRecord): RowResult<Row>;
  /** Called for each row kept after the duplicate check (aggregating kinds use it). */
  accept?(row: Row): void;
  /** `name type` pairs of the staging table, after the row number. */
  staging: [string, string][];
  toCopy(row: Row): CopyValue[];
  checks: ReferenceCheck[];
  /**
   * Checks and writes each staged chunk as soon as it is copied, while the
   * next is parsed, instead of once at the end. Only for a write that is
   * per row (nothing gathered over the whole file) and whose checks hold
   * per row: all chunks share the one transaction, so a refused file still
   * leaves nothing behind.
   */
  writesInChunks?: boolean;
  /** Writes what is left in import_staging; runs inside the import's transaction. */
  write(client: PoolClient): Promise<WriteCounts>;
}

/** Text-format COPY escaping (PostgreSQL docs, COPY, "Text Format"). */
export function copyLine(values: CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i) line += '\t';
    const v = values[i];
    if (v === null) line += '\\N';
    else if (v instanceof Date) line += v.toISOString();
    else if (typeof v === 'string')
      line += /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
    else line += String(v);
  }
  return line + '\n';
}

/** Tags travel through COPY joined by the unit separator and are split again in SQL. */
export const TAG_SEPARATOR = '\u001f';
