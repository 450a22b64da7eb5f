import { describe, expect, it } from 'vitest';
import { assignVariant } from '@crosslane/domain-experiments';
import { fixedClock } from '../../../core/clock/clock';
import { JobCancelledError } from '../../../core/queue/job-handler';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import { orderedVariants } from '../campaign-mapper';
import type { CampaignWithArms, SegmentAssignmentRepository } from '../segment-assignment.repository';
import { AssignCampaignSegmentJob } from './assign-campaign-segment.job';

const DAY = 86_400_000;
const NOW = new Date('2026-11-28T09:00:00.000Z');
const START = new Date('2026-11-01T00:00:00.000Z');
const SEGMENT = '5e0a1c4e-0000-4000-8000-000000000001';
const ARMS = [
  { key: 'treatment', weight: 0.5, isControl: false },
  { key: 'control', weight: 0.5, isControl: true },
];

interface Assignment {
  variantKey: string;
  assignedAt: string;
  preValue: number;
}

/**
 * The campaign's world in memory: members with their purchases, segment
 * memberships, and campaign_assignment keyed by member id. insertAssignments
 * keeps an existing row (ON CONFLICT DO NOTHING) and sums purchases in
 * [preFrom, preTo) as the repository's SQL does.
 */
function fakeWorld(options: { members: number; segmentEvery?: number; startAt?: Date | null }) {
  const members = Array.from({ length: options.members }, (_, i) => ({ id: BigInt(i + 1), memberKey: `member-${i + 1}` }));
  const segment = new Set(members.filter((_, i) => i % (options.segmentEvery ?? 1) === 0).map((m) => m.id));
  const purchases = new Map<bigint, { amount: number; at: Date }[]>();
  const campaign = {
    id: 'c1',
    salt: 'salt-c1',
    targetSegmentId: options.segmentEvery ? SEGMENT : null,
    startAt: options.startAt === undefined ? START : options.startAt,
    variants: ARMS,
  } as unknown as CampaignWithArms;
  const rows = new Map<bigint, Assignment>();
  let analyses = 0;
  const audience = (segmentId: string | null) => (segmentId ? members.filter((m) => segment.has(m.id)) : members);
  const repository = {
    campaign: async (id: string) => {
      if (id !== campaign.id) throw new Error(`No Campaign found`);
      return campaign;
    },
    audienceSize: async (segmentId: string | null) => audience(segmentId).length,
    audienceAfter: async (segmentId: string | null, after: bigint, take: number) =>
      audience(segmentId)
        .filter((m) => m.id > after)
        .slice(0, take),
    insertAssignments: async (
      campaignId: string,
      batch: { memberIds: bigint[]; variantKeys: string[] },
      assignedAt: Date,
      preFrom: Date,
      preTo: Date,
    ) => {
      expect(campaignId).toBe(campaign.id);
      let inserted = 0;
      batch.memberIds.forEach((id, i) => {
        if (rows.has(id)) return;
        const preValue = (purchases.get(id) ?? []).filter((p) => p.at >= preFrom && p.at < preTo).reduce((s, p) => s + p.amount, 0);
        rows.set(id, { variantKey: batch.variantKeys[i], assignedAt: assignedAt.toISOString(), preValue });
        inserted++;
      });
      return inserted;
    },
    refreshPlannerStatistics: async () => void analyses++,
  };
  return {
    repository: repository as unknown as SegmentAssignmentRepository,
    members,
    rows,
    purchases,
    analyses: () => analyses,
  };
}

/** The arm the assignment endpoint gives this member: the product's hash over the campaign's ordered arms. */
const endpointArm = (memberKey: string) => assignVariant(memberKey, 'salt-c1', orderedVariants(ARMS));

