import type { ImportFileRefusal, ImportReport } from '@crosslane/contracts';
import { checkHeader } from './header-check';
import type { ColumnSpec } from './import-kinds';

/**
 * A header that does not fit its kind, as a whole-file refusal: row 1, the
 * first missing required column (else the first unexpected one) as the
 * field, and checkHeader's wording. Every import pipeline checks its header
 * with this, so a wrong header reads the same wherever it was sent.
 * Example: headerRefusal(['member', 'joinedAt'], { required: ['memberKey', 'joinedAt'], optional: [] })
 *   => { rowNumber: 1, field: 'memberKey', reason: 'missing column memberKey; unexpected column member; expected memberKey,joinedAt' }
 */
export function headerRefusal(header: readonly string[], spec: ColumnSpec): ImportFileRefusal | null {
  const reason = checkHeader(header, spec);
  if (!reason) return null;
  const names = header.map((h) => h.trim());
  const expected = [...spec.required, ...spec.optional];
  const field = spec.required.find((c) => !names.includes(c)) ?? names.find((c) => !expected.includes(c)) ?? null;
  return { rowNumber: 1, field, reason };
}

/** A file with a header and nothing under it: refused, in every import, rather than reported as an import of nothing. */
export const NO_DATA_ROWS: ImportFileRefusal = { rowNumber: 1, field: null, reason: 'the file has a header but no data rows' };

/** What a refused file's report holds besides its mode and pipeline: the same in every import. */
export type RefusedFileReport = Omit<ImportReport, 'mode'> & { outcome: 'REJECTED'; fileRefusal: ImportFileRefusal };

/**
 * The one report of a file refused as a whole (header, encoding, empty, no
 * data rows, or whatever else stops it being read): outcome REJECTED,
 * nothing accepted or written, every row read counted as rejected, the
 * refusal's reason as the file error and as the one reason counted, and
 * the refusal itself with its row and field. Both import pipelines (the
 * file imports and the campaigns' imports) build their answer with it.
 * Example: refusedFileReport({ rowNumber: 0, field: null, reason: 'the file is empty' }, 0).rejectionsByReason
 *   => { 'the file is empty': 1 }
 */
export function refusedFileReport(refusal: ImportFileRefusal, rowsRead: number): RefusedFileReport {
  return {
    outcome: 'REJECTED',
    rowsRead,
    accepted: 0,
    rejected: rowsRead,
    inserted: 0,
    unchanged: 0,
    rejectionsByReason: { [refusal.reason]: 1 },
    fileError: refusal.reason,
    fileRefusal: { rowNumber: refusal.rowNumber, field: refusal.field, reason: refusal.reason },
  };
}
