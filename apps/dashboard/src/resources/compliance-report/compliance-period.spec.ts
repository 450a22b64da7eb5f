// @vitest-environment node
import type { ComplianceReportDto } from '@crosslane/contracts';
import { describe, expect, it } from 'vitest';
import { ALL_PARTNERS, defaultPeriod, partnersShown, refusalsText } from './compliance-period';

const partner = (partnerId: string) => ({
  partnerId,
  partnerName: partnerId,
  files: 1,
  rows: 1,
  fields: [],
  purposes: [],
  agreementVersions: [],
  refusalsByRule: {},
  requestedBy: [],
  privacyBudget: null,
});

describe('compliance report period and partner', () => {
  it('opens on the last 30 days, today included (to is exclusive)', () => {
    expect(defaultPeriod(new Date('2026-12-06T15:00:00Z'))).toEqual({ from: '2026-11-07', to: '2026-12-07' });
    expect(defaultPeriod(new Date('2026-03-01T00:00:00Z'))).toEqual({ from: '2026-01-31', to: '2026-03-02' });
  });

  it('shows every partner, or the one picked', () => {
    const report: ComplianceReportDto = { from: '', to: '', partners: [partner('a'), partner('b')], consent: [], erasures: [] };
    expect(partnersShown(report, ALL_PARTNERS).map((p) => p.partnerId)).toEqual(['a', 'b']);
    expect(partnersShown(report, 'b').map((p) => p.partnerId)).toEqual(['b']);
  });

  it('writes refusals as rule: count', () => {
    expect(refusalsText({ CONSENT: 1, K_ANONYMITY: 2 })).toBe('CONSENT: 1, K_ANONYMITY: 2');
    expect(refusalsText({})).toBe('');
  });
});
