import { Inject, Injectable } from '@nestjs/common';
import type { CampaignPlanDto, PartnerOverlapDto, PlanArmDto, PrimaryMetric } from '@crosslane/contracts';
import { expectedDuration, launchBlockers, minimumDetectableEffect, requiredSampleSize } from '@crosslane/domain-experiments';
import { PrismaService } from '../../core/database/prisma.service';
import { PartnerAudienceService } from '../sharing/partner-audience.service';
import { DEFAULT_MIN_GROUP_SIZE } from '@crosslane/domain-rules';
import { findAgreementInForce } from '../sharing/active-agreement';
import { armsWithControl } from './campaign-mapper';
import { CLOCK, type Clock } from '../../core/clock/clock';

export interface PlanInput {
  targetSegmentId: string | null;
  partnerIds: string[];
  primaryMetric: PrimaryMetric;
  minimumEffect: number | null;
  variants: { key: string; name: string; isControl: boolean; weight: number }[];
}

const HISTORY_DAYS = 90;
const TRAFFIC_DAYS = 28;
/** When history says nothing: a 5 % conversion rate, a revenue SD of 1. */
const FALLBACK = { rate: 0.05, sd: 1 };

/**
 * The planner: for the target segment and weights, the minimum detectable
 * effect of the primary metric (80 % power, 5 % significance) from its
 * historical baseline, the expected duration from daily eligible traffic,
 * each partner's overlap (suppressed below its agreement's minimum group
 * size) and the reasons launch would be refused.
 */
@Injectable()
export class CampaignPlannerService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audience: PartnerAudienceService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async plan(input: PlanInput, now: Date = this.clock.now()): Promise<CampaignPlanDto> {
    const seg = input.targetSegmentId;
    const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
    const [{ size }] = seg
      ? await this.prisma.$queryRaw<{ size: bigint }[]>`SELECT count(*) AS size FROM segment_membership WHERE "segmentId" = ${seg}::uuid`
      : await this.prisma.$queryRaw<{ size: bigint }[]>`SELECT count(*) AS size FROM member`;
    const segmentSize = Number(size);
    const baseline = await this.baseline(input.primaryMetric, seg, since, now);

    const { variants, control } = armsWithControl(input.variants);
    const controlSize = Math.floor(segmentSize * control.weight);
    const arms: PlanArmDto[] = variants.map((v) => {
      const expectedMembers = Math.floor(segmentSize * v.weight);
      let mde: { absolute: number | null; relative: number | null } = { absolute: null, relative: null };
      if (!v.isControl && controlSize >= 1 && expectedMembers >= 1) {
        mde =
          input.primaryMetric === 'REVENUE_PER_MEMBER'
            ? minimumDetectableEffect({
                kind: 'mean',
                standardDeviation: baseline.standardDeviation ?? FALLBACK.sd,
                controlSize,
                treatmentSize: expectedMembers,
                baselineMean: baseline.value,
              })
            : minimumDetectableEffect({
                kind: 'proportion',
                baselineRate: clampRate(baseline.value),
                controlSize,
                treatmentSize: expectedMembers,
              });
      }
      return {
        key: v.key,
        name: v.name,
        isControl: v.isControl,
        weight: v.weight,
        expectedMembers,
        minimumDetectableEffect: mde.absolute,
        relativeMinimumDetectableEffect: mde.relative,
      };
    });

    const daily = await this.dailyEligible(seg, now);
    let duration: CampaignPlanDto['expectedDuration'] = null;
    if (daily > 0) {
      let total = segmentSize;
      if (input.minimumEffect && input.minimumEffect > 0) {
        // Members needed overall so that the control and every treatment reach their sample size.
        total = Math.max(
          1,
          ...variants
            .filter((v) => !v.isControl)
            .map((v) => {
              const ratio = v.weight / control.weight;
              const n =
                input.primaryMetric === 'REVENUE_PER_MEMBER'
                  ? requiredSampleSize({
                      kind: 'mean',
                      standardDeviation: baseline.standardDeviation ?? FALLBACK.sd,
                      minimumDetectableEffect: input.minimumEffect!,
                      allocationRatio: ratio,
                    })
                  : clampRate(baseline.value) + input.minimumEffect! < 1
                    ? requiredSampleSize({
                        kind: 'proportion',
                        baselineRate: clampRate(baseline.value),
                        minimumDetectableEffect: input.minimumEffect!,
                        allocationRatio: ratio,
                      })
                    : { control: 1 };
              return Math.ceil(n.control / control.weight);
            }),
        );
      }
      if (total > 0) duration = expectedDuration(total, daily);
    }

