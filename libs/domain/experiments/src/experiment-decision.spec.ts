import { describe, expect, it } from 'vitest';
import { decideComparison, formatPValue, type DecisionInput } from './experiment-decision';

const base: DecisionInput = {
  label: 'Mens E-Mail',
  primary: { metric: 'conversion', estimate: 0.0068, lower: 0.005, upper: 0.0086, adjustedPValue: 1e-12 },
  guardrails: [{ metric: 'revenue', estimate: 0.77, lower: 0.49, upper: 1.05, adjustedPValue: 3e-7 }],
  alpha: 0.05,
  confidence: 0.95,
  sampleRatioMismatch: { flagged: false, pValue: 0.9 },
};

describe('decideComparison', () => {
  it('ships a significant win with healthy guardrails (doc example)', () => {
    expect(decideComparison({ ...base, guardrails: [] })).toEqual({
      verdict: 'ship',
      summary: 'Mens E-Mail beats control on conversion by +0.68 pp [95% CI 0.50, 0.86]; safe to ship',
    });
    expect(decideComparison(base).verdict).toBe('ship');
  });

  it('distrusts everything when the split is mismatched', () => {
    expect(decideComparison({ ...base, sampleRatioMismatch: { flagged: true, pValue: 1e-36 } })).toEqual({
      verdict: 'do-not-trust',
      summary: 'Mens E-Mail: do not trust these results; sample ratio mismatch (p < 0.0001), check assignment and event logging',
    });
  });

  it('keeps running when the adjusted p-value misses alpha, even if the raw interval excludes 0', () => {
    const d = decideComparison({ ...base, primary: { ...base.primary, adjustedPValue: 0.06 }, chanceToBeatControl: 0.973 });
    expect(d).toEqual({
      verdict: 'keep-running',
      summary:
        'Mens E-Mail vs control on conversion: +0.68 pp [95% CI 0.50, 0.86], not significant (adjusted p = 0.06, chance to beat control 97.3%); inconclusive, keep running',
    });
  });

  it('refuses a significant loss and a win that harms a guardrail', () => {
    const loss = decideComparison({
      ...base,
      primary: { metric: 'conversion', estimate: -0.004, lower: -0.006, upper: -0.002, adjustedPValue: 0.001 },
    });
    expect(loss).toEqual({
      verdict: 'do-not-ship',
      summary: 'Mens E-Mail loses to control on conversion by -0.40 pp [95% CI -0.60, -0.20]; do not ship',
    });
    const harmed = decideComparison({
      ...base,
      guardrails: [{ metric: 'revenue', estimate: -0.5, lower: -0.7, upper: -0.3, adjustedPValue: 0.0001 }],
    });
    expect(harmed.verdict).toBe('guardrail-harmed');
    expect(harmed.summary).toBe(
      'Mens E-Mail beats control on conversion by +0.68 pp [95% CI 0.50, 0.86] but harms revenue by -0.50 per member [95% CI -0.70, -0.30]; do not ship',
    );
  });

  it('ignores a guardrail that moved down without significance', () => {
    const d = decideComparison({
      ...base,
      guardrails: [{ metric: 'revenue', estimate: -0.1, lower: -0.3, upper: 0.1, adjustedPValue: 0.4 }],
    });
    expect(d.verdict).toBe('ship');
  });
});

describe('formatPValue', () => {
  it('uses two significant digits and a floor', () => {
    expect(formatPValue(0.0123)).toBe('0.012');
    expect(formatPValue(0.5)).toBe('0.5');
    expect(formatPValue(1.5e-13)).toBe('< 0.0001');
  });
});
