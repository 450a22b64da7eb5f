import { describe, expect, it } from 'vitest';
import { EXPORT_PURPOSES, EXPORTABLE_FIELD_NAMES } from '@crosslane/contracts';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import { fakeJobQueue } from '../../../core/queue/testing/fake-job-queue';
import { JobName } from '../../../core/queue/queue-names';
import {
  fakeAgreements,
  fakePartners,
  fakeRecommenderData,
  fakeSegments,
  fakeSubJob,
  type ComputeProfilesJob,
  type SnapshotSegmentSizesJob,
} from '../testing/demo-world-jobs.fakes';
import { CompleteDemoWorldJob, DEMO_SEGMENTS } from './complete-demo-world.job';

const PARTNERS = [
  { slug: 'redline-bodyworks' },
  { slug: 'apex-performance' },
  { slug: 'lumen-wheels' },
  { slug: 'gone-garage', status: 'ARCHIVED' },
];

function setUp(state: { done?: boolean } = {}) {
  const partners = fakePartners(PARTNERS.map((p) => ({ ...p, scored: state.done })));
  const agreements = fakeAgreements({ anyRecorded: state.done });
  const segments = fakeSegments({ anyExists: state.done });
  const jobs = fakeJobQueue();
  const profiles = fakeSubJob<ComputeProfilesJob>();
  const snapshots = fakeSubJob<SnapshotSegmentSizesJob>();
  const job = new CompleteDemoWorldJob(
    partners.service,
    agreements.service,
    segments.service,
    jobs.queue,
    profiles.job,
    snapshots.job,
    fakeRecommenderData({ anyModel: state.done, maxInteractionId: 812_345n }),
  );
  return { job, partners, agreements, segments, jobs, profiles, snapshots };
}

describe('CompleteDemoWorldJob', () => {
  it('gives each active partner an agreement recorded as of the world’s last day, through AgreementsService', async () => {
    const { job, agreements } = setUp();
    const result = await job.run({ endDate: '2026-11-28' }, fakeJobContext());
    expect(result.agreements).toBe(3);
    expect(agreements.recorded.map((a) => a.partnerId)).toEqual([
      'partner-apex-performance',
      'partner-lumen-wheels',
      'partner-redline-bodyworks',
    ]);
    expect(agreements.recorded[0]).toEqual({
      partnerId: 'partner-apex-performance',
      asOf: '2026-11-28T00:00:00.000Z',
      input: {
        fieldsAllowed: EXPORTABLE_FIELD_NAMES.filter((f) => f !== 'city'),
        purposesAllowed: [...EXPORT_PURPOSES],
        minGroupSize: 50,
        consentRequired: true,
        validFrom: new Date('2026-10-29T00:00:00Z'),
        validTo: new Date('2027-11-28T00:00:00Z'),
        note: 'Demo agreement: a year of joint campaigns; no city-level data',
      },
    });
  });

  it('scores the demo partners, creates the demo segments, computes profiles and snapshots as of the last day, and queues a tuned first model', async () => {
    const { job, partners, segments, jobs, profiles, snapshots } = setUp();
    const context = fakeJobContext();
    const result = await job.run({ endDate: '2026-11-28' }, context);

    expect(partners.scorecards.map((s) => [s.partnerId, s.actor])).toEqual([
      ['partner-apex-performance', null],
      ['partner-lumen-wheels', null],
      ['partner-redline-bodyworks', null],
    ]);
    expect(partners.scorecards[0].scorecard.brandFit).toEqual({ score: 5, weight: 20 });
    expect(segments.created).toEqual(DEMO_SEGMENTS.map((s) => ({ name: s.name, rule: s.rule, actor: null })));
    expect(profiles.runs).toEqual([{ asOf: '2026-11-28T00:00:00.000Z' }]);
    expect(snapshots.runs).toEqual([{ slot: '2026-11-28' }]);
    expect(jobs.enqueued).toHaveLength(1);
    expect(jobs.enqueued[0]).toMatchObject({
      name: JobName.TuneRecommender,
      payload: { scope: 'ALL', maxInteractionId: '812345', autoActivate: true, requestedBy: null, params: { algorithm: 'auto' } },
    });
    expect(result).toEqual({ agreements: 3, segments: 3, trainingJobId: 'run-1' });
    // The sub-jobs' progress lands inside this job's bar, under their label.
    expect(context.progress).toContainEqual({ percent: 50, note: 'Profiles: done' });
    expect(context.progress).toContainEqual({ percent: 90, note: 'Segments: done' });
  });

  it('changes nothing twice: a retry on a completed world records no agreement, scorecard, segment or model', async () => {
    const { job, partners, agreements, segments, jobs } = setUp({ done: true });
    const result = await job.run({ endDate: '2026-11-28' }, fakeJobContext());
    expect(result).toEqual({ agreements: 0, segments: 0, trainingJobId: null });
    expect(agreements.recorded).toEqual([]);
    expect(partners.scorecards).toEqual([]);
    expect(segments.created).toEqual([]);
    expect(jobs.enqueued).toEqual([]);
  });

  it('refuses an end date that is not YYYY-MM-DD', async () => {
    const { job, agreements } = setUp();
    await expect(job.run({ endDate: 'yesterday' }, fakeJobContext())).rejects.toThrow('endDate must be YYYY-MM-DD; got "yesterday"');
    expect(agreements.recorded).toEqual([]);
  });
});
