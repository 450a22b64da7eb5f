import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvSplitter } from '@crosslane/domain-ingest';
import { analyseExperiment, type VariantAggregate } from './analyse-experiment';
import { cupedAdjust } from './cuped';
import { sampleRatioMismatch } from './sample-ratio-mismatch';
import { summaryFromSums } from './sample-summary';
import { twoProportionZTest } from './two-proportion-z-test';
import { welchTTest } from './welch-t-test';

// Kevin Hillstrom's MineThatData e-mail test (2008): 64,000 customers split
// three ways. Published figures are quoted from datasets/hillstrom/README.md
// (duketemon/pyuplift docs and Vicientt/AB_Email_Testing README); each is
// asserted to the number of digits it was published with.

const REPO_ROOT = path.resolve(__dirname, '../../../..');
// The file is in the repository (datasets/): a fresh clone needs nothing beside it.
const DATASETS_DIR = process.env['CROSSLANE_DATASETS_DIR'] || path.join(REPO_ROOT, 'datasets');
const CSV_PATH = path.join(DATASETS_DIR, 'hillstrom', 'hillstrom_email_2008.csv');

interface SegmentTotals {
  members: number;
  visits: number;
  conversions: number;
  spendSum: number;
  spendSumOfSquares: number;
  historySum: number;
  historySumOfSquares: number;
  historyTimesSpend: number;
}

function loadHillstrom(): { rows: number; segments: Map<string, SegmentTotals> } {
  let text: string;
  try {
    text = readFileSync(CSV_PATH, 'utf8');
  } catch (error) {
    throw new Error(
      `Hillstrom CSV not found at ${CSV_PATH}; it ships in the repository's datasets/ folder (or set CROSSLANE_DATASETS_DIR)`,
      { cause: error },
    );
  }
  // The product's RFC 4180 reader: the file ends lines in CRLF, has no newline
  // after the last row, and quotes the history_segment values (they hold commas).
  const csv = new CsvSplitter();
  const lines = [...csv.push(text), ...csv.end()].map((record) => record.fields);
  const header = lines[0] as string[];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`hillstrom CSV has no column ${name}`);
    return i;
  };
  const [iSegment, iVisit, iConversion, iSpend, iHistory] = ['segment', 'visit', 'conversion', 'spend', 'history'].map(col);
  const segments = new Map<string, SegmentTotals>();
  for (let r = 1; r < lines.length; r++) {
    // Every row must have the header's field count, or a quoting slip would go unnoticed.
    const f = lines[r] as string[];
    if (f.length !== header.length) throw new Error(`hillstrom CSV row ${r} has ${f.length} fields, expected ${header.length}`);
    const segment = f[iSegment as number] as string;
    const spend = Number(f[iSpend as number]);
    const history = Number(f[iHistory as number]);
    let s = segments.get(segment);
    if (!s) {
      s = {
        members: 0,
        visits: 0,
        conversions: 0,
        spendSum: 0,
        spendSumOfSquares: 0,
        historySum: 0,
        historySumOfSquares: 0,
        historyTimesSpend: 0,
      };
      segments.set(segment, s);
    }
    s.members++;
    s.visits += Number(f[iVisit as number]);
    s.conversions += Number(f[iConversion as number]);
    s.spendSum += spend;
    s.spendSumOfSquares += spend * spend;
    s.historySum += history;
    s.historySumOfSquares += history * history;
    s.historyTimesSpend += history * spend;
  }
  return { rows: lines.length - 1, segments };
}

const { rows, segments } = loadHillstrom();
const seg = (name: string): SegmentTotals => {
  const s = segments.get(name);
  if (!s) throw new Error(`hillstrom CSV has no segment ${name}`);
  return s;
};
const mens = seg('Mens E-Mail');
const womens = seg('Womens E-Mail');
const control = seg('No E-Mail');
const conv = (s: SegmentTotals) => ({ successes: s.conversions, n: s.members });
const visit = (s: SegmentTotals) => ({ successes: s.visits, n: s.members });
const spend = (s: SegmentTotals) => summaryFromSums(s.members, s.spendSum, s.spendSumOfSquares);
const fixed = (x: number, digits: number): string => x.toFixed(digits);

/** A spend comparison's published figures: the lift in dollars and t to 3 decimals, p to the digits it was published with. */
function expectPublishedSpend(r: ReturnType<typeof welchTTest>, published: { lift: string; t: string; p: string; pDigits: number }): void {
  expect(fixed(r.difference.estimate, 3)).toBe(published.lift);
  expect(fixed(r.t, 3)).toBe(published.t);
  expect(r.pValue.toPrecision(published.pDigits)).toBe(published.p);
}

