import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, useTestApp } from '../support/suite';

const CSV = path.resolve(__dirname, '../../datasets/hillstrom/hillstrom_email_2008.csv');
const ATTRIBUTES = ['history_segment', 'recency', 'zip_code', 'channel', 'newbie', 'mens', 'womens'];
const ARM_OF: Record<string, string> = { 'No E-Mail': 'control', 'Mens E-Mail': 'mens', 'Womens E-Mail': 'womens' };
// scipy.stats.norm.ppf(0.975), and norm.ppf(1 - 0.05 / (2 * 62)): Bonferroni over the 62 cells shown
// (31 bands of the 7 attributes x 2 treated arms; every Hillstrom cell has conversions in both arms, so none is withheld).
const Z95 = 1.959963984540054;
const Z_FAMILY_62 = 3.350570901301503;

/** Fields are plain or double-quoted without inner quotes ("6) $750 - $1,000"): split on the commas outside quotes. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(current);
      current = '';
    } else current += ch;
  }
  cells.push(current);
  return cells;
}

interface HandCell {
  dimension: string;
  band: string;
  arm: string;
  treatedUnits: number;
  controlUnits: number;
  difference: number;
  se: number;
}

/**
 * The hand computation, from the CSV and nothing of ours: per attribute value and arm, units and
 * outcome count; per treated arm, the difference of rates against No E-Mail with the unpooled
 * Wald standard error; per arm and attribute, Cochran's Q around the inverse-variance mean.
 */
function handComputation(outcome: 'visit' | 'conversion') {
  const [header, ...lines] = fs.readFileSync(CSV, 'utf8').trim().split(/\r?\n/);
  const columns = header!.split(',');
  const at = (name: string) => columns.indexOf(name);
  const counts = new Map<string, { n: number; y: number }>();
  for (const line of lines) {
    const cells = splitCsvLine(line);
    const arm = ARM_OF[cells[at('segment')]!]!;
    for (const dimension of ATTRIBUTES) {
      const key = `${dimension}|${cells[at(dimension)]}|${arm}`;
      const c = counts.get(key) ?? { n: 0, y: 0 };
      c.n += 1;
      c.y += Number(cells[at(outcome)]);
      counts.set(key, c);
    }
  }
  const out: HandCell[] = [];
  for (const key of counts.keys()) {
    const [dimension, band, arm] = key.split('|') as [string, string, string];
    if (arm === 'control') continue;
    const t = counts.get(key)!;
    const c = counts.get(`${dimension}|${band}|control`)!;
    const p1 = t.y / t.n;
    const p0 = c.y / c.n;
    out.push({
      dimension,
      band,
      arm,
      treatedUnits: t.n,
      controlUnits: c.n,
      difference: p1 - p0,
      se: Math.sqrt((p1 * (1 - p1)) / t.n + (p0 * (1 - p0)) / c.n),
    });
  }
  const q = new Map<string, { q: number; df: number }>();
  for (const arm of ['mens', 'womens'])
    for (const dimension of ATTRIBUTES) {
      const group = out.filter((x) => x.arm === arm && x.dimension === dimension);
      const w = group.map((x) => 1 / (x.se * x.se));
      const pooled = group.reduce((s, x, i) => s + w[i]! * x.difference, 0) / w.reduce((s, v) => s + v, 0);
      q.set(`${arm}|${dimension}`, { q: group.reduce((s, x, i) => s + w[i]! * (x.difference - pooled) ** 2, 0), df: group.length - 1 });
    }
  return { cells: out, q };
}

interface ApiCell {
  dimension: string;
  band: string;
  arm: string;
  suppressed: boolean;
  treatedUnits: number;
  controlUnits: number;
  difference: number;
  lower: number;
  upper: number;
  adjustedLower: number;
  adjustedUpper: number;
  winner: boolean;
}

describe('decisions on Hillstrom imported through the product: effects by customer band match a hand computation', () => {
  const suite = useTestApp({ label: 'decisions_hillstrom', accounts: ['MANAGER', 'ANALYST'] });
  let campaignId: string;

  beforeAll(async () => {
    const started = await suite.app.http.post('/api/campaigns/import/hillstrom').set(auth(suite.manager)).send({});
    expect(started.status).toBe(202);
    const imported = await suite.app.waitForJob(suite.manager.token, started.body.id, undefined, 240_000);
    expect(imported).toMatchObject({ status: 'COMPLETED', result: { outcome: 'IMPORTED', inserted: 64_000 } });
    campaignId = (imported.result as { campaignId: string }).campaignId;
  }, 300_000);

  for (const outcome of ['visit', 'conversion'] as const) {
    it(`${outcome}: every band's difference, 95 % interval, simultaneous interval and interaction Q equal the hand computation`, async () => {
      const response = await suite.app.http
        .get(`/api/campaigns/${campaignId}/decisions`)
        .query(outcome === 'conversion' ? {} : { metric: outcome })
        .set(auth(suite.analyst));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ segmentMetric: outcome, segmentMetrics: ['conversion', 'visit'], segmentsNote: null });
      const hand = handComputation(outcome);
      const cells = response.body.segments.cells as ApiCell[];
      expect(cells).toHaveLength(62);
      expect(response.body.segments.suppressedCells).toBe(0);
      for (const h of hand.cells) {
        const cell = cells.find((c) => c.dimension === h.dimension && c.band === h.band && c.arm === h.arm);
        expect(cell, `${h.arm} / ${h.dimension} = ${h.band}`).toBeDefined();
        expect(cell).toMatchObject({ suppressed: false, treatedUnits: h.treatedUnits, controlUnits: h.controlUnits });
        expect(cell!.difference).toBeCloseTo(h.difference, 12);
        expect(cell!.lower).toBeCloseTo(h.difference - Z95 * h.se, 10);
        expect(cell!.upper).toBeCloseTo(h.difference + Z95 * h.se, 10);
        expect(cell!.adjustedLower).toBeCloseTo(h.difference - Z_FAMILY_62 * h.se, 9);
        expect(cell!.adjustedUpper).toBeCloseTo(h.difference + Z_FAMILY_62 * h.se, 9);
      }
      const heterogeneity = response.body.segments.heterogeneity as { arm: string; dimension: string; q: number; df: number }[];
      expect(heterogeneity).toHaveLength(14);
      for (const h of heterogeneity) {
        const expected = hand.q.get(`${h.arm}|${h.dimension}`)!;
        expect(h.df).toBe(expected.df);
        expect(h.q).toBeCloseTo(expected.q, 8);
      }
    });
  }

  it('reads the example of the segmentEffects doc comment: Womens E-Mail lifts visits among Rural customers by 2.9 points [1.1, 4.7]', async () => {
    const response = await suite.app.http.get(`/api/campaigns/${campaignId}/decisions`).query({ metric: 'visit' }).set(auth(suite.analyst));
    const rural = (response.body.segments.cells as ApiCell[]).find(
      (c) => c.arm === 'womens' && c.dimension === 'zip_code' && c.band === 'Rural',
    )!;
    expect(rural.difference).toBeCloseTo(0.0291, 4);
    expect(rural.lower).toBeCloseTo(0.0107, 4);
    expect(rural.upper).toBeCloseTo(0.0475, 4);
  });

  it('refuses a metric the test does not have, naming the ones it has', async () => {
    const response = await suite.app.http.get(`/api/campaigns/${campaignId}/decisions`).query({ metric: 'spend' }).set(auth(suite.analyst));
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('conversion, visit');
  });
});
