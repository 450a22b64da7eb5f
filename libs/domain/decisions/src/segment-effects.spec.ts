import { SeededRandom } from '@crosslane/domain-demo-world';
import { describe, expect, it } from 'vitest';
import { loadHillstrom } from '../../../../benchmarks/decisions/hillstrom-rows';
import { cochranQ, segmentEffects, type SegmentCellCounts } from './segment-effects';

const Z975 = 1.959963984540054;

describe('segmentEffects on Hillstrom', () => {
  const rows = loadHillstrom();
  // What the product builds from the imported test: one cell per arm x band.
  const dimensions: Record<string, (r: (typeof rows)[number]) => string> = {
    history_segment: (r) => r.historySegment,
    zip_code: (r) => r.zipCode,
    channel: (r) => r.channel,
    newbie: (r) => String(r.newbie),
  };
  const cells: SegmentCellCounts[] = [];
  for (const [dimension, bandOf] of Object.entries(dimensions)) {
    const acc = new Map<string, { units: number; conversions: number }>();
    for (const r of rows) {
      const key = `${bandOf(r)}|${r.segment}`;
      const a = acc.get(key) ?? { units: 0, conversions: 0 };
      a.units += 1;
      a.conversions += r.visit;
      acc.set(key, a);
    }
    for (const [key, a] of acc) {
      const [band, arm] = key.split('|') as [string, string];
      cells.push({ dimension, band, arm, ...a });
    }
  }
  const report = segmentEffects({ controlArm: 'No E-Mail', cells });

  it('gives, per zip-code band, the difference and interval a hand computation from plain counts gives', () => {
    for (const band of ['Rural', 'Surburban', 'Urban']) {
      // Counted straight from the rows, not from the cells passed in.
      const t = rows.filter((r) => r.zipCode === band && r.segment === 'Womens E-Mail');
      const c = rows.filter((r) => r.zipCode === band && r.segment === 'No E-Mail');
      const p1 = t.reduce((s, r) => s + r.visit, 0) / t.length;
      const p0 = c.reduce((s, r) => s + r.visit, 0) / c.length;
      const se = Math.sqrt((p1 * (1 - p1)) / t.length + (p0 * (1 - p0)) / c.length);
      const cell = report.cells.find((x) => x.dimension === 'zip_code' && x.band === band && x.arm === 'Womens E-Mail')!;
      expect(cell.difference).toBeCloseTo(p1 - p0, 12);
      expect(cell.lower).toBeCloseTo(p1 - p0 - Z975 * se, 12);
      expect(cell.upper).toBeCloseTo(p1 - p0 + Z975 * se, 12);
    }
    // numpy on the same counts (3181/581 against 3139/482 for Rural).
    const rural = report.cells.find((x) => x.dimension === 'zip_code' && x.band === 'Rural' && x.arm === 'Womens E-Mail')!;
    expect(rural.difference).toBeCloseTo(0.02909487971097907, 12);
    expect(rural.lower).toBeCloseTo(0.010673617687630779, 10);
    expect(rural.upper).toBeCloseTo(0.04751614173432736, 10);
  });

  it('adjusts across every cell shown and tests heterogeneity per arm and dimension', () => {
    const shown = report.cells.filter((c) => !c.suppressed);
    // 2 arms x (7 history segments + 3 zip codes + 3 channels + 2 newbie flags).
    expect(shown).toHaveLength(30);
    for (const c of shown) expect(c.holmPValue!).toBeGreaterThanOrEqual(c.pValue!);
    expect(report.heterogeneity).toHaveLength(8);
    // Simultaneous intervals are wider than the per-cell ones.
    for (const c of shown) expect(c.adjustedUpper! - c.adjustedLower!).toBeGreaterThan(c.upper! - c.lower!);
  });

  it('suppresses cells below the minimum group size instead of estimating them', () => {
    const small = segmentEffects({ controlArm: 'No E-Mail', cells, minGroupSize: 3_000 });
    const multichannel = small.cells.filter((c) => c.dimension === 'channel' && c.band === 'Multichannel');
    expect(multichannel.every((c) => c.suppressed && c.difference === null)).toBe(true);
    expect(small.suppressedCells).toBeGreaterThan(0);
  });

  it('does not mutate its input', () => {
    const copy = JSON.parse(JSON.stringify(cells));
    segmentEffects({ controlArm: 'No E-Mail', cells });
    expect(cells).toEqual(copy);
  });
});

/** Simulated campaign: 4 bands, one treated arm; `effects[b]` is the true lift in band b. */
function simulate(seed: number, effects: readonly number[], unitsPerCell = 2_000, base = 0.1): SegmentCellCounts[] {
  const rng = new SeededRandom(seed, 'segment-effects');
  const cells: SegmentCellCounts[] = [];
  effects.forEach((effect, b) => {
    for (const arm of ['control', 'treated']) {
      const p = base + (arm === 'treated' ? effect : 0);
      let conversions = 0;
      for (let i = 0; i < unitsPerCell; i += 1) if (rng.next() < p) conversions += 1;
      cells.push({ dimension: 'rfm', band: `band-${b}`, arm, units: unitsPerCell, conversions });
    }
  });
  return cells;
}

describe('segmentEffects on generated campaigns', () => {
  it('finds an effect planted in one band and names only that band', () => {
    const report = segmentEffects({ controlArm: 'control', cells: simulate(7, [0, 0, 0.05, 0]) });
    expect(report.heterogeneity[0]!.significant).toBe(true);
    expect(report.cells.filter((c) => c.winner).map((c) => c.band)).toEqual(['band-2']);
  });

  // Under a common 2-point lift Holm alone would call most bands winners; the interaction test must not.
  it.each([
    { when: 'the effect is the same in every band', firstSeed: 1, lifts: [0.02, 0.02, 0.02, 0.02] },
    { when: 'there is no effect at all', firstSeed: 1_001, lifts: [0, 0, 0, 0] },
  ])('names no winner more often than alpha over 200 seeds when $when', ({ firstSeed, lifts }) => {
    let withWinner = 0;
    for (let seed = firstSeed; seed < firstSeed + 200; seed += 1) {
      const report = segmentEffects({ controlArm: 'control', cells: simulate(seed, lifts) });
      if (report.cells.some((c) => c.winner)) withWinner += 1;
    }
    expect(withWinner / 200).toBeLessThanOrEqual(0.05);
  });
});

describe('cochranQ', () => {
  it('matches the doc example', () => {
    const q = cochranQ([0.1, 0], [0.0025, 0.0025]);
    expect(q.q).toBeCloseTo(2, 12);
    expect(q.df).toBe(1);
    expect(q.pValue).toBeCloseTo(0.1572992, 6);
  });
});