describe('Hillstrom e-mail test: aggregates', () => {
  it('reads all 64,000 rows into the three arms', () => {
    expect(rows).toBe(64000);
    expect([mens.members, womens.members, control.members]).toEqual([21307, 21387, 21306]);
  });

  it('reproduces the per-arm rates and spend of the README table', () => {
    expect(fixed(mens.conversions / mens.members, 6)).toBe('0.012531');
    expect(fixed(womens.conversions / womens.members, 6)).toBe('0.008837');
    expect(fixed(control.conversions / control.members, 6)).toBe('0.005726');
    expect(fixed(mens.visits / mens.members, 5)).toBe('0.18276');
    expect(fixed(womens.visits / womens.members, 5)).toBe('0.15140');
    expect(fixed(control.visits / control.members, 5)).toBe('0.10617');
    expect(fixed(spend(mens).mean, 6)).toBe('1.422617');
    expect(fixed(spend(womens).mean, 6)).toBe('1.077202');
    expect(fixed(spend(control).mean, 6)).toBe('0.652789');
  });

  it('reproduces the pooled figures published by pyuplift (1.05091, 0.14678, 0.00903)', () => {
    const all = [mens, womens, control];
    const n = all.reduce((s, a) => s + a.members, 0);
    expect(fixed(all.reduce((s, a) => s + a.spendSum, 0) / n, 5)).toBe('1.05091');
    expect(fixed(all.reduce((s, a) => s + a.visits, 0) / n, 5)).toBe('0.14678');
    expect(fixed(all.reduce((s, a) => s + a.conversions, 0) / n, 5)).toBe('0.00903');
  });

  it('shows no sample ratio mismatch against the intended equal thirds', () => {
    const srm = sampleRatioMismatch([mens.members, womens.members, control.members], [1, 1, 1]);
    expect(srm.flagged).toBe(false);
    expect(srm.pValue).toBeCloseTo(0.9036929575604196, 9); // scipy.stats.chisquare([21307, 21387, 21306])
  });
});

describe('Hillstrom e-mail test: published test statistics', () => {
  it('Mens vs control conversion: 1.253 % vs 0.573 % (+0.681 pp), z = 7.385, p ≈ 1.52e-13', () => {
    const r = twoProportionZTest(conv(control), conv(mens));
    expect(fixed(r.treatmentRate * 100, 3)).toBe('1.253');
    expect(fixed(r.controlRate * 100, 3)).toBe('0.573');
    expect(fixed(r.absoluteLift.estimate * 100, 3)).toBe('0.681');
    expect(fixed(r.z, 3)).toBe('7.385');
    expect(r.pValue.toPrecision(3)).toBe('1.52e-13');
  });

  it('Womens vs control conversion: +0.311 pp, z = 3.780, p ≈ 1.57e-4', () => {
    const r = twoProportionZTest(conv(control), conv(womens));
    expect(fixed(r.absoluteLift.estimate * 100, 3)).toBe('0.311');
    expect(fixed(r.z, 3)).toBe('3.780');
    expect(r.pValue.toPrecision(3)).toBe('0.000157');
  });

  it('Mens vs control spend: +$0.770 per customer, t = 5.300, p ≈ 1.16e-7', () => {
    const r = welchTTest(spend(control), spend(mens));
    expectPublishedSpend(r, { lift: '0.770', t: '5.300', p: '1.16e-7', pDigits: 3 });
    // scipy.stats.ttest_ind(mens, control, equal_var=False): 5.300140358411669, 1.163814968225482e-07,
    // df 36671.15797736051, confidence_interval(0.95) = (0.4851397325684076, 1.0545145792206658)
    expect(r.t).toBeCloseTo(5.300140358411669, 8);
    expect(r.degreesOfFreedom).toBeCloseTo(36671.15797736051, 4);
    expect(r.difference.lower).toBeCloseTo(0.4851397325684076, 6);
    expect(r.difference.upper).toBeCloseTo(1.0545145792206658, 6);
  });

  it('Womens vs control spend: +$0.424, t = 3.256, p ≈ 0.0011', () => {
    const r = welchTTest(spend(control), spend(womens));
    // Welch's t gives the published 3.256; the README's pooled recomputation gives 3.255.
    expectPublishedSpend(r, { lift: '0.424', t: '3.256', p: '0.0011', pDigits: 2 });
    // scipy.stats.ttest_ind(womens, control, equal_var=False): 3.256371576025392, 0.0011293971023632495
    expect(r.t).toBeCloseTo(3.256371576025392, 8);
    expect(r.pValue).toBeCloseTo(0.0011293971023632495, 9);
  });

  it('visit-rate z: 22.49 (Mens) and 13.95 (Womens), as recomputed in the README', () => {
    expect(fixed(twoProportionZTest(visit(control), visit(mens)).z, 2)).toBe('22.49');
    expect(fixed(twoProportionZTest(visit(control), visit(womens)).z, 2)).toBe('13.95');
  });

  it("CUPED with last year's spend (history) as covariate matches numpy/scipy", () => {
    const cuped = cupedAdjust(
      [control, mens, womens].map((s) => ({
        n: s.members,
        sumY: s.spendSum,
        sumYSquares: s.spendSumOfSquares,
        sumX: s.historySum,
        sumXSquares: s.historySumOfSquares,
        sumXY: s.historyTimesSpend,
      })),
    );
    // theta = numpy.cov(spend, history)[0, 1] / numpy.var(history, ddof=1) over all 64,000 rows;
    // scipy.stats.ttest_ind(adj_mens, adj_control, equal_var=False) with adj = spend - theta*(history - history.mean())
    expect(cuped.theta).toBeCloseTo(0.0012754870330541745, 12);
    const r = welchTTest(cuped.arms[0]!.summary, cuped.arms[1]!.summary);
    expect(r.t).toBeCloseTo(5.2841316256976265, 7);
    expect(r.pValue / 1.270227156782526e-7).toBeCloseTo(1, 5);
    // History explains almost none of the spend in the test window: CUPED gains under 1 %.
    expect(cuped.arms[1]!.varianceReduction).toBeLessThan(0.01);
  });
});

