import { describe, expect, it } from 'vitest';
import { fakeAudit } from '../../../core/audit/testing/fake-audit';
import { fixedClock } from '../../../core/clock/clock';
import { JobCancelledError } from '../../../core/queue/job-handler';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import type { ActiveModelFactors } from '../model-factors.service';
import { ComputeProfilesJob } from './compute-profiles.job';
import { fakeModelFactors, fakeProfileStore, fakeTaxonomy, type FakeMember, type FakeProfile } from './profile-jobs.fakes';

const AS_OF = '2026-11-28T00:00:00.000Z';
const NOW = new Date('2026-11-28T06:30:00.000Z');
const CAR = { categories: ['motoring'], tags: ['ev'] };
const MEMBERS: FakeMember[] = [
  { id: 1n, scored: true, topics: ['motoring', 'ev'] },
  { id: 2n, scored: true, topics: ['cooking', 'ev'] },
  { id: 3n, scored: false, topics: [] },
];

/** An active model of k = 2 that knows `count` members (ids 1..count), member i's factors being [i, -i]. */
function model(count: number): ActiveModelFactors {
  return {
    modelId: 'm-3',
    version: 3,
    factors: 2,
    memberIds: Array.from({ length: count }, (_, i) => BigInt(i + 1)),
    itemIds: [],
    userFactors: Float32Array.from({ length: count * 2 }, (_, j) => (j % 2 === 0 ? 1 : -1) * (Math.floor(j / 2) + 1)),
    itemFactors: new Float32Array(0),
  };
}

const PREVIOUS: FakeProfile = {
  memberId: 9n,
  asOf: '2026-11-01T00:00:00.000Z',
  computedAt: '2026-11-01T01:00:00.000Z',
  scored: true,
  carInterest: 0,
  latentFactors: [],
};

function setUp(active: ActiveModelFactors | null) {
  const store = fakeProfileStore(MEMBERS, [PREVIOUS]);
  const taxonomy = fakeTaxonomy(CAR);
  const { audit, entries: events } = fakeAudit();
  const job = new ComputeProfilesJob(store.repository, fakeModelFactors(active), audit, taxonomy, fixedClock(NOW));
  return { job, state: store.state, taxonomy, events };
}

describe('ComputeProfilesJob', () => {
  it('replaces every profile as of the payload instant, adds the active model factors and records the asOf', async () => {
    const { job, state, taxonomy, events } = setUp(model(2));
    const context = fakeJobContext({ jobId: 'job-p' });
    const result = await job.run({ asOf: AS_OF }, context);

    expect(result).toEqual({ profiles: 3, scored: 2, withLatentFactors: 2, modelVersion: 3, asOf: AS_OF });
    expect([...state.profiles.keys()]).toEqual([1n, 2n, 3n]);
    expect(state.profiles.get(1n)).toEqual({
      memberId: 1n,
      asOf: AS_OF,
      computedAt: NOW.toISOString(),
      scored: true,
      carInterest: 1,
      latentFactors: [1, -1],
    });
    expect(state.profiles.get(2n)).toMatchObject({ carInterest: 0.5, latentFactors: [2, -2] });
    expect(state.profiles.get(3n)).toMatchObject({ latentFactors: [] });
    expect(state.asOf).toBe(AS_OF);
    // One taxonomy read: the whole run uses one version of the car vocabulary.
    expect(taxonomy.reads).toBe(1);
    expect(events).toEqual([
      {
        action: 'profiles.compute',
        outcome: 'SUCCESS',
        entityType: 'job',
        entityId: 'job-p',
        detail: { ...result, carCategories: CAR.categories, carTags: CAR.tags },
      },
    ]);
    expect(context.progress.at(-1)).toEqual({ percent: 100, note: '3 profiles (2 scored)' });
  });

  it('without an active model the profiles carry no factors', async () => {
    const { job, state } = setUp(null);
    const result = await job.run({ asOf: AS_OF }, fakeJobContext());
    expect(result).toEqual({ profiles: 3, scored: 2, withLatentFactors: 0, modelVersion: null, asOf: AS_OF });
    expect([...state.profiles.values()].every((p) => p.latentFactors.length === 0)).toBe(true);
  });

  it('a retry with the same asOf reaches the same profiles and result', async () => {
    const { job, state } = setUp(model(2));
    const first = await job.run({ asOf: AS_OF }, fakeJobContext());
    const profiles = structuredClone([...state.profiles]);
    expect(await job.run({ asOf: AS_OF }, fakeJobContext({ attempt: 2 }))).toEqual(first);
    expect([...state.profiles]).toEqual(profiles);
  });

  it('refuses an asOf that is not a date and leaves the previous profiles', async () => {
    const { job, state, events } = setUp(model(2));
    await expect(job.run({ asOf: 'yesterday' }, fakeJobContext())).rejects.toThrow('asOf must be an ISO date; got "yesterday"');
    expect([...state.profiles.values()]).toEqual([PREVIOUS]);
    expect(events).toEqual([]);
  });

  it('writes factors 20,000 members at a time, and a cancellation between chunks keeps the previous profiles', async () => {
    // 45,000 members known to the model: three chunks. Checkpoints: after the model load, after the insert, then one per chunk.
    const { job, state, events } = setUp(model(45_000));
    const context = fakeJobContext({ cancelAfterCheckpoints: 3 });
    await expect(job.run({ asOf: AS_OF }, context)).rejects.toThrow(JobCancelledError);

    expect(context.progress.filter((p) => p.note === 'Latent factors of model v3').map((p) => Math.round(p.percent * 100) / 100)).toEqual([
      81.11,
    ]);
    expect([...state.profiles.values()]).toEqual([PREVIOUS]);
    expect(state.asOf).toBeNull();
    expect(events).toEqual([]);

    const complete = fakeJobContext();
    expect(await job.run({ asOf: AS_OF }, complete)).toMatchObject({ profiles: 3, withLatentFactors: 3 });
    expect(complete.progress.filter((p) => p.note === 'Latent factors of model v3').map((p) => Math.round(p.percent * 100) / 100)).toEqual([
      81.11, 92.22, 95,
    ]);
  });
});
