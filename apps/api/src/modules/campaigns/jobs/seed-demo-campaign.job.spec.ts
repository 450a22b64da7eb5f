import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { Prisma } from '@crosslane/db';
import { assignVariant } from '@crosslane/domain-experiments';
import type { AuditEntry } from '../../../core/audit/audit.service';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import type { DemoAssignments, DemoCampaignRepository, DemoCampaignStore, DemoEvents } from '../demo-campaign.repository';
import { SeedDemoCampaignJob } from './seed-demo-campaign.job';

const END = '2026-11-28';
const END_MS = Date.parse('2026-11-28T00:00:00Z');
const START_MS = END_MS - 21 * 86_400_000;
const ARM_WEIGHTS = [
  { key: 'control', weight: 0.34 },
  { key: 'course', weight: 0.33 },
  { key: 'kit', weight: 0.33 },
];

/**
 * The demo world in memory: partners, the car course, the partner's kit, and
 * `members` car-interested members; it keeps the campaigns, assignments,
 * events and audit entries seedOnce's store writes.
 */
function fakeDemoWorld(options: { members?: number; campaigns?: number; partner?: boolean; course?: boolean } = {}) {
  const members = Array.from({ length: options.members ?? 400 }, (_, i) => ({
    id: BigInt(i + 1),
    memberKey: `m-${String(i + 1).padStart(4, '0')}`,
  }));
  const world = {
    campaigns: Array.from({ length: options.campaigns ?? 0 }, (_, i) => ({ id: `existing-${i}` })) as {
      id: string;
      data?: Prisma.CampaignCreateInput;
    }[],
    assignments: [] as { campaignId: string; memberId: bigint; variantKey: string; at: string; pre: number }[],
    events: new Map<string, { campaignId: string; memberId: bigint; type: string; value: number | null; at: string }>(),
    audit: [] as AuditEntry[],
  };
  const store: DemoCampaignStore = {
    campaignCount: async () => world.campaigns.length,
    firstActivePartner: async () => (options.partner === false ? null : { id: 'p-apex', name: 'Apex Motors' }),
    firstCarCourse: async () => (options.course === false ? null : { id: 11n }),
    firstPartnerItem: async (partnerId) => (partnerId === 'p-apex' ? { id: 901n } : null),
    carInterestedMembers: async () => members,
    createCampaign: async (data) => {
      const id = `campaign-${world.campaigns.length + 1}`;
      world.campaigns.push({ id, data });
      return { id };
    },
    insertAssignments: async (campaignId, a: DemoAssignments) => {
      a.m.forEach((memberId, i) => world.assignments.push({ campaignId, memberId, variantKey: a.k[i], at: a.at[i], pre: a.pre[i] }));
    },
    insertEvents: async (campaignId, ev: DemoEvents) => {
      ev.id.forEach((eventId, i) => {
        if (!world.events.has(eventId))
          world.events.set(eventId, { campaignId, memberId: ev.m[i], type: ev.t[i], value: ev.v[i], at: ev.at[i] });
      });
    },
    audit: async (entry) => void world.audit.push(entry),
  };
  const repository = { seedOnce: async <T>(fn: (s: DemoCampaignStore) => Promise<T>) => fn(store) };
  return { job: new SeedDemoCampaignJob(repository as unknown as DemoCampaignRepository), world, members };
}

