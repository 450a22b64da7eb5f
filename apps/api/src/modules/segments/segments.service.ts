import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { parseCalendarDate } from '@crosslane/contracts';
import type {
  ClusterSuggestionDto,
  OverlapMatrixDto,
  SegmentPartnerOverlapDto,
  SegmentDto,
  SegmentInsightsDto,
  SegmentPreviewResponse,
  SegmentSizePointDto,
} from '@crosslane/contracts';
import { chooseK, countQuery, jaccard, jointSegmentRule, segmentReferences, standardise, type RuleNode } from '@crosslane/domain-segments';
import { PartnerAudienceService } from '../sharing/partner-audience.service';
import { Prisma, SegmentKind } from '@crosslane/db';

type Segment = Prisma.SegmentGetPayload<Record<string, never>>;
import { AuditService } from '../../core/audit/audit.service';
import { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { findPage, type Page, textSearch } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { enumFilter, ListQuery, whereIdIn } from '../../core/http/list-query';
import { ClusterFeaturesService } from './cluster-features.service';
import { ClusterSuggestDto, CreateSegmentDto, JointSegmentDto, PreviewSegmentDto, UpdateSegmentDto } from './dto/segment.dto';
import { SegmentMaterialiserService } from './segment-materialiser.service';
import { SegmentRulesService } from './segment-rules.service';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { findOr404, isUuid } from '../../core/http/ids';

export const SEGMENT_KINDS = Object.values(SegmentKind);
import { CLOCK, type Clock } from '../../core/clock/clock';

export const SEGMENT_SORTABLE = ['name', 'size', 'kind', 'createdAt', 'updatedAt', 'materialisedAt'] as const;
const TREND_DAYS = 30;
const MAX_MATRIX = 40;

@Injectable()
export class SegmentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rules: SegmentRulesService,
    private readonly materialiser: SegmentMaterialiserService,
    private readonly clusterFeatures: ClusterFeaturesService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueueService,
    private readonly audience: PartnerAudienceService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: ListQuery): Promise<Page<SegmentDto>> {
    const where: Prisma.SegmentWhereInput = {
      ...whereIdIn(query),
      kind: enumFilter(query.filter, 'kind', SEGMENT_KINDS),
      ...textSearch(query, ['name']),
    };
    const { rows, total } = await findPage(this.prisma, this.prisma.segment, query, where);
    const trends = await this.trends(rows.map((r) => r.id));
    return { rows: rows.map((r) => toDto(r, trends.get(r.id) ?? [])), total };
  }

  async get(id: string): Promise<SegmentDto> {
    const segment = await this.find(id);
    return toDto(segment, (await this.trends([id])).get(id) ?? []);
  }

  async preview(body: PreviewSegmentDto): Promise<SegmentPreviewResponse> {
    const rule = await this.rules.check(body.rule, null);
    const asOf = body.asOf ? parseCalendarDate(body.asOf)! : this.clock.now();
    const compiled = await this.rules.compile(rule, asOf);
    const [row] = await this.prisma.$queryRawUnsafe<{ count: number }[]>(countQuery(compiled), ...compiled.params);
    return { count: row.count, asOf: asOf.toISOString() };
  }

  async create(
    body: CreateSegmentDto,
    actor: AuthenticatedAccount,
    ip: string | null,
    kind: 'RULE' | 'JOINT' = 'RULE',
    config?: Prisma.InputJsonValue,
  ): Promise<SegmentDto> {
    const segment = await this.store(body, actor, ip, kind, config);
    await this.enqueueMaterialise(segment.id, actor);
    return this.get(segment.id);
  }

  /**
   * A rule segment stored with create's checks and audit entry, without
   * queueing its materialisation: for the demo world's loader, whose
   * snapshot run materialises every segment right after (`actor` null: the
   * server's own write).
   */
  async createUnmaterialised(body: CreateSegmentDto, actor: AuthenticatedAccount | null): Promise<{ id: string; name: string }> {
    const segment = await this.store(body, actor, null, 'RULE');
    return { id: segment.id, name: segment.name };
  }

  /** Whether any segment exists: the demo world adds its own only to a database without. */
  async anyExists(): Promise<boolean> {
    return (await this.prisma.segment.count()) > 0;
  }

  private async store(
    body: CreateSegmentDto,
    actor: AuthenticatedAccount | null,
    ip: string | null,
    kind: 'RULE' | 'JOINT',
    config?: Prisma.InputJsonValue,
  ): Promise<Segment> {
    const rule = await this.checkOrAudit(body.rule, null, actor, ip, body.name);
    // Compiling now refuses a propensity rule while no model is active, before anything is stored.
    await this.rules.compile(rule, this.clock.now());
    await this.assertNameFree(body.name, null);
    return this.audit.withChange(
      (tx) =>
        tx.segment.create({
          data: {
            name: body.name,
            description: body.description ?? null,
            kind: kind === 'RULE' && hasPropensity(rule) ? 'PROPENSITY' : kind,
            rule: rule as unknown as Prisma.InputJsonValue,
            config,
            createdBy: actor?.id ?? null,
          },
        }),
      (created) => ({
        action: 'segment.create',
        outcome: 'SUCCESS',
        actor,
        entityType: 'segment',
        entityId: created.id,
        detail: { name: created.name, kind: created.kind, rule: rule as unknown as Prisma.JsonObject },
        ip,
      }),
    );
  }

  async createJoint(body: JointSegmentDto, actor: AuthenticatedAccount, ip: string | null): Promise<SegmentDto> {
    if (body.partnerId && !(isUuid(body.partnerId) && (await this.prisma.partner.findUnique({ where: { id: body.partnerId } })))) {
      throw new BadRequestException({
        message: `partnerId: no partner ${body.partnerId}`,
        fields: [{ field: 'partnerId', message: 'unknown partner' }],
      });
    }
    const rule = jointSegmentRule({ days: body.days, partnerId: body.partnerId });
    return this.create(
      {
        name: body.name,
        description: `Members with measured interest in both domains (car-topic knowledge and partner activity, last ${body.days ?? 180} days)`,
        rule,
      },
      actor,
      ip,
      'JOINT',
      { days: body.days ?? 180, partnerId: body.partnerId ?? null },
    );
  }

  async update(id: string, body: UpdateSegmentDto, actor: AuthenticatedAccount, ip: string | null): Promise<SegmentDto> {
    const before = await this.find(id);
    if (body.rule !== undefined && before.kind === 'CLUSTER')
      throw new ConflictException('A cluster segment has no rule: rebuild the clusters instead');
    const rule = body.rule !== undefined ? await this.checkOrAudit(body.rule, id, actor, ip, before.name) : undefined;
    if (rule) await this.rules.compile(rule, this.clock.now());
    if (body.name && body.name !== before.name) await this.assertNameFree(body.name, id);
    await this.prisma.$transaction(async (tx) => {
      await tx.segment.update({
        where: { id },
        data: {
          name: body.name,
          description: body.description,
          ...(rule
            ? {
                rule: rule as unknown as Prisma.InputJsonValue,
                kind: before.kind === 'JOINT' ? 'JOINT' : hasPropensity(rule) ? 'PROPENSITY' : 'RULE',
              }
            : {}),
        },
      });
      const changes: Record<string, unknown> = {};
      if (body.name !== undefined && body.name !== before.name) changes.name = { from: before.name, to: body.name };
      if (body.description !== undefined && body.description !== before.description)
        changes.description = { from: before.description, to: body.description };
      if (rule) changes.rule = { from: before.rule, to: rule };
      await this.audit.record(
        {
          action: 'segment.update',
          outcome: 'SUCCESS',
          actor,
          entityType: 'segment',
          entityId: id,
          detail: { name: before.name, changes } as Prisma.JsonObject,
          ip,
        },
        tx,
      );
    });
    if (rule) await this.enqueueMaterialise(id, actor);
    return this.get(id);
  }

  async remove(id: string, actor: AuthenticatedAccount, ip: string | null): Promise<SegmentDto> {
    const segment = await this.find(id);
    const users = (await this.prisma.segment.findMany({ where: { id: { not: id } }, select: { id: true, name: true, rule: true } })).filter(
      (s) => s.rule && segmentReferences(s.rule as unknown as RuleNode).some((r) => r.id === id),
    );
    const refuse = async (detail: Record<string, unknown>, message: string) => {
      await this.audit.record({ action: 'segment.delete', outcome: 'DENIED', actor, entityType: 'segment', entityId: id, detail, ip });
      return new ConflictException(message);
    };
    if (users.length > 0) {
      const names = users.map((u) => `"${u.name}"`).join(', ');
      throw await refuse(
        { name: segment.name, usedBy: users.map((u) => u.name) },
        `Segment "${segment.name}" is used by ${names}: change those rules first`,
      );
    }
    const campaigns = await this.prisma.campaign.count({ where: { targetSegmentId: id } });
    if (campaigns > 0)
      throw await refuse({ name: segment.name, campaigns }, `Segment "${segment.name}" is the target of ${campaigns} campaign(s)`);
    const dto = await this.get(id);
    await this.audit.withChange(
      (tx) => tx.segment.delete({ where: { id } }),
      () => ({
        action: 'segment.delete',
        outcome: 'SUCCESS',
        actor,
        entityType: 'segment',
        entityId: id,
        detail: { name: segment.name, size: segment.size },
        ip,
      }),
    );
    return dto;
  }

  async history(id: string): Promise<SegmentSizePointDto[]> {
    await this.find(id);
    const rows = await this.prisma.segmentSizeSnapshot.findMany({ where: { segmentId: id }, orderBy: { takenOn: 'asc' }, take: 400 });
    return rows.map((r) => ({
      takenOn: r.takenOn.toISOString().slice(0, 10),
      size: r.size,
      shareable: (r.shareable as SegmentSizePointDto['shareable']) ?? null,
    }));
  }

  /**
   * Overlap with each partner's matched customers, through the disclosure
   * gate (threshold, difference checks or noise, per partner), and the
   * shareable count: the segment's own members who may be shared, platform
   * data that staff see anyway, suppressed below the minimum group size.
   */
  async partnerOverlaps(id: string, actor?: AuthenticatedAccount): Promise<SegmentPartnerOverlapDto[]> {
    await this.find(id);
    const partners = await this.materialiser.partnerRules(this.clock.now());
    const shareable = await this.materialiser.shareableCounts(id, partners);
    const out: SegmentPartnerOverlapDto[] = [];
    for (const p of partners) {
      const share = shareable[p.partnerId];
      const { memberSetSize: _size, ...overlap } = await this.audience.overlapCount(
        p.partnerId,
        id,
        'GET /api/segments/:id/partners',
        actor,
      );
      void _size;
      out.push({
        partnerId: p.partnerId,
        partnerName: p.partnerName,
        overlap,
        shareable: share ? { count: share.count, suppressed: share.suppressed, threshold: share.threshold } : null,
        agreementActive: p.agreement !== null,
      });
    }
    return out;
  }

  async insights(id: string): Promise<SegmentInsightsDto> {
    const segment = await this.find(id);
    const scores = await this.prisma.$queryRaw<{ score: number; r: number; f: number; m: number }[]>`
      SELECT s.score, count(*) FILTER (WHERE p."rScore" = s.score)::int AS r, count(*) FILTER (WHERE p."fScore" = s.score)::int AS f, count(*) FILTER (WHERE p."mScore" = s.score)::int AS m
      FROM generate_series(1, 5) AS s(score)
      LEFT JOIN (segment_membership sm JOIN member_profile p ON p."memberId" = sm."memberId") ON sm."segmentId" = ${id}::uuid
      GROUP BY s.score ORDER BY s.score`;
    const top = await this.prisma.$queryRaw<{ domain: 'KNOWLEDGE' | 'PARTNER'; category: string; share: number }[]>`
      SELECT d.key AS domain, c.key AS category, (sum((c.value)::text::float8) / GREATEST(count(DISTINCT sm."memberId"), 1))::float8 AS share
      FROM segment_membership sm JOIN member_profile p ON p."memberId" = sm."memberId", jsonb_each(p."categoryAffinity") d, jsonb_each(d.value) c
      WHERE sm."segmentId" = ${id}::uuid GROUP BY d.key, c.key ORDER BY share DESC, d.key, c.key LIMIT 12`;
    const [avg] = await this.prisma.$queryRaw<
      { monetary: number | null; frequency: number | null; recencyDays: number | null; carInterest: number | null }[]
    >`
      SELECT avg(p.monetary)::float8 AS monetary, avg(p.frequency)::float8 AS frequency, avg(p."recencyDays")::float8 AS "recencyDays", avg(p."carInterest")::float8 AS "carInterest"
      FROM segment_membership sm JOIN member_profile p ON p."memberId" = sm."memberId" WHERE sm."segmentId" = ${id}::uuid`;
    return {
      size: segment.size,
      rfm: scores,
      topCategories: top,
      averages: {
        monetary: avg?.monetary ?? 0,
        frequency: avg?.frequency ?? 0,
        recencyDays: avg?.recencyDays ?? null,
        carInterest: avg?.carInterest ?? 0,
      },
    };
  }

  /** Counts and Jaccard between every pair of (at most 40, largest first) segments, from stored memberships. */
  async overlapMatrix(): Promise<OverlapMatrixDto> {
    const segments = await this.prisma.segment.findMany({
      orderBy: [{ size: 'desc' }, { name: 'asc' }],
      take: MAX_MATRIX,
      select: { id: true, name: true, size: true },
    });
    const ids = segments.map((s) => s.id);
    const pairs = ids.length
      ? await this.prisma.$queryRaw<{ a: string; b: string; count: number }[]>`
          SELECT x."segmentId"::text AS a, y."segmentId"::text AS b, count(*)::int AS count
          FROM segment_membership x JOIN segment_membership y ON y."memberId" = x."memberId"
          WHERE x."segmentId" = ANY(${ids}::uuid[]) AND y."segmentId" = ANY(${ids}::uuid[]) GROUP BY 1, 2`
      : [];
    const counts = new Map(pairs.map((p) => [`${p.a}|${p.b}`, p.count]));
    const size = new Map(segments.map((s) => [s.id, s.size]));
    const cells = ids.flatMap((a) =>
      ids.map((b) => {
        const count = counts.get(`${a}|${b}`) ?? 0;
        return { a, b, count, jaccard: jaccard(size.get(a)!, size.get(b)!, count) };
      }),
    );
    return { segments, cells };
  }

  async suggestClusters(body: ClusterSuggestDto): Promise<ClusterSuggestionDto> {
    const seed = body.seed ?? 1;
    const sampleSize = body.sampleSize ?? 800;
    const space = await this.clusterFeatures.space(body.features);
    const sample = await this.clusterFeatures.sample(space, sampleSize, seed);
    if (sample.rows.length < 10)
      throw new ConflictException(`Too few profiled members to cluster (${sample.rows.length}); run the profile job first`);
    const choices = chooseK(standardise(sample.rows).rows, 2, 8, seed);
    return { features: body.features, sampleSize: sample.rows.length, seed, choices };
  }

  private async checkOrAudit(
    rule: unknown,
    selfId: string | null,
    actor: AuthenticatedAccount | null,
    ip: string | null,
    name: string,
  ): Promise<RuleNode> {
    try {
      return await this.rules.check(rule, selfId);
    } catch (error) {
      // A refused rule is of consequence when it is a cycle or a reference: keep the attempt.
      const message =
        error instanceof BadRequestException ? String((error.getResponse() as { message?: string }).message ?? '') : String(error);
      await this.audit.record({
        action: selfId ? 'segment.update' : 'segment.create',
        outcome: 'FAILURE',
        actor,
        entityType: 'segment',
        entityId: selfId ?? undefined,
        detail: { name, reason: message },
        ip,
      });
      throw error;
    }
  }

  /** Membership is computed by the materialise-segments job (long for large worlds), not in the request. */
  async enqueueMaterialise(segmentId: string | undefined, actor: AuthenticatedAccount): Promise<string> {
    if (segmentId) await this.find(segmentId);
    const run = await this.jobs.enqueue(
      JobName.MaterialiseSegments,
      { ...(segmentId ? { segmentId } : {}), asOf: this.clock.now().toISOString() },
      { requestedBy: actor.id },
    );
    return run.id;
  }

  private async assertNameFree(name: string, selfId: string | null): Promise<void> {
    const other = await this.prisma.segment.findUnique({ where: { name } });
    if (other && other.id !== selfId)
      throw new ConflictException({
        message: `A segment named "${name}" already exists`,
        fields: [{ field: 'name', message: 'already taken' }],
      });
  }

  private async trends(ids: string[]): Promise<Map<string, number[]>> {
    if (ids.length === 0) return new Map();
    const since = new Date(this.clock.now().getTime() - TREND_DAYS * 86_400_000);
    const rows = await this.prisma.segmentSizeSnapshot.findMany({
      where: { segmentId: { in: ids }, takenOn: { gte: since } },
      orderBy: { takenOn: 'asc' },
      select: { segmentId: true, size: true },
    });
    const out = new Map<string, number[]>();
    for (const r of rows) out.set(r.segmentId, [...(out.get(r.segmentId) ?? []), r.size]);
    return out;
  }

  private async find(id: string): Promise<Segment> {
    return findOr404(id, 'segment', (uuid) => this.prisma.segment.findUnique({ where: { id: uuid } }));
  }
}

function hasPropensity(rule: RuleNode): boolean {
  if ('and' in rule) return rule.and.some(hasPropensity);
  if ('or' in rule) return rule.or.some(hasPropensity);
  if ('not' in rule) return hasPropensity(rule.not);
  return 'propensity' in rule;
}

function toDto(s: Segment, trend: number[]): SegmentDto {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    kind: s.kind,
    rule: s.rule,
    config: s.config,
    size: s.size,
    materialisedAt: s.materialisedAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    trend,
  };
}