describe('AssignCampaignSegmentJob', () => {
  it("assigns every member of the target segment to the arm the endpoint would give, stamped with the clock's now", async () => {
    const world = fakeWorld({ members: 300, segmentEvery: 3 });
    const context = fakeJobContext();
    const result = await new AssignCampaignSegmentJob(world.repository, fixedClock(NOW)).run({ campaignId: 'c1' }, context);
    expect(result).toEqual({ assigned: 100, total: 100 });
    const inSegment = world.members.filter((_, i) => i % 3 === 0);
    expect([...world.rows.keys()]).toEqual(inSegment.map((m) => m.id));
    for (const m of inSegment)
      expect(world.rows.get(m.id)).toMatchObject({ variantKey: endpointArm(m.memberKey), assignedAt: NOW.toISOString() });
    expect(new Set([...world.rows.values()].map((r) => r.variantKey))).toEqual(new Set(['treatment', 'control']));
    expect(context.progress).toEqual([{ percent: 100, note: 'Assigned 100 of 100 members' }]);
    expect(world.analyses()).toBe(1);
  });

  it('stores purchase spend in the 30 days before the start as the pre-period value, the start itself excluded', async () => {
    const world = fakeWorld({ members: 3 });
    world.purchases.set(1n, [
      { amount: 40, at: new Date(START.getTime() - 10 * DAY) },
      { amount: 25, at: new Date(START.getTime() - 31 * DAY) },
      { amount: 10, at: START },
    ]);
    world.purchases.set(2n, [{ amount: 7, at: new Date(START.getTime() - 30 * DAY) }]);
    await new AssignCampaignSegmentJob(world.repository, fixedClock(NOW)).run({ campaignId: 'c1' }, fakeJobContext());
    expect([...world.rows.values()].map((r) => r.preValue)).toEqual([40, 7, 0]);
  });

  it("ends the pre-period at the clock's now when the campaign has no start date yet", async () => {
    const world = fakeWorld({ members: 1, startAt: null });
    world.purchases.set(1n, [
      { amount: 12, at: new Date(NOW.getTime() - 29 * DAY) },
      { amount: 99, at: new Date(START.getTime() - 29 * DAY) },
    ]);
    await new AssignCampaignSegmentJob(world.repository, fixedClock(NOW)).run({ campaignId: 'c1' }, fakeJobContext());
    expect(world.rows.get(1n)?.preValue).toBe(12);
  });

  it('stopped after its first chunk of 10,000, a second run assigns only the rest and ends where an uninterrupted run ends', async () => {
    const interrupted = fakeWorld({ members: 12_345 });
    const job = new AssignCampaignSegmentJob(interrupted.repository, fixedClock(NOW));
    await expect(job.run({ campaignId: 'c1' }, fakeJobContext({ cancelAfterCheckpoints: 1 }))).rejects.toThrow(JobCancelledError);
    expect(interrupted.rows.size).toBe(10_000);
    const context = fakeJobContext();
    expect(await job.run({ campaignId: 'c1' }, context)).toEqual({ assigned: 2_345, total: 12_345 });
    expect(context.progress.map((p) => p.note)).toEqual(['Assigned 10,000 of 12,345 members', 'Assigned 12,345 of 12,345 members']);

    const straight = fakeWorld({ members: 12_345 });
    expect(await new AssignCampaignSegmentJob(straight.repository, fixedClock(NOW)).run({ campaignId: 'c1' }, fakeJobContext())).toEqual({
      assigned: 12_345,
      total: 12_345,
    });
    expect(interrupted.rows).toEqual(straight.rows);
  });

  it('changes nothing when run again: members keep their arm and first assignment time, and no statistics refresh is needed', async () => {
    const world = fakeWorld({ members: 50 });
    await new AssignCampaignSegmentJob(world.repository, fixedClock(NOW)).run({ campaignId: 'c1' }, fakeJobContext());
    const before = new Map(world.rows);
    const later = fixedClock(new Date(NOW.getTime() + DAY));
    expect(await new AssignCampaignSegmentJob(world.repository, later).run({ campaignId: 'c1' }, fakeJobContext())).toEqual({
      assigned: 0,
      total: 50,
    });
    expect(world.rows).toEqual(before);
    expect(world.analyses()).toBe(1);
  });
});
