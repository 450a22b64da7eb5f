import { SeededRandom } from '@crosslane/domain-demo-world';
import { describe, expect, it } from 'vitest';
import { campaignRoi, campaignRoiForTopFraction, costProblems, type CampaignCosts } from './campaign-roi';

const NO_COSTS: CampaignCosts = { fixed: 0, perTreated: 0, perConversion: 0, partnerShare: 0 };
// The doc example's arms and value: 6 % against 5 % of 10,000 each, at 50 a conversion; the cases vary the costs.
const DOC_EXAMPLE_ARMS = {
  valuePerConversion: 50,
  treated: { units: 10_000, conversions: 600 },
  control: { units: 10_000, conversions: 500 },
};

describe('campaignRoi', () => {
  it('gives the doc example', () => {
    const r = campaignRoi({ costs: { ...NO_COSTS, fixed: 2_000 }, ...DOC_EXAMPLE_ARMS });
    expect(r.incrementalConversions.estimate).toBeCloseTo(100, 9);
    expect(r.incrementalRevenue.estimate).toBeCloseTo(5_000, 9);
    expect(r.roi.estimate).toBeCloseTo(1.5, 12);
    // se of the difference: sqrt(.06*.94/1e4 + .05*.95/1e4) = 0.0032109
    const se = Math.sqrt((0.06 * 0.94) / 1e4 + (0.05 * 0.95) / 1e4);
    expect(r.incrementalConversions.lower).toBeCloseTo(10_000 * (0.01 - 1.959963984540054 * se), 6);
    expect(r.breakEvenLift).toBeCloseTo(2_000 / 10_000 / 50, 12);
    // Φ((0.01 - 0.004) / se) = Φ(1.8686)
    expect(r.probabilityRoiPositive).toBeCloseTo(0.96866, 4);
    expect(r.costPerIncrementalConversion.estimate).toBeCloseTo(20, 9);
  });

  it('charges only our share of the costs, per member treated and per conversion', () => {
    const r = campaignRoi({ costs: { fixed: 1_000, perTreated: 0.1, perConversion: 2, partnerShare: 0.25 }, ...DOC_EXAMPLE_ARMS });
    expect(r.cost).toBeCloseTo(0.75 * (1_000 + 1_000 + 1_200), 9);
  });

  it('leaves cost per incremental conversion unbounded when the lift may be zero', () => {
    const r = campaignRoi({
      costs: { ...NO_COSTS, fixed: 100 },
      valuePerConversion: 10,
      treated: { units: 1_000, conversions: 52 },
      control: { units: 1_000, conversions: 50 },
    });
    expect(r.costPerIncrementalConversion.upper).toBeNull();
    expect(r.probabilityRoiPositive).toBeLessThan(0.5);
  });

  it('names every negative cost field', () => {
    const problems = costProblems({ fixed: -1, perTreated: 0, perConversion: -2, partnerShare: 1.5 }, -3);
    expect(problems.map((p) => p.field).sort()).toEqual(['costPerConversion', 'fixedCost', 'partnerCostShare', 'valuePerConversion']);
  });

  it('covers the true ROI of generated campaigns at the nominal rate over 500 seeds', () => {
    let covered = 0;
    for (let seed = 1; seed <= 500; seed += 1) {
      const rng = new SeededRandom(seed, 'roi-coverage');
      const n = 2_000 + rng.int(0, 8_000);
      const p0 = rng.uniform(0.02, 0.2);
      const lift = rng.uniform(-0.01, 0.04);
      const costs: CampaignCosts = {
        fixed: rng.uniform(0, 5_000),
        perTreated: rng.uniform(0, 0.5),
        perConversion: rng.uniform(0, 5),
        partnerShare: rng.uniform(0, 0.5),
      };
      const value = rng.uniform(10, 100);
      let c1 = 0;
      let c0 = 0;
      for (let i = 0; i < n; i += 1) {
        if (rng.next() < p0 + lift) c1 += 1;
        if (rng.next() < p0) c0 += 1;
      }
      const r = campaignRoi({
        costs,
        valuePerConversion: value,
        treated: { units: n, conversions: c1 },
        control: { units: n, conversions: c0 },
      });
      // The true ROI of this campaign: its true lift, valued, over what it actually cost.
      const trueRoi = (n * value * lift - r.cost) / r.cost;
      if (r.roi.lower <= trueRoi && trueRoi <= r.roi.upper) covered += 1;
    }
    // 500 seeds: the Monte Carlo standard error of a 95 % coverage is about 1 point.
    expect(covered / 500).toBeGreaterThanOrEqual(0.93);
    expect(covered / 500).toBeLessThanOrEqual(0.97);
  });
});

describe('campaignRoiForTopFraction', () => {
  it('pays better in the top 30 % when the effect sits with the highest scores', () => {
    const rng = new SeededRandom(11, 'top-fraction');
    const units = [];
    for (let i = 0; i < 20_000; i += 1) {
      const score = rng.next();
      const treated = rng.chance(0.5);
      // Only the top-scoring third responds to treatment.
      const p = 0.05 + (treated && score > 0.7 ? 0.06 : 0);
      units.push({ score, treated, converted: rng.next() < p });
    }
    const costs: CampaignCosts = { fixed: 500, perTreated: 0.5, perConversion: 0, partnerShare: 0 };
    const all = campaignRoiForTopFraction(units, 1, { costs, valuePerConversion: 30 });
    const top = campaignRoiForTopFraction(units, 0.3, { costs, valuePerConversion: 30 });
    expect(top.unitsInSlice).toBe(6_000);
    expect(top.roi.estimate).toBeGreaterThan(all.roi.estimate);
  });
});
