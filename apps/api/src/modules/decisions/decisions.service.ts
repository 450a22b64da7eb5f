import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  campaignRoi,
  costProblems,
  segmentEffects,
  type RoiReport,
  type SegmentCellCounts,
  type SegmentEffectsReport,
} from '@crosslane/domain-decisions';
import { metricSlots, minimumDetectableEffect, type MetricDefinition } from '@crosslane/domain-experiments';
import { weightedScore } from '@crosslane/domain-rules';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { CLOCK, type Clock } from '../../core/clock/clock';
import { PrismaService } from '../../core/database/prisma.service';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { CampaignAnalysisService } from '../campaigns/campaign-analysis.service';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DisclosureGateService } from '../sharing/disclosure-gate.service';
import type { CampaignEconomicsDto, NextCampaignDraftDto, TrainUpliftModelDto } from './dto/decisions.dto';

/** An attribute with more values than this is an identifier, not a band: no forest plot of thousands of cells. */
const MAX_BANDS_PER_ATTRIBUTE = 50;

/** Which way an offer sends members, so the candidate shows the recommender's quality in that direction. */
const OFFER_DIRECTION: Record<string, string> = {
  MOD_KIT_TRIAL: 'knowledge->partner',
  RECOMMENDATIONS: 'knowledge->partner',
  CO_BRANDED_COURSE: 'partner->knowledge',
};

export interface ArmRoi {
  arm: string;
  report: RoiReport;
}

export interface CampaignDecisions {
  campaignId: string;
  name: string;
  unitKind: string;
  controlArm: string;
  /** The yes/no metric ROI counts conversions of (an imported test's primary one). */
  metric: string;
  /** The yes/no metric segment effects are computed on (?metric=, default the primary one), and the ones that can be chosen. */
  segmentMetric: string;
  segmentMetrics: string[];
  /** The group size under which cells are withheld, from the privacy gate's policy of the campaign's partners (0 without partners). */
  minGroupSize: number;
  segments: SegmentEffectsReport;
  segmentsNote: string | null;
  economics: Omit<CampaignEconomicsDto, never> | null;
  roi: ArmRoi[];
  roiNote: string | null;
  upliftModels: unknown[];
}

export interface NextCampaignCandidate {
  segmentId: string;
  segmentName: string;
  partnerId: string;
  partnerName: string;
  offerType: string;
  offerItemId: string | null;
  modelId: string | null;
  segmentSize: number;
  /** Members the partner's agreement lets us target: the segment when it reaches the gate's k, else 0. */
  shareableCount: number;
  k: number;
  /** Pooled difference in conversion rate in this segment over past concluded campaigns (inverse-variance), or null without history. */
  pastEffect: number | null;
  expectedIncrementalConversions: number | null;
  expectedFrom: 'uplift-model' | 'past-effects' | null;
  /** Planner MDE (absolute) for a 50/50 split of the segment at 80 % power, 5 % two-sided. */
  mde: number | null;
  partnerScore: number | null;
  recommenderQuality: unknown;
  refused: boolean;
  reason: string | null;
}

