import { describe, expect, it } from 'vitest';
import {
  FINISHED_TEST_DIRTY,
  FINISHED_TEST_IDENTICAL_REPEATS,
  FINISHED_TEST_MAPPING,
  generateFinishedTestCsv,
} from '../support/finished-test-data.mjs';
import { auth, useTestApp } from '../support/suite';

/**
 * Expected values: scipy 1.17.1 / numpy 2.4.6 on the same generated file, cleaned independently
 * (test/support/finished_test_reference.py; `node test/support/finished-test-data.mjs > f.csv` then
 * `python3 test/support/finished_test_reference.py f.csv`).
 */
const SCIPY = {
  units: [100466, 99534],
  conversion: {
    successes: [10287, 10567],
    wilson: [
      [0.10239284932215874, 0.10053339195387297, 0.10428271166519047],
      [0.10616472763075933, 0.10426617096930724, 0.10809368282122853],
    ],
    z: 2.7597498131965885,
    pTwoSided: 0.005784564213347511,
    pOneSided: 0.0028922821066737557,
  },
  retention: {
    successes: [30392, 30226],
    wilson: [
      [0.30251030199271395, 0.29967751024961825, 0.3053581957511287],
      [0.3036751260875681, 0.30082599337579785, 0.3065394123109587],
    ],
    z: 0.5667173128442966,
    pTwoSided: 0.5709062564591729,
    pOneSided: 0.28545312822958646,
  },
  minutes: {
    means: [10.794857364680588, 10.922934273715516],
    t: 3.999259683126046,
    df: 199932.898219881,
    pTwoSided: 6.356374787733721e-5,
    pOneSided: 3.1781873938668604e-5,
  },
  srm: { chiSquare: 4.34312, pValue: 0.03715877057096059 },
};

/** Equal to 1e-9 relative. */
function close(actual: number, expected: number, what: string): void {
  const relative = Math.abs(actual - expected) / Math.abs(expected);
  expect(relative, `${what}: ${actual} vs scipy ${expected}`).toBeLessThan(1e-9);
}

interface Comparison {
  variantKey: string;
  test: { name: string; value: number; degreesOfFreedom: number | null; pTwoSided: number; pOneSided: number };
  pValue: number;
  adjustedPValue: number;
}
interface MetricResult {
  name: string;
  arms: { key: string; n: number; successes: number | null; value: { estimate: number; lower: number; upper: number } }[];
  comparisons: Comparison[];
}

