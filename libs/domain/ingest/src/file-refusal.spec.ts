import { describe, expect, it } from 'vitest';
import { headerRefusal, refusedFileReport } from './file-refusal';

const SPEC = { required: ['memberKey', 'joinedAt'], optional: ['city'] };

describe('headerRefusal', () => {
  it('names row 1, the first missing column as the field, and both the missing and the unexpected columns', () => {
    expect(headerRefusal(['member', 'joinedAt'], SPEC)).toEqual({
      rowNumber: 1,
      field: 'memberKey',
      reason: 'missing column memberKey; unexpected column member; expected memberKey,joinedAt,city',
    });
  });

  it('names the unknown column when nothing is missing, and accepts a header that fits', () => {
    expect(headerRefusal(['memberKey', 'joinedAt', 'town'], SPEC)).toMatchObject({ rowNumber: 1, field: 'town' });
    expect(headerRefusal([' memberKey', 'joinedAt '], SPEC)).toBeNull();
  });
});

describe('refusedFileReport', () => {
  it('reports nothing written, every row read rejected, and the refusal with its row and field', () => {
    const refusal = { rowNumber: 3, field: null, reason: 'the file is not UTF-8' };
    expect(refusedFileReport(refusal, 2)).toEqual({
      outcome: 'REJECTED',
      rowsRead: 2,
      accepted: 0,
      rejected: 2,
      inserted: 0,
      unchanged: 0,
      rejectionsByReason: { 'the file is not UTF-8': 1 },
      fileError: 'the file is not UTF-8',
      fileRefusal: refusal,
    });
  });

  it('does not keep a reference to the caller’s refusal', () => {
    const refusal = { rowNumber: 0, field: null, reason: 'the file is empty' };
    const report = refusedFileReport(refusal, 0);
    refusal.reason = 'changed';
    expect(report.fileRefusal.reason).toBe('the file is empty');
  });
});
