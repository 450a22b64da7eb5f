import { describe, expect, it } from 'vitest';
import { fakeAudit } from '../../../core/audit/testing/fake-audit';
import { fixedClock } from '../../../core/clock/clock';
import { JobCancelledError } from '../../../core/queue/job-handler';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import { BuildClusterSegmentsJob, type BuildClusterSegmentsPayload } from './build-cluster-segments.job';
import { fakeClusterSegments, fakeFeatures, twoKindsOfMember, type StoredClusterSegment } from './cluster-jobs.fakes';

const NOW = new Date('2026-11-28T07:00:00.000Z');
const LABELS = ['recency (days)', 'frequency'];
const PROFILES = twoKindsOfMember(30, 4);
const KEEN = PROFILES.filter((p) => p.memberId % 2n === 1n).map((p) => p.memberId);
const LAPSED = PROFILES.filter((p) => p.memberId % 2n === 0n).map((p) => p.memberId);
const PAYLOAD: BuildClusterSegmentsPayload = { name: 'Habits', features: 'PROFILE', k: 2, seed: 7, sampleSize: 40, requestedBy: 'a1' };

const OTHER_GROUP: StoredClusterSegment = {
  id: 'seg-other',
  kind: 'CLUSTER',
  name: 'Other 1',
  size: 1,
  materialisedAt: new Date('2026-11-01T00:00:00.000Z'),
  createdBy: null,
  config: { group: 'Other' },
  members: [1n],
  description: 'close to the average member',
};

function setUp(existing: StoredClusterSegment[] = [OTHER_GROUP]) {
  const store = fakeClusterSegments(PROFILES, existing);
  const { audit, entries: events } = fakeAudit();
  const job = new BuildClusterSegmentsJob(store.repository, fakeFeatures(PROFILES, LABELS), audit, fixedClock(NOW));
  return { job, state: store.state, events };
}

const membersOf = (segments: StoredClusterSegment[]) => segments.map((s) => [...s.members].sort((a, b) => Number(a - b)));

describe('BuildClusterSegmentsJob', () => {
  it('finds the two kinds of member, writes one described segment per cluster with every member, and audits the sizes', async () => {
    const { job, state, events } = setUp();
    const context = fakeJobContext({ jobId: 'job-k' });
    const result = await job.run(PAYLOAD, context);

    const habits = state.segments.filter((s) => s.config.group === 'Habits');
    expect(result.segments.map((s) => [s.name, s.size])).toEqual([
      ['Habits 1', 30],
      ['Habits 2', 30],
    ]);
    expect(result.segments.map((s) => s.id)).toEqual(habits.map((s) => s.id));
    expect(new Set(membersOf(habits).map((m) => JSON.stringify(m.map(String))))).toEqual(
      new Set([KEEN, LAPSED].map((m) => JSON.stringify(m.map(String)))),
    );
    const keen = habits.find((s) => s.members.includes(KEEN[0]))!;
    expect(keen.description).toBe('lower recency (days), higher frequency; RFM 5.0/4.0/5.0; top categories: motoring, travel');
    expect(result.segments.find((s) => s.id === keen.id)!.description).toBe(keen.description);
    expect(keen).toMatchObject({
      materialisedAt: NOW,
      createdBy: 'a1',
      config: { group: 'Habits', features: 'PROFILE', k: 2, seed: 7, labels: LABELS },
    });
    expect(state.segments).toContainEqual(OTHER_GROUP);
    expect(events).toEqual([
      {
        action: 'segment.clusters.build',
        outcome: 'SUCCESS',
        actor: { id: 'a1' },
        entityType: 'job',
        entityId: 'job-k',
        detail: { name: 'Habits', k: 2, features: 'PROFILE', sizes: [30, 30] },
      },
    ]);
    expect(context.progress.at(-1)).toEqual({ percent: 100, note: '2 cluster segments' });
  });

  it('a rebuild of the same name replaces its group with the same clusters and leaves other groups alone', async () => {
    const { job, state } = setUp();
    await job.run(PAYLOAD, fakeJobContext());
    const first = state.segments.filter((s) => s.config.group === 'Habits');
    await job.run(PAYLOAD, fakeJobContext({ attempt: 2 }));
    const second = state.segments.filter((s) => s.config.group === 'Habits');

    expect(second).toHaveLength(2);
    expect(second.map((s) => s.id)).not.toEqual(first.map((s) => s.id));
    expect(membersOf(second)).toEqual(membersOf(first));
    expect(second.map((s) => s.description)).toEqual(first.map((s) => s.description));
    expect(state.segments.filter((s) => s.config.group === 'Other')).toEqual([OTHER_GROUP]);
  });

  it('refuses a k larger than the sample of profiled members, writing nothing', async () => {
    const { job, state, events } = setUp();
    await expect(job.run({ ...PAYLOAD, k: 5, sampleSize: 4 }, fakeJobContext())).rejects.toThrow(
      'k = 5 needs at least 5 profiled members; found 4',
    );
    expect(state.segments).toEqual([OTHER_GROUP]);
    expect(events).toEqual([]);
  });

  it('cancelled while assigning members, it keeps the previous group as it was', async () => {
    const previous = { ...OTHER_GROUP, id: 'seg-old', name: 'Habits 1', config: { group: 'Habits' } };
    const { job, state, events } = setUp([previous]);
    // One checkpoint per page of 25 profiles: the second page stops it.
    await expect(job.run(PAYLOAD, fakeJobContext({ cancelAfterCheckpoints: 1 }))).rejects.toThrow(JobCancelledError);
    expect(state.segments).toEqual([previous]);
    expect(events).toEqual([]);
  });
});
