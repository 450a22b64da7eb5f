import { describe, expect, it } from 'vitest';
import { ExportAgreementState, exportExpiry, exportFileShareable } from './export-expiry';

const NOW = new Date('2026-06-01T12:00:00Z');
const agreement: ExportAgreementState = {
  id: 'a-2',
  version: 2,
  status: 'ACTIVE',
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validTo: new Date('2026-12-31T00:00:00Z'),
};
const DAY = 86_400_000;

describe('exportFileShareable', () => {
  it('shares a file while its agreement is active and in force, both ends of the window included', () => {
    expect(exportFileShareable(agreement, NOW)).toBeNull();
    expect(exportFileShareable(agreement, agreement.validFrom)).toBeNull();
    expect(exportFileShareable(agreement, agreement.validTo)).toBeNull();
  });

  it('never shares a file built under no agreement', () => {
    expect(exportFileShareable(null, NOW)).toBe('This export was built under no sharing agreement: request a new export');
  });

  it('names the version and the revocation (the doc example)', () => {
    expect(exportFileShareable({ ...agreement, status: 'REVOKED' }, NOW)).toBe(
      'This export was built under agreement version 2, which was revoked: request a new export',
    );
  });

  it('names the version and the newer version that superseded it', () => {
    expect(exportFileShareable({ ...agreement, status: 'SUPERSEDED' }, NOW)).toBe(
      'This export was built under agreement version 2, which was superseded by a newer version: request a new export',
    );
  });

  it('refuses before validFrom, naming when it starts', () => {
    expect(exportFileShareable(agreement, new Date('2025-12-31T23:59:59Z'))).toBe(
      'This export was built under agreement version 2, which is not yet valid (valid from 2026-01-01T00:00:00.000Z): request a new export',
    );
  });

  it('refuses after validTo, naming the date it expired on', () => {
    expect(exportFileShareable(agreement, new Date(agreement.validTo.getTime() + 1))).toBe(
      'This export was built under agreement version 2, which expired on 2026-12-31T00:00:00.000Z: request a new export',
    );
  });

  it('reads the status before the window: a revoked agreement past its end is reported as revoked', () => {
    expect(exportFileShareable({ ...agreement, status: 'REVOKED' }, new Date('2027-06-01T00:00:00Z'))).toContain('which was revoked');
  });

  it('does not mutate the agreement', () => {
    const copy = structuredClone(agreement);
    exportFileShareable(copy, new Date('2027-06-01T00:00:00Z'));
    expect(copy).toEqual(agreement);
  });
});

describe('exportExpiry', () => {
  const fresh = { finishedAt: new Date(NOW.getTime() - DAY) };
  const old = { finishedAt: new Date('2026-01-01T00:00:00Z') };

  it('keeps a recent file under an agreement in force', () => {
    expect(exportExpiry(fresh, agreement, 30, NOW)).toBeNull();
  });

  it('drops a file finished more than retentionDays ago (the doc example), and keeps one exactly at the limit', () => {
    expect(exportExpiry(old, agreement, 30, new Date('2026-02-15T00:00:00Z'))).toEqual({
      reason: 'retention',
      message: 'This export was deleted after the 30-day retention period: request a new export',
    });
    expect(exportExpiry({ finishedAt: new Date(NOW.getTime() - 30 * DAY) }, agreement, 30, NOW)).toBeNull();
    expect(exportExpiry({ finishedAt: new Date(NOW.getTime() - 30 * DAY - 1) }, agreement, 30, NOW)?.reason).toBe('retention');
  });

  it('drops a file whose agreement ended, with the reason a link request would get, before retention', () => {
    for (const status of ['REVOKED', 'SUPERSEDED'] as const) {
      expect(exportExpiry(old, { ...agreement, status }, 30, NOW)).toEqual({
        reason: 'agreement ended',
        message: exportFileShareable({ ...agreement, status }, NOW),
      });
    }
    const afterEnd = new Date('2027-01-02T00:00:00Z');
    expect(exportExpiry(fresh, agreement, 3650, afterEnd)).toEqual({
      reason: 'agreement ended',
      message: exportFileShareable(agreement, afterEnd),
    });
    expect(exportExpiry(fresh, null, 30, NOW)?.reason).toBe('agreement ended');
  });

  it('keeps a recent file whose agreement is not yet valid: that agreement has not ended', () => {
    expect(exportExpiry(fresh, { ...agreement, validFrom: new Date('2026-07-01T00:00:00Z') }, 30, NOW)).toBeNull();
  });

  it('requires a positive integer retention', () => {
    expect(() => exportExpiry(fresh, agreement, 0, NOW)).toThrow('exportExpiry requires a positive integer retentionDays; got 0');
    expect(() => exportExpiry(fresh, agreement, 1.5, NOW)).toThrow('positive integer');
  });
});