describe('SeedDemoCampaignJob', () => {
  it('creates one running three-arm campaign over three weeks before the end date, with each arm offering its item', async () => {
    const { job, world } = fakeDemoWorld();
    const context = fakeJobContext();
    const result = await job.run({ seed: 42, endDate: END }, context);
    expect(result).toEqual({ skipped: false, campaignId: 'campaign-1', members: 400, events: world.events.size });
    const data = world.campaigns[0].data!;
    expect(data).toMatchObject({
      name: 'Track Day Starter Kit x Suspension Tuning course (Apex Motors)',
      status: 'RUNNING',
      partnerIds: ['p-apex'],
      primaryMetric: 'CONVERSION',
      salt: 'demo-42',
      startAt: new Date(START_MS),
    });
    expect((data.variants as { create: unknown[] }).create).toEqual([
      expect.objectContaining({ key: 'control', isControl: true, offerType: 'NONE', offerItemId: null }),
      expect.objectContaining({ key: 'course', isControl: false, offerType: 'CO_BRANDED_COURSE', offerItemId: 11n }),
      expect.objectContaining({ key: 'kit', isControl: false, offerType: 'MOD_KIT_TRIAL', offerItemId: 901n }),
    ]);
    expect(world.audit).toEqual([
      {
        action: 'campaign.seed-demo',
        outcome: 'SUCCESS',
        entityType: 'campaign',
        entityId: 'campaign-1',
        detail: { members: 400, events: world.events.size, seed: 42 },
      },
    ]);
    expect(context.progress.map((p) => p.note)).toEqual([
      'Choosing car-interested members',
      `Writing 400 assignments and ${world.events.size} events`,
    ]);
  });

  it("assigns each car-interested member to the arm the product's hash gives, and exposes each once inside the campaign's weeks", async () => {
    const { job, world, members } = fakeDemoWorld();
    await job.run({ seed: 42, endDate: END }, fakeJobContext());
    expect(world.assignments.map((a) => a.memberId)).toEqual(members.map((m) => m.id));
    for (const [i, a] of world.assignments.entries())
      expect(a.variantKey).toBe(assignVariant(members[i].memberKey, 'demo-42', ARM_WEIGHTS));
    const events = [...world.events.values()];
    expect(events.filter((e) => e.type === 'EXPOSURE')).toHaveLength(400);
    for (const e of events) {
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(START_MS);
      expect(Date.parse(e.at)).toBeLessThan(END_MS);
    }
    // A conversion comes with its revenue, and the holdout is offered nothing to click.
    expect(events.filter((e) => e.type === 'CONVERSION').length).toBe(events.filter((e) => e.type === 'REVENUE').length);
    const arms = new Map(world.assignments.map((a) => [a.memberId, a.variantKey]));
    expect(events.filter((e) => e.type === 'CLICK' && arms.get(e.memberId) === 'control')).toEqual([]);
    expect(events.filter((e) => e.type === 'REVENUE').every((e) => e.value !== null && e.value > 0)).toBe(true);
  });

  it('writes the same campaign for the same seed, and other events for another seed', async () => {
    const first = fakeDemoWorld();
    const second = fakeDemoWorld();
    const other = fakeDemoWorld();
    await first.job.run({ seed: 42, endDate: END }, fakeJobContext());
    await second.job.run({ seed: 42, endDate: END }, fakeJobContext());
    await other.job.run({ seed: 7, endDate: END }, fakeJobContext());
    expect(second.world.assignments).toEqual(first.world.assignments);
    expect(second.world.events).toEqual(first.world.events);
    expect(other.world.assignments.map((a) => a.at)).not.toEqual(first.world.assignments.map((a) => a.at));
  });

  it('is skipped, writing nothing, when any campaign exists: a retry or a second start changes nothing', async () => {
    const { job, world } = fakeDemoWorld();
    await job.run({ seed: 42, endDate: END }, fakeJobContext());
    const events = world.events.size;
    expect(await job.run({ seed: 42, endDate: END }, fakeJobContext())).toEqual({ skipped: true, campaignId: null, members: 0, events: 0 });
    expect(world.campaigns).toHaveLength(1);
    expect(world.assignments).toHaveLength(400);
    expect(world.events.size).toBe(events);
    expect(world.audit).toHaveLength(1);
  });

  it('is skipped when the world has no active partner to run it with', async () => {
    const { job, world } = fakeDemoWorld({ partner: false });
    expect(await job.run({ seed: 42, endDate: END }, fakeJobContext())).toEqual({ skipped: true, campaignId: null, members: 0, events: 0 });
    expect(world.campaigns).toEqual([]);
  });

  it('offers no item in the course arm when the world has no car course', async () => {
    const { job, world } = fakeDemoWorld({ course: false, members: 10 });
    await job.run({ seed: 42, endDate: END }, fakeJobContext());
    const arms = (world.campaigns[0].data!.variants as { create: { key: string; offerItemId: bigint | null }[] }).create;
    expect(arms.map((a) => [a.key, a.offerItemId])).toEqual([
      ['control', null],
      ['course', null],
      ['kit', 901n],
    ]);
  });

  it('refuses, for good, an end date that is not YYYY-MM-DD', async () => {
    const { job, world } = fakeDemoWorld();
    const run = job.run({ seed: 42, endDate: '28/11/2026' }, fakeJobContext());
    await expect(run).rejects.toThrow(UnrecoverableError);
    await expect(run).rejects.toThrow('endDate must be YYYY-MM-DD; got "28/11/2026"');
    expect(world.campaigns).toEqual([]);
  });
});