    const partners = await this.partnerOverlaps(input.partnerIds, seg, now);
    const blockers = launchBlockers({
      arms: arms.map((a) => ({ key: a.key, name: a.name, expectedMembers: a.expectedMembers, isControl: a.isControl })),
      partners: partners.map((p) => ({ id: p.partnerId, name: p.partnerName, minGroupSize: p.minGroupSize })),
      minimumEffect: input.minimumEffect,
      detectableEffects: Object.fromEntries(arms.filter((a) => !a.isControl).map((a) => [a.key, a.minimumDetectableEffect])),
      effectUnit: input.primaryMetric === 'REVENUE_PER_MEMBER' ? 'absolute' : 'pp',
    });
    return {
      primaryMetric: input.primaryMetric,
      segmentSize,
      baseline,
      arms,
      dailyEligibleMembers: daily,
      expectedDuration: duration,
      minimumEffect: input.minimumEffect,
      partners,
      blockers,
      canLaunch: blockers.length === 0,
    };
  }

  /** The primary metric's baseline among the segment's members over the last 90 days; past campaigns when they say nothing. */
  private async baseline(metric: PrimaryMetric, seg: string | null, since: Date, now: Date): Promise<CampaignPlanDto['baseline']> {
    const members = seg ? `segment members` : `members`;
    if (metric === 'REVENUE_PER_MEMBER') {
      const [r] = await this.prisma.$queryRaw<{ n: bigint; mean: number | null; sd: number | null }[]>`
        WITH pop AS (SELECT id FROM member WHERE ${seg}::uuid IS NULL UNION ALL SELECT "memberId" FROM segment_membership WHERE "segmentId" = ${seg}::uuid),
        spend AS (SELECT p.id, COALESCE(sum(i.amount) FILTER (WHERE i.type = 'PURCHASE' AND i."occurredAt" >= ${since} AND i."occurredAt" <= ${now}), 0)::float8 AS s
                  FROM pop p LEFT JOIN interaction i ON i."memberId" = p.id GROUP BY p.id)
        SELECT count(*) AS n, avg(s) AS mean, stddev_samp(s) AS sd FROM spend`;
      if (Number(r.n) >= 2 && r.sd && r.sd > 0)
        return {
          value: r.mean ?? 0,
          standardDeviation: r.sd,
          source: `spend per member among ${Number(r.n)} ${members}, last ${HISTORY_DAYS} days`,
        };
      return { value: 0, standardDeviation: FALLBACK.sd, source: 'no spend history: a standard deviation of 1 is assumed' };
    }
    const types = metric === 'RETENTION' ? ['VIEW', 'FAVOURITE', 'ENROL', 'PURCHASE', 'RATING', 'CAMPAIGN_CLICK'] : ['PURCHASE', 'ENROL'];
    const [r] = await this.prisma.$queryRaw<{ n: bigint; hit: bigint }[]>`
      WITH pop AS (SELECT id FROM member WHERE ${seg}::uuid IS NULL UNION ALL SELECT "memberId" FROM segment_membership WHERE "segmentId" = ${seg}::uuid)
      SELECT count(*) AS n,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM interaction i WHERE i."memberId" = p.id AND i.type::text = ANY(${types}::text[])
                                             AND i."occurredAt" >= ${since} AND i."occurredAt" <= ${now})) AS hit
      FROM pop p`;
    const n = Number(r.n);
    const hit = Number(r.hit);
    if (n > 0 && hit > 0 && hit < n) {
      const what = metric === 'RETENTION' ? 'active' : 'purchased or enrolled';
      return { value: hit / n, standardDeviation: null, source: `share of ${n} ${members} who ${what} in the last ${HISTORY_DAYS} days` };
    }
    const [past] = await this.prisma.$queryRaw<{ n: bigint; hit: bigint }[]>`
      SELECT (SELECT count(*) FROM campaign_assignment) AS n,
             (SELECT count(DISTINCT ("campaignId", "memberId")) FROM campaign_event WHERE type = ${metric === 'RETENTION' ? 'RETENTION' : 'CONVERSION'}::"CampaignEventType") AS hit`;
    if (Number(past.n) > 0 && Number(past.hit) > 0 && Number(past.hit) < Number(past.n)) {
      return {
        value: Number(past.hit) / Number(past.n),
        standardDeviation: null,
        source: `past campaigns: ${Number(past.hit)} of ${Number(past.n)} assigned members`,
      };
    }
    return { value: FALLBACK.rate, standardDeviation: null, source: 'no history: a 5% baseline is assumed' };
  }

  /** Average distinct active segment members per day over the last four weeks of interactions. */
  private async dailyEligible(seg: string | null, now: Date): Promise<number> {
    const since = new Date(now.getTime() - TRAFFIC_DAYS * 86_400_000);
    const [r] = await this.prisma.$queryRaw<{ total: bigint | null }[]>`
      SELECT sum(n)::bigint AS total FROM (
        SELECT date_trunc('day', i."occurredAt") AS d, count(DISTINCT i."memberId") AS n
        FROM interaction i
        WHERE i."occurredAt" >= ${since} AND i."occurredAt" <= ${now}
          AND (${seg}::uuid IS NULL OR i."memberId" IN (SELECT "memberId" FROM segment_membership WHERE "segmentId" = ${seg}::uuid))
        GROUP BY 1) x`;
    return Math.round((Number(r.total ?? 0) / TRAFFIC_DAYS) * 10) / 10;
  }

  private async partnerOverlaps(partnerIds: string[], seg: string | null, now: Date): Promise<PartnerOverlapDto[]> {
    const out: PartnerOverlapDto[] = [];
    for (const partnerId of partnerIds) {
      const partner = await this.prisma.partner.findUnique({ where: { id: partnerId }, select: { name: true } });
      const agreement = await findAgreementInForce(this.prisma, partnerId, now);
      const minGroupSize = agreement?.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
      // Through the disclosure gate, like every partner-derived figure.
      const gated = await this.audience.overlapCount(partnerId, seg, 'campaign planner');
      out.push({
        partnerId,
        partnerName: partner?.name ?? partnerId,
        minGroupSize,
        overlap: gated.count,
        suppressed: gated.suppressed,
        agreementId: agreement?.id ?? null,
        disclosure: gated.disclosure,
      });
    }
    return out;
  }
}

function clampRate(p: number): number {
  return Math.min(0.999, Math.max(0.0001, p));
}
