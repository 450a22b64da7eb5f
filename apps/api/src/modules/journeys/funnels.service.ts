import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { FunnelRunResponse, RetentionRunResponse, SavedFunnelDto, SegmentDto } from '@crosslane/contracts';
import { dropOffRule, type FunnelDefinition } from '@crosslane/domain-journeys';
import { Prisma } from '@crosslane/db';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { findPage, mapPage, type Page, textSearch } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { ListQuery, whereIdIn } from '../../core/http/list-query';
import { uuidOr404 } from '../../core/http/ids';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { SegmentsService } from '../segments/segments.service';
import { DropOffSegmentDto, RunFunnelDto, RunRetentionDto, SaveFunnelDto, UpdateFunnelDto } from './dto/journeys.dto';
import { JourneysEngineService, journeyError, LIVE_ROW_LIMIT } from './journeys-engine.service';

type FunnelRow = Prisma.FunnelGetPayload<Record<string, never>>;
export const FUNNEL_SORTABLE = ['name', 'createdAt', 'updatedAt'] as const;
const DEFAULT_DROP_OFF_DAYS = 90;

/** Runs (live or as a job), saved funnels, and segments made from a drop-off. */
@Injectable()
export class FunnelsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: JourneysEngineService,
    private readonly jobs: JobQueueService,
    private readonly audit: AuditService,
    private readonly segments: SegmentsService,
  ) {}

  async run(body: RunFunnelDto, actor: AuthenticatedAccount): Promise<FunnelRunResponse> {
    const definition = await this.engine.checkFunnel(body.definition);
    const range = this.engine.parseRange(body.range, 'range');
    if (body.compareRange) this.engine.parseRange(body.compareRange, 'compareRange');
    const breakdown = await this.engine.checkBreakdown(body.breakdown);
    const payload = { definition, range: body.range, compareRange: body.compareRange, breakdown };
    const windowEnd = new Date(range.to.getTime() + definition.windowDays * 86_400_000);
    if (await this.asJob(body.mode, range.from, windowEnd)) {
      const run = await this.jobs.enqueue(JobName.RunJourney, { kind: 'funnel', ...payload }, { requestedBy: actor.id });
      return { mode: 'job', jobId: run.id };
    }
    return { mode: 'live', result: await this.engine.computeFunnel(payload) };
  }

  async runRetention(body: RunRetentionDto, actor: AuthenticatedAccount): Promise<RetentionRunResponse> {
    const { mode, ...request } = body;
    this.engine.checkRetention(request);
    const range = this.engine.parseRange(request.range, 'range');
    await this.engine.checkBreakdown(request.breakdown, ['segment', 'campaignArm']);
    // Retention reads every interaction before the range's end (first interactions can be older than the range).
    if (await this.asJob(mode, new Date(0), range.to)) {
      const run = await this.jobs.enqueue(JobName.RunJourney, { kind: 'retention', request }, { requestedBy: actor.id });
      return { mode: 'job', jobId: run.id };
    }
    return { mode: 'live', result: await this.engine.computeRetention(request) };
  }

  private async asJob(mode: 'auto' | 'live' | 'job' | undefined, from: Date, to: Date): Promise<boolean> {
    if (mode === 'job') return true;
    if (mode === 'live') return false;
    return (await this.engine.estimateRows(from, to)) > LIVE_ROW_LIMIT;
  }

  async list(query: ListQuery): Promise<Page<SavedFunnelDto>> {
    const where: Prisma.FunnelWhereInput = { ...whereIdIn(query), ...textSearch(query, ['name']) };
    return mapPage(await findPage(this.prisma, this.prisma.funnel, query, where), toDto);
  }

  async get(id: string): Promise<SavedFunnelDto> {
    return toDto(await this.find(id));
  }

  async create(body: SaveFunnelDto, actor: AuthenticatedAccount, ip: string | null): Promise<SavedFunnelDto> {
    const definition = await this.engine.checkFunnel(body.definition);
    await this.assertNameFree(body.name, null);
    const created = await this.audit.withChange(
      (tx) =>
        tx.funnel.create({
          data: {
            name: body.name,
            description: body.description ?? null,
            definition: definition as unknown as Prisma.InputJsonValue,
            view: (body.view ?? undefined) as Prisma.InputJsonValue | undefined,
            createdBy: actor.id,
          },
        }),
      (row) => ({
        action: 'funnel.create',
        outcome: 'SUCCESS',
        actor,
        entityType: 'funnel',
        entityId: row.id,
        detail: { name: row.name, definition },
        ip,
      }),
    );
    return toDto(created);
  }

  async update(id: string, body: UpdateFunnelDto, actor: AuthenticatedAccount, ip: string | null): Promise<SavedFunnelDto> {
    const before = await this.find(id);
    this.assertMayChange(before, actor);
    const definition = body.definition !== undefined ? await this.engine.checkFunnel(body.definition) : undefined;
    if (body.name !== undefined) await this.assertNameFree(body.name, id);
    const updated = await this.audit.withChange(
      (tx) =>
        tx.funnel.update({
          where: { id },
          data: {
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(definition ? { definition: definition as unknown as Prisma.InputJsonValue } : {}),
            ...(body.view !== undefined ? { view: body.view as Prisma.InputJsonValue } : {}),
          },
        }),
      (row) => ({
        action: 'funnel.update',
        outcome: 'SUCCESS',
        actor,
        entityType: 'funnel',
        entityId: id,
        detail: { before: { name: before.name, definition: before.definition }, after: { name: row.name, definition: row.definition } },
        ip,
      }),
    );
    return toDto(updated);
  }

  async remove(id: string, actor: AuthenticatedAccount, ip: string | null): Promise<void> {
    const before = await this.find(id);
    this.assertMayChange(before, actor);
    await this.audit.withChange(
      (tx) => tx.funnel.delete({ where: { id } }),
      () => ({
        action: 'funnel.delete',
        outcome: 'SUCCESS',
        actor,
        entityType: 'funnel',
        entityId: id,
        detail: { name: before.name, definition: before.definition },
        ip,
      }),
    );
  }

  /**
   * The drop-off before a step as a rule segment (libs/domain/segments
   * `dropOff`), created through SegmentsService so it is validated,
   * audited and materialised like any other rule segment; this call is
   * audited too, naming the funnel step it came from.
   */
  async dropOffSegment(body: DropOffSegmentDto, actor: AuthenticatedAccount, ip: string | null): Promise<SegmentDto> {
    const definition: FunnelDefinition = await this.engine.checkFunnel(body.definition);
    if (body.step >= definition.steps.length) {
      throw journeyError([{ path: 'step', message: `must be a step after the first, 1 to ${definition.steps.length - 1}` }]);
    }
    const days = body.days ?? DEFAULT_DROP_OFF_DAYS;
    const rule = dropOffRule(definition, body.step, days);
    const segment = await this.segments.create(
      {
        name: body.name,
        description: `Did step ${body.step} of a funnel in the last ${days} days and not step ${body.step + 1} within ${definition.windowDays} days`,
        rule,
      },
      actor,
      ip,
    );
    await this.audit.record({
      action: 'funnel.drop-off-segment',
      outcome: 'SUCCESS',
      actor,
      entityType: 'segment',
      entityId: segment.id,
      detail: { step: body.step, days, definition, rule: rule as unknown as Prisma.JsonObject },
      ip,
    });
    return segment;
  }

  private async find(id: string): Promise<FunnelRow> {
    const row = await this.prisma.funnel.findUnique({ where: { id: uuidOr404(id, 'funnel') } });
    if (!row) throw new NotFoundException(`No funnel ${id}`);
    return row;
  }

  /** An analyst may change the funnels they saved; admins and managers any. */
  private assertMayChange(row: FunnelRow, actor: AuthenticatedAccount): void {
    if (actor.role === 'ANALYST' && row.createdBy !== actor.id)
      throw new ForbiddenException('An analyst may change only the funnels they saved');
  }

  private async assertNameFree(name: string, id: string | null): Promise<void> {
    const other = await this.prisma.funnel.findUnique({ where: { name } });
    if (other && other.id !== id) throw new ConflictException(`A funnel named "${name}" already exists`);
  }
}

function toDto(row: FunnelRow): SavedFunnelDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    definition: row.definition as unknown as SavedFunnelDto['definition'],
    view: (row.view ?? null) as SavedFunnelDto['view'],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
