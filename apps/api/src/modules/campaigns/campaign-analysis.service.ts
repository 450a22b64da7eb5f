import { Inject, Injectable } from '@nestjs/common';
import type { CumulativeConversionPoint } from '@crosslane/contracts';
import { Prisma, PrismaClient } from '@crosslane/db';
import {
  analyseMetrics,
  buildCampaignReport,
  CAMPAIGN_EVENT_TYPES,
  LiveMetricSumsAccumulator,
  type LiveMetricDefinition,
  type UnitEventTotals,
  metricSlots,
  type MetricArmInput,
  type MetricDefinition,
  type MetricsReport,
  type BreakdownAggregate,
  type CampaignAnalysisMethod,
  type CampaignArmAggregate,
  type CampaignMetric,
  type CampaignReport,
} from '@crosslane/domain-experiments';
import { PrismaService } from '../../core/database/prisma.service';
import { armsWithControl } from './campaign-mapper';
import { CLOCK, type Clock } from '../../core/clock/clock';
import { DEFAULT_MIN_GROUP_SIZE } from '@crosslane/domain-rules';
import { findAgreementInForce } from '../sharing/active-agreement';

/** The campaign cannot be analysed yet; retrying will not help until more members are assigned. */
export class NotEnoughDataError extends Error {}

/** What an analysis run produces: the built-in report of a live campaign, or the named-metrics report of an imported finished test. */
export type AnalysisReport = CampaignReport | (MetricsReport & { readonly method: CampaignAnalysisMethod; readonly srmFlagged: boolean });

export function reportVerdict(report: AnalysisReport): string {
  return 'analysis' in report ? report.analysis.verdict : report.verdict;
}

interface ArmRow {
  variantKey: string;
  members: bigint;
  conversions: bigint;
  retained: bigint;
  revenue: number;
  revenue2: number;
  pre_n: bigint;
  pre_sum: number;
  pre_sum2: number;
  pre_cross: number;
}

/**
 * Aggregates a campaign in SQL (one pass over its events, one over its
 * assignments) and hands the sums to the pure statistics. Used by the
 * analysis job, the dashboard's chart endpoint and the benchmark.
 */
/** What the metric analyses read of a campaign: its id and status for the report, its metric plan and its arms. */
interface AnalysedCampaign {
  id: string;
  status: string;
  metrics: unknown;
  variants: { key: string; name: string; isControl: boolean; weight: number }[];
}

