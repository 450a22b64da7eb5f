import { describe, expect, it } from 'vitest';
import { fakeAudit } from '../../../core/audit/testing/fake-audit';
import { fixedClock } from '../../../core/clock/clock';
import { JobCancelledError } from '../../../core/queue/job-handler';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import { fakeJobQueue } from '../../../core/queue/testing/fake-job-queue';
import { JobName } from '../../../core/queue/queue-names';
import { fakeProfileStore, fakeTaxonomy, type FakeMember, type FakeProfile } from './profile-jobs.fakes';
import { RecomputeCarInterestJob } from './recompute-car-interest.job';

const AS_OF = '2026-11-28T00:00:00.000Z';
const NOW = new Date('2026-11-29T08:00:00.000Z');
const MEMBERS: FakeMember[] = [
  { id: 1n, scored: true, topics: ['motoring', 'ev'] },
  { id: 2n, scored: true, topics: ['cooking', 'caravans'] },
  { id: 3n, scored: true, topics: ['cooking'] },
];
const profile = (memberId: bigint): FakeProfile => ({
  memberId,
  asOf: AS_OF,
  computedAt: AS_OF,
  scored: true,
  carInterest: 0,
  latentFactors: [],
});

/** Profiles computed before the business mapped "caravans" to a car topic (the taxonomy now says so). */
function setUp() {
  const store = fakeProfileStore(MEMBERS, [profile(1n), profile(2n), profile(3n)]);
  const { queue, enqueued } = fakeJobQueue();
  const { audit, entries: events } = fakeAudit();
  const taxonomy = fakeTaxonomy({ categories: ['motoring', 'caravans'], tags: ['ev'] });
  const job = new RecomputeCarInterestJob(store.repository, taxonomy, queue, audit, fixedClock(NOW));
  return { job, state: store.state, enqueued, events };
}

const PAYLOAD = { asOf: AS_OF, categories: ['caravans'], tags: [] };

describe('RecomputeCarInterestJob', () => {
  it('recomputes car interest of the members who touched what changed, with the taxonomy as it is now, then queues the segments', async () => {
    const { job, state, enqueued, events } = setUp();
    const context = fakeJobContext({ jobId: 'job-c' });
    const result = await job.run(PAYLOAD, context);

    expect(result).toEqual({ profiles: 1, segmentsJobId: 'run-1' });
    expect([...state.profiles.values()].map((p) => [p.memberId, p.carInterest])).toEqual([
      [1n, 0],
      [2n, 0.5],
      [3n, 0],
    ]);
    // Segment rules read car interest; their behaviour windows count back from now.
    expect(enqueued).toEqual([{ name: JobName.MaterialiseSegments, payload: { asOf: NOW.toISOString() } }]);
    expect(events).toEqual([
      {
        action: 'profiles.recompute-car-interest',
        outcome: 'SUCCESS',
        entityType: 'job',
        entityId: 'job-c',
        detail: { profiles: 1, segmentsJobId: 'run-1', changedCategories: ['caravans'], changedTags: [] },
      },
    ]);
    expect(context.progress.at(-1)).toEqual({ percent: 100, note: '1 profiles updated' });
  });

  it('refuses an asOf that is not a date: no profile changes and no segments are queued', async () => {
    const { job, state, enqueued, events } = setUp();
    await expect(job.run({ ...PAYLOAD, asOf: '28/11/2026' }, fakeJobContext())).rejects.toThrow(
      'asOf must be an ISO date; got "28/11/2026"',
    );
    expect([...state.profiles.values()].every((p) => p.carInterest === 0)).toBe(true);
    expect(enqueued).toEqual([]);
    expect(events).toEqual([]);
  });

  it('cancelled before the update, it changes nothing and queues nothing', async () => {
    const { job, state, enqueued } = setUp();
    await expect(job.run(PAYLOAD, fakeJobContext({ cancelAfterCheckpoints: 0 }))).rejects.toThrow(JobCancelledError);
    expect([...state.profiles.values()].every((p) => p.carInterest === 0)).toBe(true);
    expect(enqueued).toEqual([]);
  });
});