describe('Hillstrom e-mail test: analyseExperiment', () => {
  const variant = (key: string, s: SegmentTotals): VariantAggregate => ({
    key,
    name: key,
    weight: 1,
    members: s.members,
    conversions: s.conversions,
    revenueSum: s.spendSum,
    revenueSumOfSquares: s.spendSumOfSquares,
  });
  const analysis = analyseExperiment({
    controlKey: 'No E-Mail',
    variants: [variant('No E-Mail', control), variant('Mens E-Mail', mens), variant('Womens E-Mail', womens)],
  });

  it('recommends both e-mails, Mens first, in plain words', () => {
    expect(analysis.trustworthy).toBe(true);
    expect(analysis.verdict).toBe('ship');
    expect(analysis.comparisons.map((c) => c.decision.summary)).toEqual([
      'Mens E-Mail beats No E-Mail on conversion by +0.68 pp [95% CI 0.50, 0.86] (267 of 21,307 vs 122 of 21,306; Holm over 2 comparisons); safe to ship',
      'Womens E-Mail beats No E-Mail on conversion by +0.31 pp [95% CI 0.15, 0.47] (189 of 21,387 vs 122 of 21,306; Holm over 2 comparisons); safe to ship',
    ]);
    expect(analysis.summary.split('\n')[2]).toBe('Most likely best on conversion: Mens E-Mail (100.0% chance)');
  });

  it('carries the per-arm and per-comparison figures', () => {
    const [c, m] = analysis.variants;
    expect(c?.conversionRate.lower).toBeCloseTo(0.004798205845961411, 9); // binomtest(122, 21306).proportion_ci(method='wilson')
    expect(m?.revenuePerMember.lower).toBeCloseTo(1.1842128923443604, 6); // mean ± t.ppf(0.975, n-1) * sd / sqrt(n)
    expect(m?.revenuePerMember.upper).toBeCloseTo(1.6610201296671854, 6);
    const mensVsControl = analysis.comparisons[0]!;
    expect(mensVsControl.conversion.result.z).toBeCloseTo(7.385114410925772, 9);
    expect(mensVsControl.revenue.result.t).toBeCloseTo(5.300140358411669, 8);
    expect(mensVsControl.revenue.cuped).toBe(false);
    expect(mensVsControl.chanceToBeatControl).toBeGreaterThan(0.9999999);
    // Holm over the decision family, conversion for 2 treatments: the smallest is multiplied by 2
    expect(mensVsControl.conversion.adjustedPValue / (2 * mensVsControl.conversion.result.pValue)).toBeCloseTo(1, 12);
  });
});
