import { describe, expect, it } from 'vitest';
import { buildCampaignReport, type CampaignArmAggregate, type CampaignReportInput } from './campaign-report';

// Two arms of 10,000 members; revenue 0/1 per converting member, so sums equal conversions.
const arm = (key: string, conversions: number, retained: number, members = 10_000): CampaignArmAggregate => ({
  key,
  name: key === 'c' ? 'Control' : 'Kit trial',
  weight: 0.5,
  members,
  conversions,
  revenueSum: conversions * 10,
  revenueSumOfSquares: conversions * 100,
  retained,
});

const base: CampaignReportInput = {
  arms: [arm('c', 500, 3000), arm('t', 600, 3000)],
  controlKey: 'c',
  primaryMetric: 'CONVERSION',
  guardrailMetrics: [],
  method: 'FIXED_HORIZON',
  minGroupSize: 50,
  breakdowns: [],
};

describe('buildCampaignReport', () => {
  it('suppresses breakdown groups below the minimum group size (doc example)', () => {
    const report = buildCampaignReport({
      ...base,
      breakdowns: [
        { group: 'A', variantKey: 'c', members: 10, conversions: 1 },
        { group: 'B', variantKey: 'c', members: 400, conversions: 20 },
      ],
    });
    expect(report.breakdowns[0]).toMatchObject({
      rate: null,
      suppressed: true,
      members: { count: null, suppressed: true, threshold: 50 },
      conversions: { count: null },
    });
    expect(report.breakdowns[1]).toMatchObject({ rate: 0.05, suppressed: false, members: { count: 400 }, conversions: { count: 20 } });
  });

  it('ships a treatment that converts better and says so in words', () => {
    const report = buildCampaignReport(base);
    // 6.0% vs 5.0% at 10,000 each: pooled z = 0.01 / sqrt(0.055 * 0.945 * 2 / 10000) = 3.1016 (statsmodels proportions_ztest).
    expect(report.analysis.comparisons[0].conversion.result.z).toBeCloseTo(3.1016, 3);
    expect(report.summary).toContain('Kit trial beats Control on conversion by +1.00 pp');
    expect(report.sequential).toBeNull();
  });

  it('adds always-valid p-values for the sequential method, larger than the fixed-horizon p', () => {
    const report = buildCampaignReport({ ...base, method: 'SEQUENTIAL' });
    const seq = report.sequential![0].result;
    expect(seq.pValue).toBeGreaterThan(report.analysis.comparisons[0].conversion.result.pValue);
    expect(report.summary.split('\n')[0]).toMatch(/^Always-valid p for Kit trial on conversion/);
  });

  it('analyses retention as the primary metric and flags a harmed guardrail', () => {
    const report = buildCampaignReport({
      ...base,
      arms: [arm('c', 500, 3000), arm('t', 400, 3300)],
      primaryMetric: 'RETENTION',
      guardrailMetrics: ['CONVERSION'],
    });
    expect(report.analysis.comparisons[0].conversion.result.treatmentRate).toBeCloseTo(0.33, 10);
    expect(report.summary).toContain('on retention');
    expect(report.guardrails[0]).toMatchObject({ metric: 'CONVERSION', variantKey: 't', harmed: true });
    expect(report.summary).toContain('Guardrail harmed: Kit trial on conversion');
  });

  it('flags a 52/48 split of an intended 50/50 as a sample ratio mismatch', () => {
    const report = buildCampaignReport({ ...base, arms: [arm('c', 2600, 0, 52_000), arm('t', 2400, 0, 48_000)] });
    expect(report.srmFlagged).toBe(true);
    expect(report.summary).toMatch(/^Do not trust this experiment: sample ratio mismatch/);
  });
});