@Injectable()
export class CampaignAnalysisService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Per variant: members, converters, retained, Σrevenue, Σrevenue², and the pre-period sums for CUPED. */
  static async aggregateArms(db: Pick<PrismaClient, '$queryRaw'>, campaignId: string): Promise<ArmRow[]> {
    return db.$queryRaw<ArmRow[]>`
      WITH ev AS (
        SELECT "memberId",
               bool_or(type = 'CONVERSION') AS converted,
               bool_or(type = 'RETENTION') AS retained,
               COALESCE(sum(value) FILTER (WHERE type = 'REVENUE'), 0) AS revenue
        FROM campaign_event WHERE "campaignId" = ${campaignId}::uuid
        GROUP BY "memberId")
      SELECT a."variantKey",
             count(*) AS members,
             count(*) FILTER (WHERE ev.converted) AS conversions,
             count(*) FILTER (WHERE ev.retained) AS retained,
             COALESCE(sum(ev.revenue), 0)::float8 AS revenue,
             COALESCE(sum(ev.revenue * ev.revenue), 0)::float8 AS revenue2,
             count(a."preValue") AS pre_n,
             COALESCE(sum(a."preValue"), 0)::float8 AS pre_sum,
             COALESCE(sum(a."preValue" * a."preValue"), 0)::float8 AS pre_sum2,
             COALESCE(sum(a."preValue" * COALESCE(ev.revenue, 0)), 0)::float8 AS pre_cross
      FROM campaign_assignment a LEFT JOIN ev ON ev."memberId" = a."memberId"
      WHERE a."campaignId" = ${campaignId}::uuid
      GROUP BY a."variantKey"`;
  }

  /** Members and converters per segment the campaign's members belong to (other than the target segment). */
  static async aggregateBreakdowns(
    db: Pick<PrismaClient, '$queryRaw'>,
    campaignId: string,
    targetSegmentId: string | null,
  ): Promise<BreakdownAggregate[]> {
    const rows = await db.$queryRaw<{ grp: string; variantKey: string; members: bigint; conversions: bigint }[]>`
      WITH conv AS (
        SELECT DISTINCT "memberId" FROM campaign_event WHERE "campaignId" = ${campaignId}::uuid AND type = 'CONVERSION')
      SELECT s.name AS grp, a."variantKey", count(*) AS members, count(conv."memberId") AS conversions
      FROM campaign_assignment a
      JOIN segment_membership sm ON sm."memberId" = a."memberId"
      JOIN segment s ON s.id = sm."segmentId"
      LEFT JOIN conv ON conv."memberId" = a."memberId"
      WHERE a."campaignId" = ${campaignId}::uuid AND (${targetSegmentId}::uuid IS NULL OR s.id <> ${targetSegmentId}::uuid)
      GROUP BY s.name, a."variantKey"
      ORDER BY s.name, a."variantKey"`;
    return rows.map((r) => ({ group: r.grp, variantKey: r.variantKey, members: Number(r.members), conversions: Number(r.conversions) }));
  }

  /** The strictest minimum group size among the campaign's partners' active, currently valid agreements; DEFAULT_MIN_GROUP_SIZE without one. */
  static async minGroupSize(db: Pick<PrismaClient, 'sharingAgreement'>, partnerIds: string[], now: Date): Promise<number> {
    if (partnerIds.length === 0) return DEFAULT_MIN_GROUP_SIZE;
    const sizes = await Promise.all(
      partnerIds.map((id) => findAgreementInForce(db, id, now).then((a) => a?.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE)),
    );
    return Math.max(...sizes);
  }

  /**
   * Per arm and per named metric of an EXTERNAL campaign: units, and for each slot of experiment_unit.values its
   * Σ and Σ², plus Σ value·denominator (ratio) or Σ value·covariate (CUPED). Sums in numeric, so they are exact before
   * the one rounding to float8.
   */
  static async aggregateUnits(
    db: Pick<PrismaClient, '$queryRaw'>,
    campaignId: string,
    metrics: readonly MetricDefinition[],
  ): Promise<Map<string, { units: number; sums: number[] }>> {
    const slots = metricSlots(metrics);
    const terms: string[] = [];
    const v = (i: number) => `"values"[${i + 1}]::numeric`;
    for (const s of slots) {
      terms.push(`sum(${v(s.value)})`, `sum(${v(s.value)} * ${v(s.value)})`);
      for (const other of [s.denominator, s.covariate]) {
        if (other === null) continue;
        terms.push(`sum(${v(other)})`, `sum(${v(other)} * ${v(other)})`, `sum(${v(s.value)} * ${v(other)})`);
      }
    }
    // Only integers built above go into the SQL text; the campaign id is a parameter.
    const select = Prisma.raw(terms.map((t) => `COALESCE(${t}, 0)::float8`).join(', '));
    const rows = await db.$queryRaw<{ variantKey: string; units: bigint; sums: number[] }[]>`
      SELECT "variantKey", count(*) AS units, ARRAY[${select}] AS sums
      FROM experiment_unit WHERE "campaignId" = ${campaignId}::uuid
      GROUP BY "variantKey"`;
    return new Map(rows.map((r) => [r.variantKey, { units: Number(r.units), sums: r.sums.map(Number) }]));
  }

  /**
   * A live campaign's members grouped by arm and by their event totals (count and Σ value per event type): members
   * with identical totals come back as one row with their number, so a campaign of mostly idle members stays a few
   * rows per arm. Members without events are in the 0 row: every assigned member is a unit.
   */
  static async aggregateMemberTotals(
    db: Pick<PrismaClient, '$queryRaw'>,
    campaignId: string,
  ): Promise<{ variantKey: string; totals: UnitEventTotals; members: number }[]> {
    // Only the fixed event-type names go into the SQL text; the campaign id is a parameter.
    const perMember = Prisma.raw(
      CAMPAIGN_EVENT_TYPES.map(
        (t, i) => `count(*) FILTER (WHERE type = '${t}') AS n${i}, COALESCE(sum(value) FILTER (WHERE type = '${t}'), 0)::float8 AS s${i}`,
      ).join(', '),
    );
    const columns = CAMPAIGN_EVENT_TYPES.flatMap((_, i) => [`COALESCE(ev.n${i}, 0)::float8`, `COALESCE(ev.s${i}, 0)::float8`]);
    const select = Prisma.raw(columns.join(', '));
    const rows = await db.$queryRaw<{ variantKey: string; members: bigint; totals: number[] }[]>`
      WITH ev AS (
        SELECT "memberId", ${perMember}
        FROM campaign_event WHERE "campaignId" = ${campaignId}::uuid
        GROUP BY "memberId")
      SELECT a."variantKey", ARRAY[${select}] AS totals, count(*) AS members
      FROM campaign_assignment a LEFT JOIN ev ON ev."memberId" = a."memberId"
      WHERE a."campaignId" = ${campaignId}::uuid
      GROUP BY 1, 2`;
    return rows.map((r) => {
      const totals: Record<string, { count: number; sum: number }> = {};
      CAMPAIGN_EVENT_TYPES.forEach((t, i) => {
        totals[t] = { count: Number(r.totals[2 * i]), sum: Number(r.totals[2 * i + 1]) };
      });
      return { variantKey: r.variantKey, totals, members: Number(r.members) };
    });
  }

  /** A live campaign with a declared metric plan: each metric read from the members' events, then the same analyseMetrics path as an imported test. */
  private async analyseLiveMetrics(campaign: AnalysedCampaign): Promise<AnalysisReport> {
    const metrics = campaign.metrics as LiveMetricDefinition[];
    const { variants, control } = armsWithControl(campaign.variants);
    const accumulators = new Map(variants.map((v) => [v.key, new LiveMetricSumsAccumulator(metrics)]));
    for (const row of await CampaignAnalysisService.aggregateMemberTotals(this.prisma, campaign.id))
      accumulators.get(row.variantKey)?.add(row.totals, row.members);
    const arms: MetricArmInput[] = variants.map((v) => {
      const r = (accumulators.get(v.key) as LiveMetricSumsAccumulator).result();
      return { key: v.key, name: v.name, weight: v.weight, units: r.units, metrics: r.metrics };
    });
    return metricsReport(campaign, control.key, arms, metrics, { arm: 'variant', units: 'assigned member(s)' });
  }

  private async analyseExternal(campaign: AnalysedCampaign): Promise<AnalysisReport> {
    const metrics = campaign.metrics as MetricDefinition[];
    const { variants, control } = armsWithControl(campaign.variants);
    const byArm = await CampaignAnalysisService.aggregateUnits(this.prisma, campaign.id, metrics);
    const slots = metricSlots(metrics);
    const arms: MetricArmInput[] = variants.map((v) => {
      const row = byArm.get(v.key);
      const sums = row?.sums ?? [];
      let k = 0;
      const next = () => sums[k++] ?? 0;
      return {
        key: v.key,
        name: v.name,
        weight: v.weight,
        units: row?.units ?? 0,
        metrics: slots.map((s) => {
          const sum = next();
          const sumOfSquares = next();
          const pair = () => ({ sum: next(), sumOfSquares: next(), crossProductSum: next() });
          const denominator = s.denominator !== null ? pair() : undefined;
          const covariate = s.covariate !== null ? pair() : undefined;
          return { sum, sumOfSquares, ...(denominator ? { denominator } : {}), ...(covariate ? { covariate } : {}) };
        }),
      };
    });
    return metricsReport(campaign, control.key, arms, metrics, { arm: 'arm', units: 'unit(s)' });
  }

  /** Runs the full analysis of a campaign and returns the report (nothing stored). */
  async analyse(campaignId: string, method: CampaignAnalysisMethod, now: Date = this.clock.now()): Promise<AnalysisReport> {
    const campaign = await this.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId }, include: { variants: true } });
    if (campaign.unitKind === 'EXTERNAL') return this.analyseExternal(campaign);
    if (Array.isArray(campaign.metrics) && campaign.metrics.length > 0) return this.analyseLiveMetrics(campaign);
    const { variants, control } = armsWithControl(campaign.variants);
    const [rows, breakdowns, minGroupSize] = await Promise.all([
      CampaignAnalysisService.aggregateArms(this.prisma, campaignId),
      CampaignAnalysisService.aggregateBreakdowns(this.prisma, campaignId, campaign.targetSegmentId),
      CampaignAnalysisService.minGroupSize(this.prisma, campaign.partnerIds, now),
    ]);
    const byKey = new Map(rows.map((r) => [r.variantKey, r]));
    const withCovariate = rows.some((r) => Number(r.pre_n) > 0);
    const arms: CampaignArmAggregate[] = variants.map((v) => {
      const r = byKey.get(v.key);
      const arm: CampaignArmAggregate = {
        key: v.key,
        name: v.name,
        weight: v.weight,
        members: Number(r?.members ?? 0),
        conversions: Number(r?.conversions ?? 0),
        retained: Number(r?.retained ?? 0),
        revenueSum: r?.revenue ?? 0,
        revenueSumOfSquares: r?.revenue2 ?? 0,
        ...(withCovariate
          ? { covariate: { sum: r?.pre_sum ?? 0, sumOfSquares: r?.pre_sum2 ?? 0, crossProductSum: r?.pre_cross ?? 0 } }
          : {}),
      };
      return arm;
    });
    requireTwoPerArm(arms, (a) => a.members, { arm: 'variant', units: 'assigned member(s)' });
    return buildCampaignReport({
      arms,
      controlKey: control.key,
      primaryMetric: campaign.primaryMetric as CampaignMetric,
      guardrailMetrics: campaign.guardrailMetrics as CampaignMetric[],
      method,
      minGroupSize,
      breakdowns,
      expectedEffect: campaign.minimumEffect,
      concluded: campaign.status === 'CONCLUDED',
    });
  }

  /** Stores one analysis run; the job id makes a retried job overwrite rather than duplicate. */
  async store(campaignId: string, jobId: string | null, report: AnalysisReport): Promise<string> {
    const result = JSON.parse(JSON.stringify(report)) as Prisma.InputJsonValue;
    return this.prisma.$transaction(async (tx) => {
      if (jobId) {
        const existing = await tx.campaignAnalysis.findFirst({ where: { jobId }, select: { id: true } });
        if (existing) {
          await tx.campaignAnalysis.update({
            where: { id: existing.id },
            data: { result, summary: report.summary, srmFlagged: report.srmFlagged, method: report.method },
          });
          return existing.id;
        }
      }
      const row = await tx.campaignAnalysis.create({
        data: { campaignId, jobId, method: report.method, result, summary: report.summary, srmFlagged: report.srmFlagged },
      });
      return row.id;
    });
  }

  /** Cumulative members and converters per variant per day, for the performance chart. */
  async cumulativeConversions(campaignId: string): Promise<CumulativeConversionPoint[]> {
    const rows = await this.prisma.$queryRaw<{ day: string; variantKey: string; members: bigint; conversions: bigint }[]>`
      WITH firsts AS (
        SELECT "memberId", min("occurredAt") AS at FROM campaign_event
        WHERE "campaignId" = ${campaignId}::uuid AND type = 'CONVERSION' GROUP BY "memberId"),
      joined AS (
        SELECT a."variantKey", date_trunc('day', COALESCE(a."exposedAt", a."assignedAt")) AS entered, date_trunc('day', f.at) AS converted
        FROM campaign_assignment a LEFT JOIN firsts f ON f."memberId" = a."memberId"
        WHERE a."campaignId" = ${campaignId}::uuid),
      days AS (
        SELECT entered AS day, "variantKey", 1 AS m, 0 AS c FROM joined
        UNION ALL SELECT converted, "variantKey", 0, 1 FROM joined WHERE converted IS NOT NULL)
      SELECT to_char(day, 'YYYY-MM-DD') AS day, "variantKey", sum(m)::bigint AS members, sum(c)::bigint AS conversions
      FROM days GROUP BY 1, 2 ORDER BY 1, 2`;
    const points: CumulativeConversionPoint[] = [];
    const running = new Map<string, { members: number; conversions: number }>();
    for (const r of rows) {
      let point = points[points.length - 1];
      if (!point || point.day !== r.day) {
        point = { day: r.day, variants: {} };
        points.push(point);
      }
      const t = running.get(r.variantKey) ?? { members: 0, conversions: 0 };
      t.members += Number(r.members);
      t.conversions += Number(r.conversions);
      running.set(r.variantKey, t);
      // Every point carries every variant's running totals so far.
      for (const [key, v] of running)
        point.variants[key] = { members: v.members, conversions: v.conversions, rate: v.members > 0 ? v.conversions / v.members : 0 };
    }
    return points;
  }
}