describe('a finished A/B test imported from a file: 200,000 external units, named metrics, dirty rows counted, figures as scipy computes them', () => {
  const suite = useTestApp({ label: 'campaigns_finished', accounts: ['MANAGER', 'ANALYST'], database: true });
  const csv = generateFinishedTestCsv();

  const upload = async () => {
    const response = await suite.postCsv('/api/campaigns/import/uploads', suite.manager, csv);
    expect(response.status).toBe(201);
    return response.body as { uploadId: number; header: string[]; firstRows: Record<string, string>[] };
  };

  it('previews the counts a mapping will produce, and refuses a mapping that names a missing column, naming the field', async () => {
    expect((await suite.postCsv('/api/campaigns/import/uploads', suite.analyst, csv)).status).toBe(403);
    const uploaded = await upload();
    expect(uploaded.header).toEqual(['user_id', 'group', 'landing_page', 'exposed_at', 'converted', 'retained_d7', 'minutes']);
    expect(uploaded.firstRows).toHaveLength(10);

    const wrong = await suite.app.http
      .post('/api/campaigns/import/preview')
      .set(auth(suite.manager))
      .send({ uploadId: uploaded.uploadId, mapping: { ...FINISHED_TEST_MAPPING, armColumn: 'variant' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields[0]).toMatchObject({ field: 'mapping.armColumn' });
    expect(wrong.body.fields[0].message).toContain('no column "variant"');

    const preview = await suite.app.http
      .post('/api/campaigns/import/preview')
      .set(auth(suite.manager))
      .send({ uploadId: uploaded.uploadId, mapping: FINISHED_TEST_MAPPING });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      units: 200_000,
      unitsPerArm: { control: SCIPY.units[0], 'new-checkout': SCIPY.units[1] },
      rejectionsByReason: FINISHED_TEST_DIRTY,
      identicalDuplicates: FINISHED_TEST_IDENTICAL_REPEATS,
    });
    // Nothing is stored by a preview.
    expect((await suite.db.query('SELECT count(*)::int AS n FROM experiment_unit')).rows[0].n).toBe(0);

    // All-or-nothing meets the dirty rows: the job completes with outcome REJECTED, every row is in the report, nothing is stored.
    const refused = await suite.app.http
      .post('/api/campaigns/import')
      .set(auth(suite.manager))
      .send({ uploadId: uploaded.uploadId, mapping: FINISHED_TEST_MAPPING, name: 'Checkout test (refused)' });
    expect(refused.status).toBe(202);
    const job = await suite.app.waitForJob(suite.manager.token, refused.body.id);
    expect(job).toMatchObject({
      status: 'COMPLETED',
      result: {
        kind: 'finished-test',
        outcome: 'REJECTED',
        rowsRead: 201_170,
        rejected: 1050,
        inserted: 0,
        rejectionsByReason: FINISHED_TEST_DIRTY,
      },
    });
    const rows = await suite.app.http.get(`/api/campaigns/imports/${job.id}/rejections`).query({ range: '[0,0]' }).set(auth(suite.analyst));
    expect(rows.headers['content-range']).toBe('rejections 0-0/1050');
    expect(rows.body[0].reason).toMatch(/unknown arm|duplicate unit|arm\/exposure mismatch|unparseable metric/);
    expect((await suite.db.query(`SELECT count(*)::int AS n FROM campaign WHERE name = 'Checkout test (refused)'`)).rows[0].n).toBe(0);
  });

  it('keeps the good rows, counts the dirty ones by reason, and the analysis matches scipy to 1e-9', async () => {
    const uploaded = await upload();
    const started = await suite.app.http
      .post('/api/campaigns/import')
      .set(auth(suite.manager))
      .send({ uploadId: uploaded.uploadId, mapping: FINISHED_TEST_MAPPING, name: 'Checkout test', mode: 'keep-good-rows' });
    const job = await suite.app.waitForJob(suite.manager.token, started.body.id);
    expect(job.error ?? null).toBeNull();
    expect(job).toMatchObject({
      status: 'COMPLETED',
      result: {
        outcome: 'IMPORTED',
        rowsRead: 201_170,
        inserted: 200_000,
        rejected: 1050,
        unchanged: FINISHED_TEST_IDENTICAL_REPEATS,
        rejectionsByReason: FINISHED_TEST_DIRTY,
      },
    });
    const campaignId = (job.result as { campaignId: string }).campaignId;
    const campaign = (await suite.app.http.get(`/api/campaigns/${campaignId}`).set(auth(suite.analyst))).body;
    expect(campaign).toMatchObject({
      status: 'CONCLUDED',
      unitKind: 'EXTERNAL',
      metrics: [{ name: 'conversion', hypothesis: 'one-sided' }, { name: 'day-7 retention' }, { name: 'minutes watched', kind: 'mean' }],
    });
    // The units never become members.
    expect((await suite.db.query('SELECT count(*)::int AS n FROM member')).rows[0].n).toBe(0);

    const queued = await suite.app.http.post(`/api/campaigns/${campaignId}/analyses`).set(auth(suite.analyst)).send({});
    expect((await suite.app.waitForJob(suite.analyst.token, queued.body.id)).status).toBe('COMPLETED');
    const [analysis] = (await suite.app.http.get(`/api/campaigns/${campaignId}/analyses`).set(auth(suite.analyst))).body;
    const report = analysis.result;
    const metric = (name: string) => report.metrics.find((m: MetricResult) => m.name === name) as MetricResult;

    expect(report.arms.map((a: { units: number }) => a.units)).toEqual(SCIPY.units);
    close(report.sampleRatioMismatch.chiSquare, SCIPY.srm.chiSquare, 'SRM chi-square');
    close(report.sampleRatioMismatch.pValue, SCIPY.srm.pValue, 'SRM p');
    for (const [name, expected] of [
      ['conversion', SCIPY.conversion],
      ['day-7 retention', SCIPY.retention],
    ] as const) {
      const m = metric(name);
      m.arms.forEach((arm, i) => {
        expect(arm.successes).toBe(expected.successes[i]);
        close(arm.value.estimate, expected.wilson[i][0], `${name} rate ${arm.key}`);
        close(arm.value.lower, expected.wilson[i][1], `${name} Wilson lower ${arm.key}`);
        close(arm.value.upper, expected.wilson[i][2], `${name} Wilson upper ${arm.key}`);
      });
      const c = m.comparisons[0];
      close(c.test.value, expected.z, `${name} z`);
      close(c.test.pTwoSided, expected.pTwoSided, `${name} two-sided p`);
      close(c.test.pOneSided, expected.pOneSided, `${name} one-sided p`);
    }
    const minutes = metric('minutes watched');
    minutes.arms.forEach((arm, i) => close(arm.value.estimate, SCIPY.minutes.means[i], `minutes mean ${arm.key}`));
    const welch = minutes.comparisons[0].test;
    expect(welch.name).toBe('t');
    close(welch.value, SCIPY.minutes.t, 'Welch t');
    close(welch.degreesOfFreedom as number, SCIPY.minutes.df, 'Welch df');
    close(welch.pTwoSided, SCIPY.minutes.pTwoSided, 'Welch two-sided p');
    close(welch.pOneSided, SCIPY.minutes.pOneSided, 'Welch one-sided p');

    // One primary metric, one treatment: the family is that one comparison, and the headline p is the raw (declared one-sided) p.
    const conversion = metric('conversion').comparisons[0];
    expect(conversion.pValue).toBe(conversion.test.pOneSided);
    expect(conversion.adjustedPValue).toBe(conversion.pValue);
    expect(report.decisions[0].headlinePValue).toBe(conversion.pValue);
    expect(report.families.primary).toMatchObject({ comparisons: 1, label: '1 comparison, no adjustment' });
    expect(report.verdict).toBe('ship');
    expect(analysis.summary.split('\n')[0]).toBe(
      'New checkout vs Old checkout on conversion: 10.62% (10,567 of 99,534) vs 10.24% (10,287 of 100,466), +0.38 pp [95% CI 0.11, 0.65], one-sided p = 0.0029 (1 comparison, no adjustment); New checkout beats Old checkout on conversion; safe to ship',
    );
    // Minutes is secondary: adjusted among secondaries and labelled exploratory, never part of the decision family.
    expect(analysis.summary).toContain('Exploratory (1 comparison, no adjustment, exploratory): New checkout better on minutes watched');
    expect(analysis.summary).not.toContain('CUPED');
  });
});
