import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { METRIC_DEFINITION_FIELDS, parseCalendarDate } from '@crosslane/contracts';
import { randomBytes } from 'node:crypto';
import type { CampaignAnalysisDto, CampaignDto, CampaignStatusDto } from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';
import {
  metricPlanKey,
  validateLiveMetricDefinitions,
  validateVariantWeights,
  type LiveMetricDefinition,
} from '@crosslane/domain-experiments';
import { canTransition, type CampaignStatus } from '@crosslane/domain-rules';
import { AuditService } from '../../core/audit/audit.service';
import { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { findPage, mapPage, type Page, textSearch } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { enumFilter, ListQuery, whereIdIn } from '../../core/http/list-query';
import { analysisToDto, campaignToDto, CampaignWithVariants } from './campaign-mapper';
import { CampaignVariantInputDto, CreateCampaignDto, UpdateCampaignDto } from './dto/campaign.dto';
import { findOr404, isUuid, uuidOr404 } from '../../core/http/ids';
import { CLOCK, type Clock } from '../../core/clock/clock';

export const CAMPAIGN_SORTABLE = ['name', 'status', 'createdAt', 'updatedAt', 'startAt', 'endAt'] as const;
export const ANALYSIS_SORTABLE = ['createdAt', 'method'] as const;
export const CAMPAIGN_STATUSES = ['DRAFT', 'SCHEDULED', 'RUNNING', 'STOPPED', 'CONCLUDED'] as const;
/** Arms, weights, metric and salt are fixed once members may have been assigned. */
const EDITABLE_DESIGN: CampaignStatus[] = ['DRAFT', 'SCHEDULED'];

@Injectable()
export class CampaignsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: ListQuery): Promise<Page<CampaignDto>> {
    const where: Prisma.CampaignWhereInput = {
      ...whereIdIn(query),
      status: enumFilter(query.filter, 'status', CAMPAIGN_STATUSES),
      ...textSearch(query, ['name']),
    };
    return mapPage(
      await findPage(this.prisma, this.prisma.campaign, query, where, {
        read: (page) => this.prisma.campaign.findMany({ ...page, include: { variants: true } }),
      }),
      campaignToDto,
    );
  }

  async get(id: string): Promise<CampaignDto> {
    return campaignToDto(await this.find(id));
  }

  async find(id: string): Promise<CampaignWithVariants> {
    return findOr404(id, 'campaign', (uuid) => this.prisma.campaign.findUnique({ where: { id: uuid }, include: { variants: true } }));
  }

  async create(input: CreateCampaignDto, actor: AuthenticatedAccount, ip: string | null): Promise<CampaignDto> {
    assertVariants(input.variants);
    assertSchedule(input.startAt, input.endAt);
    const metrics = liveMetricPlan(input.metrics);
    await this.assertReferences(input.partnerIds ?? [], input.targetSegmentId ?? null);
    const created = await this.audit.withChange(
      (tx) =>
        tx.campaign.create({
          data: {
            name: input.name.trim(),
            objective: input.objective,
            targetSegmentId: input.targetSegmentId ?? null,
            partnerIds: input.partnerIds ?? [],
            primaryMetric: input.primaryMetric,
            guardrailMetrics: input.guardrailMetrics ?? [],
            salt: randomBytes(8).toString('hex'),
            startAt: input.startAt ? parseCalendarDate(input.startAt)! : null,
            endAt: input.endAt ? parseCalendarDate(input.endAt)! : null,
            minimumEffect: input.minimumEffect ?? null,
            ...(metrics ? { metrics: metrics as unknown as Prisma.InputJsonValue } : {}),
            createdBy: actor.id,
            variants: { create: input.variants.map(variantData) },
          },
          include: { variants: true },
        }),
      (campaign) => ({
        action: 'campaign.create',
        outcome: 'SUCCESS',
        actor,
        entityType: 'campaign',
        entityId: campaign.id,
        detail: {
          name: campaign.name,
          variants: input.variants.map((v) => ({ key: v.key, weight: v.weight })),
          metrics: metrics ?? null,
        },
        ip,
      }),
    );
    return campaignToDto(created);
  }

  async update(id: string, input: UpdateCampaignDto, actor: AuthenticatedAccount, ip: string | null): Promise<CampaignDto> {
    const before = await this.find(id);
    const designChange =
      input.variants !== undefined ||
      input.primaryMetric !== undefined ||
      input.targetSegmentId !== undefined ||
      input.partnerIds !== undefined;
    if (designChange && !EDITABLE_DESIGN.includes(before.status)) {
      throw new ConflictException({
        message: `Variants, weights, metric, segment and partners can change only while a campaign is DRAFT or SCHEDULED; this one is ${before.status}`,
        fields: [{ field: 'status', message: `is ${before.status}` }],
      });
    }
    if (before.status === 'CONCLUDED') throw new ConflictException('A concluded campaign cannot be edited');
    const metrics = input.metrics === undefined ? undefined : liveMetricPlan(input.metrics);
    const metricsChange =
      metrics !== undefined && metricPlanKey(metrics) !== metricPlanKey(before.metrics as LiveMetricDefinition[] | null);
    if (metricsChange && before.status !== 'DRAFT') {
      await this.audit.record({
        action: 'campaign.update',
        outcome: 'FAILURE',
        actor,
        entityType: 'campaign',
        entityId: id,
        detail: { refused: 'metric plan frozen at launch', status: before.status },
        ip,
      });
      throw new ConflictException({
        message: `The metric plan (metrics, roles, directions and hypotheses) is fixed before launch and can change only while a campaign is DRAFT; this one is ${before.status}`,
        fields: [{ field: 'metrics', message: `frozen: the campaign is ${before.status}` }],
      });
    }
    if (metricsChange && before.unitKind !== 'MEMBER') {
      throw new ConflictException({
        message: 'An imported finished test keeps the metrics of its mapping',
        fields: [{ field: 'metrics', message: 'fixed by the import mapping' }],
      });
    }
    if (input.variants) assertVariants(input.variants);
    assertSchedule(
      input.startAt === undefined ? before.startAt?.toISOString() : input.startAt,
      input.endAt === undefined ? before.endAt?.toISOString() : input.endAt,
    );
    await this.assertReferences(input.partnerIds ?? [], input.targetSegmentId ?? null);
    const updated = await this.prisma.$transaction(async (tx) => {
      if (input.variants) {
        await tx.campaignVariant.deleteMany({ where: { campaignId: id } });
        await tx.campaignVariant.createMany({ data: input.variants.map((v) => ({ ...variantData(v), campaignId: id })) });
      }
      const campaign = await tx.campaign.update({
        where: { id },
        data: {
          name: input.name?.trim(),
          objective: input.objective,
          targetSegmentId: input.targetSegmentId,
          partnerIds: input.partnerIds,
          primaryMetric: input.primaryMetric,
          guardrailMetrics: input.guardrailMetrics,
          startAt: input.startAt === undefined ? undefined : input.startAt ? parseCalendarDate(input.startAt)! : null,
          endAt: input.endAt === undefined ? undefined : input.endAt ? parseCalendarDate(input.endAt)! : null,
          minimumEffect: input.minimumEffect,
          ...(metricsChange ? { metrics: metrics ? (metrics as unknown as Prisma.InputJsonValue) : Prisma.DbNull } : {}),
        },
        include: { variants: true },
      });
      const changed = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
      await this.audit.record(
        {
          action: 'campaign.update',
          outcome: 'SUCCESS',
          actor,
          entityType: 'campaign',
          entityId: id,
          detail: {
            changed,
            variants: input.variants?.map((v) => ({ key: v.key, weight: v.weight })),
            ...(metricsChange ? { metricsBefore: before.metrics ?? null, metrics: metrics ?? null } : {}),
          },
          ip,
        },
        tx,
      );
      return campaign;
    });
    return campaignToDto(updated);
  }

  /**
   * Moves a campaign along its workflow, refusing transitions the state
   * machine does not allow; the audit log keeps who, from, to and why.
   */
  async transition(
    id: string,
    to: CampaignStatusDto,
    actor: AuthenticatedAccount,
    ip: string | null,
    reason: string | undefined,
    extra: { overrideReason?: string; detail?: Record<string, unknown> } = {},
  ): Promise<CampaignDto> {
    // An id that cannot exist is answered before a transaction and a lock are taken for it.
    uuidOr404(id, 'campaign');
    const updated = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`campaign:${id}`}))`;
      const current = await tx.campaign.findUnique({ where: { id } });
      if (!current) throw new NotFoundException(`No campaign ${id}`);
      if (!canTransition(current.status, to)) {
        await this.audit.record({
          action: 'campaign.transition',
          outcome: 'FAILURE',
          actor,
          entityType: 'campaign',
          entityId: id,
          detail: { from: current.status, to, reason: reason ?? null, refused: 'not an allowed transition' },
          ip,
        });
        throw new ConflictException({
          message: `A ${current.status} campaign cannot become ${to}`,
          fields: [{ field: 'status', message: `is ${current.status}` }],
        });
      }
      const campaign = await tx.campaign.update({
        where: { id },
        data: {
          status: to,
          ...(to === 'RUNNING' && !current.startAt ? { startAt: this.clock.now() } : {}),
          ...((to === 'CONCLUDED' || to === 'STOPPED') && !current.endAt ? { endAt: this.clock.now() } : {}),
          ...(extra.overrideReason ? { overrideReason: extra.overrideReason } : {}),
        },
        include: { variants: true },
      });
      await this.audit.record(
        {
          action: 'campaign.transition',
          outcome: 'SUCCESS',
          actor,
          entityType: 'campaign',
          entityId: id,
          detail: { from: current.status, to, reason: reason ?? null, ...extra.detail },
          ip,
        },
        tx,
      );
      return campaign;
    });
    return campaignToDto(updated);
  }

  async listAnalyses(campaignId: string, query: ListQuery): Promise<Page<CampaignAnalysisDto>> {
    await this.find(campaignId);
    const where = { ...whereIdIn(query), campaignId };
    return mapPage(await findPage(this.prisma, this.prisma.campaignAnalysis, query, where), analysisToDto);
  }

  async getAnalysis(campaignId: string, analysisId: string): Promise<CampaignAnalysisDto> {
    if (!isUuid(analysisId)) throw new NotFoundException(`No analysis ${analysisId}`);
    const row = await this.prisma.campaignAnalysis.findFirst({ where: { id: analysisId, campaignId } });
    if (!row) throw new NotFoundException(`No analysis ${analysisId} for campaign ${campaignId}`);
    return analysisToDto(row);
  }

  private async assertReferences(partnerIds: string[], segmentId: string | null): Promise<void> {
    if (partnerIds.length > 0) {
      const found = await this.prisma.partner.findMany({ where: { id: { in: partnerIds } }, select: { id: true } });
      const missing = partnerIds.filter((p) => !found.some((f) => f.id === p));
      if (missing.length > 0)
        throw new BadRequestException({
          message: `partnerIds: no partner ${missing.join(', ')}`,
          fields: [{ field: 'partnerIds', message: `no partner ${missing.join(', ')}` }],
        });
    }
    if (segmentId) {
      const segment = await this.prisma.segment.findUnique({ where: { id: segmentId }, select: { id: true } });
      if (!segment)
        throw new BadRequestException({
          message: `targetSegmentId: no segment ${segmentId}`,
          fields: [{ field: 'targetSegmentId', message: 'no such segment' }],
        });
    }
  }
}

function variantData(v: CampaignVariantInputDto) {
  return {
    key: v.key,
    name: v.name,
    isControl: v.isControl ?? false,
    weight: v.weight,
    offerType: v.offerType ?? 'NONE',
    offerItemId: v.offerItemId ? BigInt(v.offerItemId) : null,
    modelId: v.modelId ?? null,
  };
}

function assertVariants(variants: CampaignVariantInputDto[]): void {
  const problems = validateVariantWeights(variants.map((v) => ({ key: v.key, weight: v.weight, isControl: v.isControl ?? false })));
  variants.forEach((v, i) => {
    if (v.offerType === 'RECOMMENDATIONS' && !v.modelId)
      problems.push({ field: `variants[${i}].modelId`, message: `variants[${i}].modelId is required for a RECOMMENDATIONS offer` });
    if ((v.offerType === 'CO_BRANDED_COURSE' || v.offerType === 'MOD_KIT_TRIAL') && !v.offerItemId) {
      problems.push({ field: `variants[${i}].offerItemId`, message: `variants[${i}].offerItemId is required for a ${v.offerType} offer` });
    }
  });
  if (problems.length > 0)
    throw new BadRequestException({ message: `Invalid input: ${problems.map((p) => p.message).join('; ')}`, fields: problems });
}

/**
 * A live campaign's metric plan from the request: null or an empty array keeps the built-in metrics; otherwise each
 * definition is checked (libs/domain/experiments validateLiveMetricDefinitions) and stored with only the fields it
 * declares, so a form's empty fields (null, '') do not count as a change of plan.
 */
function liveMetricPlan(input: Record<string, unknown>[] | null | undefined): LiveMetricDefinition[] | null {
  if (input === undefined || input === null || input.length === 0) return null;
  const cleaned = input.map((m) =>
    m && typeof m === 'object' ? Object.fromEntries(Object.entries(m).filter(([, v]) => v !== null && v !== '' && v !== undefined)) : m,
  );
  const problems = validateLiveMetricDefinitions(cleaned);
  if (problems.length > 0)
    throw new BadRequestException({ message: `Invalid input: ${problems.map((p) => p.message).join('; ')}`, fields: problems });
  const keys = METRIC_DEFINITION_FIELDS;
  return cleaned.map(
    (m) =>
      Object.fromEntries(
        keys.filter((k) => (m as Record<string, unknown>)[k] !== undefined).map((k) => [k, (m as Record<string, unknown>)[k]]),
      ) as unknown as LiveMetricDefinition,
  );
}

function assertSchedule(startAt: string | null | undefined, endAt: string | null | undefined): void {
  if (startAt && endAt && new Date(endAt) <= new Date(startAt)) {
    throw new BadRequestException({
      message: 'endAt must be after startAt',
      fields: [{ field: 'endAt', message: 'must be after startAt' }],
    });
  }
}
