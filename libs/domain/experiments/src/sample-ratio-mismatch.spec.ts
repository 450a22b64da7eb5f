import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch } from './sample-ratio-mismatch';

// Reference: scipy 1.17, scipy.stats.chisquare(f_obs, f_exp).
describe('sampleRatioMismatch', () => {
  it('flags a 52/48 split of 100,000 members that was meant to be 50/50', () => {
    const r = sampleRatioMismatch([52000, 48000], [50, 50]);
    // scipy.stats.chisquare([52000, 48000], [50000, 50000]) -> statistic 160.0, pvalue 1.13e-36
    expect(r.chiSquare).toBeCloseTo(160, 10);
    expect(r.degreesOfFreedom).toBe(1);
    expect(r.pValue).toBeLessThan(1e-15);
    expect(r.flagged).toBe(true);
    expect(r.observedShares).toEqual([0.52, 0.48]);
  });

  it('does not flag a fair 50/50-ish split', () => {
    const r = sampleRatioMismatch([50210, 49790], [1, 1]);
    // scipy.stats.chisquare([50210, 49790], [50000, 50000]) -> 1.764, 0.1841263727849757
    expect(r.chiSquare).toBeCloseTo(1.764, 10);
    expect(r.pValue).toBeCloseTo(0.1841263727849757, 9);
    expect(r.flagged).toBe(false);
  });

  it('does not flag the Hillstrom three-way split', () => {
    const r = sampleRatioMismatch([21307, 21387, 21306], [1, 1, 1]);
    // scipy.stats.chisquare([21307, 21387, 21306]) -> 0.20253125, 0.9036929575604196
    expect(r.chiSquare).toBeCloseTo(0.20253125, 10);
    expect(r.pValue).toBeCloseTo(0.9036929575604196, 9);
    expect(r.flagged).toBe(false);
  });

  it('uses unequal weights as intended shares', () => {
    const r = sampleRatioMismatch([1000, 2100, 1900], [20, 40, 40]);
    // scipy.stats.chisquare([1000, 2100, 1900], [1000, 2000, 2000]) -> 10.0, 0.006737946999085468
    expect(r.expectedCounts).toEqual([1000, 2000, 2000]);
    expect(r.chiSquare).toBeCloseTo(10, 10);
    expect(r.pValue).toBeCloseTo(0.006737946999085468, 9);
    expect(r.flagged).toBe(false);
    expect(sampleRatioMismatch([1000, 2100, 1900], [20, 40, 40], { threshold: 0.01 }).flagged).toBe(true);
  });

  it('does not mutate its inputs', () => {
    const counts = [52000, 48000];
    const weights = [1, 1];
    sampleRatioMismatch(counts, weights);
    expect(counts).toEqual([52000, 48000]);
    expect(weights).toEqual([1, 1]);
  });

  it('says what it requires', () => {
    expect(() => sampleRatioMismatch([10, 20], [1])).toThrow(
      'sampleRatioMismatch requires at least 2 variants and one weight per observed count, got 2 counts and 1 weights',
    );
    expect(() => sampleRatioMismatch([10, 20], [1, 0])).toThrow(
      'sampleRatioMismatch requires expectedWeights[1] to be a positive finite number, got 0',
    );
    expect(() => sampleRatioMismatch([10, -1], [1, 1])).toThrow(
      'sampleRatioMismatch requires observedCounts[1] to be a non-negative integer, got -1',
    );
    expect(() => sampleRatioMismatch([0, 0], [1, 1])).toThrow('sampleRatioMismatch requires at least 1 observed member in total');
  });
});
