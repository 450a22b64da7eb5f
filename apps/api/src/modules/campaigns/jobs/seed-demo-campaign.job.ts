import { UnrecoverableError } from 'bullmq';
import { SeededRandom } from '@crosslane/util-random';
import { assignVariant } from '@crosslane/domain-experiments';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { payloadDay } from '../../../core/queue/payload-dates';
import { JobName } from '../../../core/queue/queue-names';
import { DemoCampaignRepository } from '../demo-campaign.repository';

export interface SeedDemoCampaignPayload {
  seed: number;
  /** YYYY-MM-DD: the last day of demo events (the demo world's end date). */
  endDate: string;
}

export interface SeedDemoCampaignResult {
  skipped: boolean;
  campaignId: string | null;
  members: number;
  events: number;
}

const DAYS = 21;
/** Per arm: exposure, click and conversion chances, and mean order value. */
const ARMS = [
  { key: 'control', name: 'No offer (holdout)', isControl: true, weight: 0.34, offerType: 'NONE', click: 0.0, convert: 0.03, value: 180 },
  {
    key: 'course',
    name: 'Suspension Tuning course',
    isControl: false,
    weight: 0.33,
    offerType: 'CO_BRANDED_COURSE',
    click: 0.22,
    convert: 0.05,
    value: 199,
  },
  {
    key: 'kit',
    name: 'Track Day Starter Kit trial',
    isControl: false,
    weight: 0.33,
    offerType: 'MOD_KIT_TRIAL',
    click: 0.28,
    convert: 0.062,
    value: 240,
  },
] as const;

/**
 * A running joint campaign for the demo world, so the campaign screens show
 * something after `npm start`: members who look car-interested (they touched
 * car courses or partner items), assigned by the product's hash, and three
 * weeks of events from a seeded PRNG. One transaction; skipped when any
 * campaign exists, so a retry or a second start changes nothing.
 */
@JobHandler(JobName.SeedDemoCampaign)
export class SeedDemoCampaignJob implements JobRunner<JobName.SeedDemoCampaign> {
  constructor(private readonly demo: DemoCampaignRepository) {}

  async run(payload: SeedDemoCampaignPayload, context: JobContext): Promise<SeedDemoCampaignResult> {
    const end = payloadDay(payload.endDate, 'endDate', UnrecoverableError);
    const start = new Date(end.getTime() - DAYS * 86_400_000);
    const result = await this.demo.seedOnce<SeedDemoCampaignResult>(async (tx) => {
      if ((await tx.campaignCount()) > 0) return { skipped: true, campaignId: null, members: 0, events: 0 };
      const partner = await tx.firstActivePartner();
      if (!partner) return { skipped: true, campaignId: null, members: 0, events: 0 };
      const course = await tx.firstCarCourse();
      const kit = await tx.firstPartnerItem(partner.id);
      await context.reportProgress(10, 'Choosing car-interested members');
      const members = await tx.carInterestedMembers();
      const salt = `demo-${payload.seed}`;
      const campaign = await tx.createCampaign({
        name: `Track Day Starter Kit x Suspension Tuning course (${partner.name})`,
        objective: 'Convert car-interested learners: a co-branded suspension-tuning course against a track-day kit trial, with a holdout.',
        status: 'RUNNING',
        partnerIds: [partner.id],
        primaryMetric: 'CONVERSION',
        guardrailMetrics: ['REVENUE_PER_MEMBER'],
        salt,
        startAt: start,
        minimumEffect: 0.03,
        createdBy: null,
        variants: {
          create: ARMS.map((a) => ({
            key: a.key,
            name: a.name,
            isControl: a.isControl,
            weight: a.weight,
            offerType: a.offerType,
            offerItemId:
              a.offerType === 'CO_BRANDED_COURSE' ? (course?.id ?? null) : a.offerType === 'MOD_KIT_TRIAL' ? (kit?.id ?? null) : null,
          })),
        },
      });
      const rng = new SeededRandom(payload.seed, 'demo-campaign');
      const variants = ARMS.map((a) => ({ key: a.key, weight: a.weight }));
      const assignment = { m: [] as bigint[], k: [] as string[], at: [] as string[], pre: [] as number[] };
      const ev = { id: [] as string[], m: [] as bigint[], t: [] as string[], v: [] as (number | null)[], at: [] as string[] };
      for (const member of members) {
        const key = assignVariant(member.memberKey, salt, variants);
        const arm = ARMS.find((a) => a.key === key)!;
        const entered = start.getTime() + Math.floor(rng.next() * DAYS) * 86_400_000 + Math.floor(rng.next() * 86_400_000);
        assignment.m.push(member.id);
        assignment.k.push(key);
        assignment.at.push(new Date(entered).toISOString());
        assignment.pre.push(rng.chance(0.2) ? Math.round(rng.logNormal(4.5, 0.6)) : 0);
        const add = (type: string, suffix: string, at: number, value: number | null) => {
          ev.id.push(`demo-campaign:${member.memberKey}:${suffix}`);
          ev.m.push(member.id);
          ev.t.push(type);
          ev.v.push(value);
          ev.at.push(new Date(Math.min(at, end.getTime() - 1)).toISOString());
        };
        add('EXPOSURE', 'exposure', entered, null);
        if (rng.chance(arm.click)) add('CLICK', 'click', entered + rng.int(60, 3600) * 1000, null);
        if (rng.chance(arm.convert)) {
          const at = entered + rng.int(1, 6 * 24) * 3600_000;
          add('CONVERSION', 'conversion', at, null);
          add('REVENUE', 'revenue', at, Math.round(arm.value * rng.uniform(0.6, 1.4)));
        }
        if (rng.chance(0.35)) add('RETENTION', 'retention', entered + 7 * 86_400_000, null);
      }
      await context.reportProgress(50, `Writing ${members.length} assignments and ${ev.id.length} events`);
      await tx.insertAssignments(campaign.id, assignment);
      await tx.insertEvents(campaign.id, ev);
      await tx.audit({
        action: 'campaign.seed-demo',
        outcome: 'SUCCESS',
        entityType: 'campaign',
        entityId: campaign.id,
        detail: { members: members.length, events: ev.id.length, seed: payload.seed },
      });
      return { skipped: false, campaignId: campaign.id, members: members.length, events: ev.id.length };
    });
    return result;
  }
}