/**
 * Arms measured either way (a live campaign's events, an imported test's
 * units) become one report the same way: refused while an arm has fewer than
 * 2 units (named in the caller's words), then analyseMetrics at a fixed
 * horizon, final once the campaign is stopped or concluded.
 */
function metricsReport(
  campaign: { status: string },
  controlKey: string,
  arms: MetricArmInput[],
  metrics: MetricDefinition[],
  words: { arm: string; units: string },
): AnalysisReport {
  requireTwoPerArm(arms, (a) => a.units, words);
  const report = analyseMetrics({
    arms,
    controlKey,
    metrics,
    concluded: campaign.status === 'CONCLUDED' || campaign.status === 'STOPPED',
  });
  return { ...report, method: 'FIXED_HORIZON', srmFlagged: report.sampleRatioMismatch.flagged };
}

/** No arm is analysed on fewer than 2 units (members, imported units): refused, naming the arm in the caller's words. */
function requireTwoPerArm<A extends { name?: string }>(arms: A[], size: (arm: A) => number, words: { arm: string; units: string }): void {
  const small = arms.find((a) => size(a) < 2);
  if (small)
    throw new NotEnoughDataError(
      `Not enough data to analyse: ${words.arm} "${small.name}" has ${size(small)} ${words.units}; at least 2 are needed in every ${words.arm}`,
    );
}