/** Decisions after a test: segment effects, ROI, the uplift models, and what to run next. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly campaigns: CampaignsService,
    private readonly gate: DisclosureGateService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueueService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Queues the train-uplift-model job for a concluded live campaign, its first treated arm against control. */
  async trainUpliftModel(input: TrainUpliftModelDto, actor: AuthenticatedAccount, ip: string | null) {
    const campaign = await this.prisma.campaign.findUnique({ where: { id: input.campaignId }, include: { variants: true } });
    if (!campaign) throw new NotFoundException(`Campaign ${input.campaignId} not found`);
    if (campaign.status !== 'CONCLUDED') {
      throw new ConflictException({
        message: `An uplift model needs a concluded campaign; this one is ${campaign.status}`,
        reason: 'NOT_CONCLUDED',
      });
    }
    const control = campaign.variants.find((v) => v.isControl);
    const treated = campaign.variants.find((v) => !v.isControl);
    if (!control || !treated) {
      throw new ConflictException({ message: 'An uplift model needs a control arm and a treated arm', reason: 'NO_CONTROL' });
    }
    if (campaign.unitKind !== 'MEMBER') {
      throw new ConflictException({
        message:
          "Uplift models train on live campaigns' member features; an imported test's band columns break its effects down but are not model features yet (Hillstrom: npm run bench:decisions)",
        reason: 'NO_FEATURES',
      });
    }
    const row = await this.prisma.upliftModel.create({
      data: { campaignId: campaign.id, treatedArm: treated.key, metric: 'CONVERSION', learner: input.learner, createdBy: actor.id },
    });
    const run = await this.jobs.enqueue(JobName.TrainUpliftModel, { upliftModelId: row.id }, { requestedBy: actor.id });
    await this.prisma.upliftModel.update({ where: { id: row.id }, data: { jobRunId: run.id } });
    await this.audit.record({
      action: 'decisions.uplift-model',
      outcome: 'SUCCESS',
      actor,
      entityType: 'campaign',
      entityId: campaign.id,
      detail: { upliftModelId: row.id, learner: input.learner, treatedArm: treated.key, jobId: run.id },
      ip,
    });
    return { id: row.id, jobId: run.id, status: row.status };
  }

  /** The strictest k among the campaign's partners, as the privacy gate sets it; 0 when no partner data is involved. */
  private async partnersK(partnerIds: readonly string[]): Promise<number> {
    if (partnerIds.length === 0) return 0;
    const policies = await Promise.all(partnerIds.map((id) => this.gate.policy(id, this.clock.now())));
    return Math.max(...policies.map((p) => p.k));
  }

  async setEconomics(campaignId: string, input: CampaignEconomicsDto, actor: AuthenticatedAccount, ip: string | null) {
    const campaign = await this.prisma.campaign.findUnique({ where: { id: campaignId }, select: { id: true } });
    if (!campaign) throw new NotFoundException(`Campaign ${campaignId} not found`);
    const problems = costProblems(
      {
        fixed: input.fixedCost,
        perTreated: input.costPerTreated,
        perConversion: input.costPerConversion,
        partnerShare: input.partnerCostShare,
      },
      input.valuePerConversion,
    );
    if (problems.length > 0) {
      throw new BadRequestException({ message: `Invalid input: ${problems.map((p) => p.message).join('; ')}`, fields: problems });
    }
    const data = {
      fixedCost: input.fixedCost,
      costPerTreated: input.costPerTreated,
      costPerConversion: input.costPerConversion,
      partnerCostShare: input.partnerCostShare,
      valuePerConversion: input.valuePerConversion,
      revenueMetric: input.revenueMetric ?? null,
      updatedBy: actor.id,
    };
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.campaignEconomics.findUnique({ where: { campaignId } });
      const saved = await tx.campaignEconomics.upsert({ where: { campaignId }, create: { campaignId, ...data }, update: data });
      await this.audit.record(
        {
          action: 'campaign.economics',
          outcome: 'SUCCESS',
          actor,
          entityType: 'campaign',
          entityId: campaignId,
          detail: { from: before ? economicsOf(before) : null, to: economicsOf(saved) },
          ip,
        },
        tx,
      );
      return economicsOf(saved);
    });
  }

  async decisions(campaignId: string, options: { metric?: string } = {}): Promise<CampaignDecisions> {
    const campaign = await this.prisma.campaign.findUnique({ where: { id: campaignId }, include: { variants: true, economics: true } });
    if (!campaign) throw new NotFoundException(`Campaign ${campaignId} not found`);
    if (campaign.status !== 'CONCLUDED') {
      throw new ConflictException({
        message: `Decisions need a concluded campaign; this one is ${campaign.status}. Conclude it first, so effects are read once, at the planned horizon`,
        reason: 'NOT_CONCLUDED',
      });
    }
    const control = campaign.variants.find((v) => v.isControl);
    if (!control) {
      throw new ConflictException({
        message: 'Decisions need a control arm to measure effects against; this campaign has none',
        reason: 'NO_CONTROL',
      });
    }
    const k = await this.partnersK(campaign.partnerIds);
    const treatedArms = campaign.variants.filter((v) => !v.isControl).map((v) => v.key);

    let cells: SegmentCellCounts[] = [];
    let segmentsNote: string | null = null;
    const arms = new Map<string, { units: number; conversions: number; revenueSum?: number; revenueSumOfSquares?: number }>();
    let metric = 'CONVERSION';
    let segmentMetric = 'CONVERSION';
    let segmentMetrics = ['CONVERSION'];
    if (campaign.unitKind === 'EXTERNAL') {
      const metrics = (campaign.metrics ?? []) as unknown as MetricDefinition[];
      const binaries = metrics.filter((m) => m.kind === 'binary');
      segmentMetrics = binaries.map((m) => m.name);
      const binary = binaries.find((m) => m.role === 'primary') ?? binaries[0];
      if (binary) {
        metric = binary.name;
        const offsets = sumOffsets(metrics);
        const revenue = campaign.economics?.revenueMetric ? metrics.find((m) => m.name === campaign.economics!.revenueMetric) : undefined;
        const byArm = await CampaignAnalysisService.aggregateUnits(this.prisma, campaign.id, metrics);
        for (const [key, a] of byArm) {
          const at = offsets.get(binary.name)!;
          const r = revenue ? offsets.get(revenue.name) : undefined;
          arms.set(key, {
            units: a.units,
            conversions: Math.round(a.sums[at]!),
            ...(r !== undefined ? { revenueSum: a.sums[r]!, revenueSumOfSquares: a.sums[r + 1]! } : {}),
          });
        }
      }
      const chosen = options.metric === undefined ? binary : binaries.find((m) => m.name === options.metric);
      if (!chosen) {
        if (options.metric !== undefined)
          throw new BadRequestException({
            message: `metric must name one of this test's yes/no metrics (${segmentMetrics.join(', ') || 'it has none'}); got "${options.metric}"`,
            fields: [{ field: 'metric', message: `one of ${segmentMetrics.join(', ')}` }],
          });
        segmentsNote = 'This test has no yes/no metric to break down by segment';
      } else {
        segmentMetric = chosen.name;
        const read = await this.unitAttributeCells(campaign.id, metricSlots(metrics)[metrics.indexOf(chosen)]!.value);
        cells = read.cells;
        if (read.kept === 0)
          segmentsNote =
            'This test was imported without attribute columns (mapping.attributeColumns), so it has no segment bands; import it again naming them to break its effects down';
        else if (read.tooMany.length > 0)
          segmentsNote = `Not broken down by ${read.tooMany.join(', ')}: more than ${MAX_BANDS_PER_ATTRIBUTE} distinct values, an identifier rather than a band`;
      }
    } else {
      if (options.metric !== undefined && options.metric !== 'CONVERSION')
        throw new BadRequestException({
          message: `metric must be CONVERSION for a live campaign; got "${options.metric}"`,
          fields: [{ field: 'metric', message: 'CONVERSION' }],
        });
      const [armRows, breakdowns] = await Promise.all([
        CampaignAnalysisService.aggregateArms(this.prisma, campaign.id),
        CampaignAnalysisService.aggregateBreakdowns(this.prisma, campaign.id, campaign.targetSegmentId),
      ]);
      for (const r of armRows) arms.set(r.variantKey, { units: Number(r.members), conversions: Number(r.conversions) });
      cells = breakdowns.map((b) => ({
        dimension: 'segment',
        band: b.group,
        arm: b.variantKey,
        units: b.members,
        conversions: b.conversions,
      }));
      if (cells.length === 0) segmentsNote = 'No member of this campaign belongs to a segment other than its target';
    }
    const segments =
      cells.length > 0 && cells.some((c) => c.arm === control.key)
        ? segmentEffects({ controlArm: control.key, cells, minGroupSize: k })
        : { alpha: 0.05, cells: [], heterogeneity: [], suppressedCells: 0 };

    const roi: ArmRoi[] = [];
    let roiNote: string | null = null;
    const e = campaign.economics;
    const controlArm = arms.get(control.key);
    if (!e) roiNote = 'Set the campaign costs and the value of a conversion (PUT /api/campaigns/:id/economics) to see ROI';
    else if (!controlArm || controlArm.units < 2) roiNote = 'The control arm has fewer than 2 units';
    else {
      for (const key of treatedArms) {
        const treated = arms.get(key);
        if (!treated || treated.units < 2) continue;
        roi.push({
          arm: key,
          report: campaignRoi({
            costs: {
              fixed: e.fixedCost,
              perTreated: e.costPerTreated,
              perConversion: e.costPerConversion,
              partnerShare: e.partnerCostShare,
            },
            valuePerConversion: e.valuePerConversion,
            treated,
            control: controlArm,
          }),
        });
      }
    }
    const upliftModels = await this.prisma.upliftModel.findMany({ where: { campaignId }, orderBy: { createdAt: 'desc' }, take: 4 });
    return {
      campaignId,
      name: campaign.name,
      unitKind: campaign.unitKind,
      controlArm: control.key,
      metric,
      segmentMetric,
      segmentMetrics,
      minGroupSize: k,
      segments,
      segmentsNote,
      economics: e ? economicsOf(e) : null,
      roi,
      roiNote,
      upliftModels: upliftModels.map((m) => ({
        id: m.id,
        learner: m.learner,
        status: m.status,
        evaluation: m.evaluation,
        createdAt: m.createdAt,
      })),
    };
  }

  /**
   * An imported test's units counted per attribute value and arm, with the chosen yes/no metric's sum
   * (`slot` is its value slot in experiment_unit.values). An attribute with more than
   * MAX_BANDS_PER_ATTRIBUTE values is left out (named in tooMany). `kept` is the number of attributes the units carry.
   */
  private async unitAttributeCells(
    campaignId: string,
    slot: number,
  ): Promise<{ cells: SegmentCellCounts[]; kept: number; tooMany: string[] }> {
    const rows = await this.prisma.$queryRaw<{ dimension: string; band: string; variantKey: string; units: number; conversions: number }[]>`
      SELECT a.key AS dimension, a.value AS band, u."variantKey", count(*)::int AS units, COALESCE(sum(u."values"[${slot + 1}::int]), 0)::float8 AS conversions
      FROM experiment_unit u CROSS JOIN LATERAL jsonb_each_text(u.attributes) AS a(key, value)
      WHERE u."campaignId" = ${campaignId}::uuid AND u.attributes IS NOT NULL
      GROUP BY 1, 2, 3`;
    const bands = new Map<string, Set<string>>();
    for (const r of rows) (bands.get(r.dimension) ?? bands.set(r.dimension, new Set()).get(r.dimension)!).add(r.band);
    const tooMany = [...bands].filter(([, b]) => b.size > MAX_BANDS_PER_ATTRIBUTE).map(([d]) => d);
    const order = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
    const cells = rows
      .filter((r) => !tooMany.includes(r.dimension))
      .map((r) => ({
        dimension: r.dimension,
        band: r.band === '' ? '(blank)' : r.band,
        arm: r.variantKey,
        units: r.units,
        conversions: Math.round(r.conversions),
      }))
      .sort((a, b) => order(a.dimension, b.dimension) || order(a.band, b.band) || order(a.arm, b.arm));
    return { cells, kept: bands.size, tooMany: tooMany.sort(order) };
  }

  /**
   * Segment x partner x offer candidates, best expected incremental conversions
   * first; refused ones (below the gate's k, or no detectable effect at that
   * size) listed after, with their reason.
   */
  async nextCampaign(): Promise<NextCampaignCandidate[]> {
    const [segments, partners, model, items] = await Promise.all([
      this.prisma.segment.findMany({ select: { id: true, name: true, size: true }, orderBy: { name: 'asc' } }),
      this.prisma.partner.findMany({
        where: { status: 'ACTIVE' },
        select: { id: true, name: true, scorecard: true },
        orderBy: { name: 'asc' },
      }),
      this.prisma.recommenderModel.findFirst({
        where: { status: 'ACTIVE' },
        orderBy: { activatedAt: 'desc' },
        select: { id: true, metrics: true },
      }),
      // The item an offer would carry: the partner's first catalogue item (the draft can change it).
      this.prisma.item.findMany({
        where: { partnerId: { not: null } },
        distinct: ['partnerId'],
        orderBy: [{ partnerId: 'asc' }, { id: 'asc' }],
        select: { id: true, partnerId: true },
      }),
    ]);
    const itemOf = new Map(items.map((i) => [i.partnerId!, i.id.toString()]));
    const past = await this.pastSegmentEffects();
    // Uplift models' mean predicted uplift per segment (held-out members), newest model last so it wins.
    const upliftBySegment = new Map<string, number>();
    for (const m of await this.prisma.upliftModel.findMany({
      where: { status: 'READY' },
      orderBy: { createdAt: 'asc' },
      select: { segmentScores: true },
    })) {
      for (const [name, v] of Object.entries((m.segmentScores ?? {}) as Record<string, { meanUplift: number }>))
        upliftBySegment.set(name, v.meanUplift);
    }
    const directions = ((model?.metrics as { directions?: Record<string, unknown> } | null)?.directions ?? {}) as Record<string, unknown>;
    const out: NextCampaignCandidate[] = [];
    for (const partner of partners) {
      const k = (await this.gate.policy(partner.id, this.clock.now())).k;
      const score = readScore(partner.scorecard);
      for (const segment of segments) {
        const effect = past.get(segment.name) ?? null;
        // The planner needs a rate strictly inside (0, 1); a segment with no past conversions plans at 0.1 %.
        const baseline = Math.min(0.999, Math.max(0.001, effect?.controlRate ?? 0.05));
        const half = Math.floor(segment.size / 2);
        const mde =
          half >= 2
            ? minimumDetectableEffect({ kind: 'proportion', baselineRate: baseline, controlSize: half, treatmentSize: segment.size - half })
                .absolute
            : null;
        for (const offerType of Object.keys(OFFER_DIRECTION)) {
          let reason: string | null = null;
          const offerItemId = offerType === 'RECOMMENDATIONS' ? null : (itemOf.get(partner.id) ?? null);
          if (offerType === 'RECOMMENDATIONS' && !model) reason = 'No active recommender model to carry a RECOMMENDATIONS offer';
          else if (offerType !== 'RECOMMENDATIONS' && !offerItemId) reason = `${partner.name} has no catalogue item to offer`;
          else if (segment.size < k) reason = `Segment has ${segment.size} members, below ${partner.name}'s minimum group size k = ${k}`;
          else if (mde === null) reason = `The planner finds no detectable effect with ${segment.size} members`;
          out.push({
            segmentId: segment.id,
            segmentName: segment.name,
            partnerId: partner.id,
            partnerName: partner.name,
            offerType,
            offerItemId,
            modelId: offerType === 'RECOMMENDATIONS' ? (model?.id ?? null) : null,
            segmentSize: segment.size,
            shareableCount: segment.size >= k ? segment.size : 0,
            k,
            pastEffect: effect?.difference ?? null,
            expectedIncrementalConversions: upliftBySegment.has(segment.name)
              ? upliftBySegment.get(segment.name)! * (segment.size - half)
              : effect
                ? effect.difference * (segment.size - half)
                : null,
            expectedFrom: upliftBySegment.has(segment.name) ? 'uplift-model' : effect ? 'past-effects' : null,
            mde,
            partnerScore: score,
            recommenderQuality: directions[OFFER_DIRECTION[offerType]!] ?? null,
            refused: reason !== null,
            reason,
          });
        }
      }
    }
    return out.sort(
      (a, b) =>
        Number(a.refused) - Number(b.refused) ||
        (b.expectedIncrementalConversions ?? Number.NEGATIVE_INFINITY) - (a.expectedIncrementalConversions ?? Number.NEGATIVE_INFINITY) ||
        (b.partnerScore ?? 0) - (a.partnerScore ?? 0),
    );
  }

  /** Pooled (inverse-variance) effect per segment name over every concluded live campaign, first treated arm against control. */
  private async pastSegmentEffects(): Promise<Map<string, { difference: number; controlRate: number }>> {
    const concluded = await this.prisma.campaign.findMany({
      where: { status: 'CONCLUDED', unitKind: 'MEMBER' },
      select: { id: true, targetSegmentId: true, variants: { select: { key: true, isControl: true } } },
    });
    const acc = new Map<string, { sw: number; swd: number; c: number; n: number }>();
    for (const c of concluded) {
      const control = c.variants.find((v) => v.isControl);
      if (!control) continue;
      const rows = await CampaignAnalysisService.aggregateBreakdowns(this.prisma, c.id, c.targetSegmentId);
      const byGroup = new Map<string, Map<string, { members: number; conversions: number }>>();
      for (const r of rows) {
        const g = byGroup.get(r.group) ?? new Map();
        g.set(r.variantKey, r);
        byGroup.set(r.group, g);
      }
      for (const [group, arms] of byGroup) {
        const ctl = arms.get(control.key);
        const trt = [...arms.entries()].find(([key]) => key !== control.key)?.[1];
        if (!ctl || !trt || ctl.members < 2 || trt.members < 2) continue;
        const p1 = trt.conversions / trt.members;
        const p0 = ctl.conversions / ctl.members;
        const v = Math.max((p1 * (1 - p1)) / trt.members + (p0 * (1 - p0)) / ctl.members, 1e-9);
        const a = acc.get(group) ?? { sw: 0, swd: 0, c: 0, n: 0 };
        a.sw += 1 / v;
        a.swd += (p1 - p0) / v;
        a.c += ctl.conversions;
        a.n += ctl.members;
        acc.set(group, a);
      }
    }
    return new Map([...acc].map(([g, a]) => [g, { difference: a.swd / a.sw, controlRate: a.n > 0 ? a.c / a.n : 0.05 }]));
  }

  /** One click: a DRAFT campaign for the candidate with the planner's MDE filled in; refused when the gate or planner would refuse it. */
  async createDraft(input: NextCampaignDraftDto, actor: AuthenticatedAccount, ip: string | null) {
    const candidates = (await this.nextCampaign()).filter(
      (c) => c.segmentId === input.segmentId && c.partnerId === input.partnerId && c.offerType === (input.offerType ?? 'MOD_KIT_TRIAL'),
    );
    const candidate = candidates[0];
    if (!candidate) throw new NotFoundException('No such segment, active partner and offer');
    if (candidate.refused)
      throw new ConflictException({
        message: candidate.reason,
        reason: candidate.segmentSize < candidate.k ? 'SEGMENT_BELOW_K' : 'NO_DETECTABLE_EFFECT',
      });
    const created = await this.campaigns.create(
      {
        name: `${candidate.segmentName} x ${candidate.partnerName}: ${candidate.offerType}`,
        objective: `Next campaign from Decisions: expected incremental conversions ${candidate.expectedIncrementalConversions?.toFixed(1) ?? 'unknown'}`,
        targetSegmentId: candidate.segmentId,
        partnerIds: [candidate.partnerId],
        primaryMetric: 'CONVERSION',
        guardrailMetrics: [],
        minimumEffect: candidate.mde,
        variants: [
          { key: 'control', name: 'Holdout', isControl: true, weight: 0.5 },
          {
            key: 'offer',
            name: candidate.offerType,
            weight: 0.5,
            offerType: candidate.offerType,
            ...(candidate.offerItemId ? { offerItemId: candidate.offerItemId } : {}),
            ...(candidate.modelId ? { modelId: candidate.modelId } : {}),
          },
        ],
      } as unknown as Parameters<CampaignsService['create']>[0],
      actor,
      ip,
    );
    await this.audit.record({
      action: 'decisions.draft',
      outcome: 'SUCCESS',
      actor,
      entityType: 'campaign',
      entityId: created.id,
      detail: { segmentId: candidate.segmentId, partnerId: candidate.partnerId, offerType: candidate.offerType, mde: candidate.mde },
      ip,
    });
    return created;
  }
}

function economicsOf(e: {
  fixedCost: number;
  costPerTreated: number;
  costPerConversion: number;
  partnerCostShare: number;
  valuePerConversion: number;
  revenueMetric: string | null;
}) {
  return {
    fixedCost: e.fixedCost,
    costPerTreated: e.costPerTreated,
    costPerConversion: e.costPerConversion,
    partnerCostShare: e.partnerCostShare,
    valuePerConversion: e.valuePerConversion,
    revenueMetric: e.revenueMetric,
  };
}

/** Where each metric's Σ value sits in aggregateUnits' sums (the order it builds them in). */
function sumOffsets(metrics: readonly MetricDefinition[]): Map<string, number> {
  const offsets = new Map<string, number>();
  let at = 0;
  metricSlots(metrics).forEach((s, i) => {
    offsets.set(metrics[i]!.name, at);
    at += 2;
    for (const other of [s.denominator, s.covariate]) if (other !== null) at += 3;
  });
  return offsets;
}

function readScore(scorecard: unknown): number | null {
  try {
    return scorecard ? weightedScore(scorecard as Parameters<typeof weightedScore>[0]) : null;
  } catch {
    return null;
  }
}
