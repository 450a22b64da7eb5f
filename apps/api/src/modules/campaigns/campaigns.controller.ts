import { applyDecorators, BadRequestException, Body, HttpCode, NotFoundException, Param, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type {
  CampaignAnalysisDto,
  CampaignAssignmentDto,
  CampaignDto,
  CampaignEventsResult,
  CampaignPlanDto,
  CumulativeConversionPoint,
  FinishedTestPreviewDto,
  FinishedTestUploadDto,
  ImportRejectionDto,
  JobRunDto,
} from '@crosslane/contracts';
import { validateFinishedTestMapping, type FinishedTestMapping } from '@crosslane/domain-experiments';
import { findPage, mapPage } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { FinishedTestImportService, MappingRefusal } from './finished-test-import.service';
import { UnitFileRefusal } from './unit-file';
import { AuditService } from '../../core/audit/audit.service';
import { Actor, ALL_ROLES, AuthenticatedAccount, CurrentAccount, EDITORS, RequestActor } from '../../core/auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { GetRoute, PostRoute, PutRoute, SignedInController } from '../../core/http/route.decorators';
import { isUuid } from '../../core/http/ids';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { CampaignAnalysisService } from './campaign-analysis.service';
import { CampaignAssignmentService } from './campaign-assignment.service';
import { CampaignEventsService } from './campaign-events.service';
import { CampaignLaunchService } from './campaign-launch.service';
import { CampaignPlannerService } from './campaign-planner.service';
import { ANALYSIS_SORTABLE, CAMPAIGN_SORTABLE, CampaignsService, CAMPAIGN_STATUSES } from './campaigns.service';
import { saveCsvBody } from './csv-upload';
import { toRejectionDto } from '../imports/imports.service';
import { UploadStore } from '../imports/upload-store';
import {
  AnalyseDto,
  AssignDto,
  CreateCampaignDto,
  FinishedTestPreviewBodyDto,
  ImportEventsQueryDto,
  importModeOf,
  ImportFinishedTestDto,
  LaunchDto,
  TransitionDto,
  UpdateCampaignDto,
} from './dto/campaign.dto';
import { toJobDto } from '../../core/queue/job-run.mapper';

/** A move of a campaign's status (DRAFT -> SCHEDULED -> RUNNING -> STOPPED -> CONCLUDED): editors only, answered 200 with the campaign. */
const Transition = (path: string, summary: string) => applyDecorators(PostRoute(path, EDITORS, summary), HttpCode(200));

const CAMPAIGN_LIST: ListEndpoint = {
  resource: 'campaigns',
  sortable: CAMPAIGN_SORTABLE,
  defaultSort: ['createdAt', 'desc'],
  filters: { id: 'uuid', fields: { q: 'text', status: CAMPAIGN_STATUSES } },
};

const ANALYSIS_LIST: ListEndpoint = {
  resource: 'analyses',
  sortable: ANALYSIS_SORTABLE,
  defaultSort: ['createdAt', 'desc'],
  filters: { id: 'uuid', fields: {} },
};

const REJECTION_LIST: ListEndpoint = {
  resource: 'rejections',
  sortable: ['rowNumber', 'reason', 'field'],
  defaultSort: ['rowNumber', 'asc'],
  filters: { id: null, fields: {} },
};

@SignedInController('campaigns', 'campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly assignments: CampaignAssignmentService,
    private readonly events: CampaignEventsService,
    private readonly analyses: CampaignAnalysisService,
    private readonly planner: CampaignPlannerService,
    private readonly launches: CampaignLaunchService,
    private readonly jobs: JobQueueService,
    private readonly audit: AuditService,
    private readonly uploads: UploadStore,
    private readonly finishedTests: FinishedTestImportService,
    private readonly prisma: PrismaService,
  ) {}

  @GetRoute('', ALL_ROLES, 'List campaigns (simple-REST: sort, range, filter {q, status})')
  list(@ListRequest(CAMPAIGN_LIST) page: ListPage): Promise<CampaignDto[]> {
    return page.answer(this.campaigns.list(page.query));
  }

  @PostRoute('plan', EDITORS, 'Plan an unsaved draft: MDE per arm, expected duration, partner overlaps, launch blockers')
  @HttpCode(200)
  planDraft(@Body() body: CreateCampaignDto): Promise<CampaignPlanDto> {
    return this.planner.plan({
      targetSegmentId: body.targetSegmentId ?? null,
      partnerIds: body.partnerIds ?? [],
      primaryMetric: body.primaryMetric,
      minimumEffect: body.minimumEffect ?? null,
      variants: body.variants.map((v) => ({ key: v.key, name: v.name, isControl: v.isControl ?? false, weight: v.weight })),
    });
  }

  @PostRoute(
    'import/hillstrom',
    EDITORS,
    'The Hillstrom (2008) e-mail test through the finished-test import with its saved mapping: the shipped file (datasets/hillstrom), or an uploaded copy (text/csv body). Once: a second run finds the campaign',
  )
  @HttpCode(202)
  @ApiConsumes('application/json', 'text/csv')
  async importHillstrom(
    @Req() req: { body?: unknown; headers: Record<string, string | undefined> },
    @Actor() { account: actor, ip }: RequestActor,
  ): Promise<JobRunDto> {
    const uploaded = (req.headers['content-type'] ?? '').startsWith('text/csv') ? await saveCsvBody(this.uploads, req.body) : undefined;
    const run = await this.jobs.enqueue(
      JobName.ImportFinishedTest,
      { preset: 'hillstrom', onceByName: true, ...(uploaded ? { uploadId: uploaded.oid } : {}), requestedBy: actor.id },
      { requestedBy: actor.id, attempts: 1 },
    );
    await this.audit.record({
      action: 'campaign.import-finished-test.request',
      outcome: 'SUCCESS',
      actor,
      entityType: 'job',
      entityId: run.id,
      detail: { preset: 'hillstrom', source: uploaded ? 'upload' : 'shipped file' },
      ip,
    });
    return toJobDto(run);
  }

  @PostRoute(
    'import/uploads',
    EDITORS,
    "Upload a finished test's file (CSV with a header, or a JSON array of objects; sent as the body with Content-Type text/csv): answers its uploadId, header and first rows",
  )
  @ApiConsumes('text/csv')
  async uploadFinishedTest(@Req() req: { body?: unknown }): Promise<FinishedTestUploadDto> {
    const upload = await saveCsvBody(this.uploads, req.body);
    try {
      const head = await this.finishedTests.head(this.uploads.open(upload.oid));
      return { uploadId: upload.oid, bytes: upload.bytes, ...head };
    } catch (error) {
      await this.uploads.remove(upload.oid);
      if (error instanceof UnitFileRefusal)
        throw new BadRequestException({
          message: `The file was refused: ${error.message}`,
          fields: [{ field: 'file', message: error.message }],
        });
      throw error;
    }
  }

  @PostRoute(
    'import/preview',
    EDITORS,
    'The counts a mapping will produce on an uploaded file (units per arm, rows refused per reason, first refusals); nothing is stored',
  )
  @HttpCode(200)
  async previewFinishedTest(@Body() body: FinishedTestPreviewBodyDto): Promise<FinishedTestPreviewDto> {
    const mapping = this.checkMapping(body.mapping);
    await this.requireUpload(body.uploadId);
    try {
      const collected = await this.finishedTests.collect(this.uploads.open(body.uploadId), mapping);
      return this.finishedTests.preview(collected, mapping);
    } catch (error) {
      throw this.refusal(error);
    }
  }

  @PostRoute(
    'import',
    EDITORS,
    'Import an uploaded finished test as a CONCLUDED campaign on external units, with a mapping; all-or-nothing unless mode keep-good-rows. The job result counts refused rows by reason',
  )
  @HttpCode(202)
  async importFinishedTest(@Body() body: ImportFinishedTestDto, @Actor() { account: actor, ip }: RequestActor): Promise<JobRunDto> {
    const mapping = this.checkMapping(body.mapping);
    await this.requireUpload(body.uploadId);
    const { header } = await this.finishedTests.head(this.uploads.open(body.uploadId), 0).catch((error) => {
      throw this.refusal(error);
    });
    const misfit = validateFinishedTestMapping(mapping, header);
    if (misfit.length > 0) throw this.refusal(new MappingRefusal(misfit));
    const run = await this.jobs.enqueue(
      JobName.ImportFinishedTest,
      {
        uploadId: body.uploadId,
        mapping,
        name: body.name,
        objective: body.objective,
        mode: body.mode ?? 'all-or-nothing',
        requestedBy: actor.id,
      },
      { requestedBy: actor.id, attempts: 1 },
    );
    await this.audit.record({
      action: 'campaign.import-finished-test.request',
      outcome: 'SUCCESS',
      actor,
      entityType: 'job',
      entityId: run.id,
      detail: {
        name: body.name,
        mode: body.mode ?? 'all-or-nothing',
        arms: mapping.arms.length,
        metrics: mapping.metrics.map((m) => m.name),
      },
      ip,
    });
    return toJobDto(run);
  }

  @GetRoute(
    'imports/:jobId/rejections',
    ALL_ROLES,
    'The rows a campaign import (finished test or events) refused: row, field, reason, value (simple-REST)',
  )
  async importRejections(@Param('jobId') jobId: string, @ListRequest(REJECTION_LIST) page: ListPage): Promise<ImportRejectionDto[]> {
    const run = isUuid(jobId) ? await this.prisma.jobRun.findUnique({ where: { id: jobId }, select: { name: true } }) : null;
    if (!run || (run.name !== JobName.ImportFinishedTest && run.name !== JobName.ImportCampaignEvents))
      throw new NotFoundException(`No campaign import ${jobId}`);
    return page.answer(mapPage(await findPage(this.prisma, this.prisma.importRejection, page.query, { jobId }), toRejectionDto));
  }

  private checkMapping(raw: unknown): FinishedTestMapping {
    const problems = validateFinishedTestMapping(raw);
    if (problems.length > 0)
      throw new BadRequestException({ message: `The mapping is not valid: ${problems[0].message}`, fields: problems });
    return raw as FinishedTestMapping;
  }

  private async requireUpload(uploadId: number): Promise<void> {
    if (!(await this.uploads.exists(uploadId))) {
      throw new BadRequestException({
        message: `No uploaded file ${uploadId}: upload it again (a file is removed once imported)`,
        fields: [{ field: 'uploadId', message: 'no such upload' }],
      });
    }
  }

  private refusal(error: unknown): unknown {
    if (error instanceof MappingRefusal)
      return new BadRequestException({
        message: `The mapping does not fit the file: ${error.problems[0].message}`,
        fields: error.problems,
      });
    if (error instanceof UnitFileRefusal)
      return new BadRequestException({
        message: `The file was refused: ${error.message}`,
        fields: [{ field: 'file', message: error.message }],
      });
    return error;
  }

  @GetRoute(':id', ALL_ROLES, 'One campaign with its variants')
  get(@Param('id') id: string): Promise<CampaignDto> {
    return this.campaigns.get(id);
  }

  @PostRoute('', EDITORS, 'Create a DRAFT campaign with its variants (weights sum to 1, one control)')
  create(@Body() body: CreateCampaignDto, @Actor() actor: RequestActor): Promise<CampaignDto> {
    return this.campaigns.create(body, actor.account, actor.ip);
  }

  @PutRoute(':id', EDITORS, 'Edit a campaign; arms, weights, metric, segment and partners only while DRAFT or SCHEDULED')
  update(@Param('id') id: string, @Body() body: UpdateCampaignDto, @Actor() actor: RequestActor): Promise<CampaignDto> {
    return this.campaigns.update(id, body, actor.account, actor.ip);
  }

  @Transition(':id/schedule', 'DRAFT -> SCHEDULED')
  schedule(@Param('id') id: string, @Body() body: TransitionDto, @Actor() actor: RequestActor) {
    return this.campaigns.transition(id, 'SCHEDULED', actor.account, actor.ip, body.reason);
  }

  @PostRoute(
    ':id/launch',
    EDITORS,
    "Start (or resume) a campaign. From DRAFT or SCHEDULED, refused with 409 naming the arm, partner and threshold when an arm is below a partner's minimum group size or underpowered for minimumEffect, unless overrideReason is given (audited)",
  )
  @HttpCode(200)
  async launch(@Param('id') id: string, @Body() body: LaunchDto, @Actor() actor: RequestActor): Promise<CampaignDto> {
    return this.launches.launch(id, body, actor.account, actor.ip);
  }

  @Transition(':id/stop', 'RUNNING -> STOPPED')
  stop(@Param('id') id: string, @Body() body: TransitionDto, @Actor() actor: RequestActor) {
    return this.campaigns.transition(id, 'STOPPED', actor.account, actor.ip, body.reason);
  }

  @Transition(':id/conclude', 'RUNNING or STOPPED -> CONCLUDED')
  conclude(@Param('id') id: string, @Body() body: TransitionDto, @Actor() actor: RequestActor) {
    return this.campaigns.transition(id, 'CONCLUDED', actor.account, actor.ip, body.reason);
  }

  @GetRoute(
    ':id/plan',
    ALL_ROLES,
    'The planner for a saved campaign: MDE per arm at 80% power / 5% significance, duration, partner overlaps (suppressed below the minimum group size), launch blockers',
  )
  async plan(@Param('id') id: string): Promise<CampaignPlanDto> {
    const c = await this.campaigns.find(id);
    return this.planner.plan({
      targetSegmentId: c.targetSegmentId,
      partnerIds: c.partnerIds,
      primaryMetric: c.primaryMetric as CampaignPlanDto['primaryMetric'],
      minimumEffect: c.minimumEffect,
      variants: c.variants,
    });
  }

  @PostRoute(
    ':id/assignments',
    EDITORS,
    'Assign a member (sticky, deterministic: the same variant on every call and process); expose: true logs the exposure once',
  )
  @HttpCode(200)
  assign(@Param('id') id: string, @Body() body: AssignDto): Promise<CampaignAssignmentDto> {
    return this.assignments.assign(id, body.memberKey, body.expose ?? false);
  }

  @PostRoute(
    ':id/events',
    EDITORS,
    'Record campaign events, idempotent by eventId; all-or-nothing unless ?mode=keep-good-rows (or the older ?partial=true); each rejected row named by index and field',
  )
  @HttpCode(200)
  @ApiBody({
    description: 'A JSON array of {eventId, memberKey, type, value?, occurredAt}',
    schema: { type: 'array', items: { type: 'object' } },
  })
  async ingest(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: ImportEventsQueryDto,
    @Actor() { account: actor, ip }: RequestActor,
  ): Promise<CampaignEventsResult> {
    await this.campaigns.find(id);
    try {
      const result = await this.events.ingestBatch(id, body, importModeOf(query));
      if (result.rejected.length > 0)
        await this.audit.record({
          action: 'campaign.events',
          outcome: 'FAILURE',
          actor,
          entityType: 'campaign',
          entityId: id,
          detail: { received: result.received, inserted: result.inserted, rejected: result.rejected.length },
          ip,
        });
      return result;
    } catch (error) {
      await this.audit.record({
        action: 'campaign.events',
        outcome: 'FAILURE',
        actor,
        entityType: 'campaign',
        entityId: id,
        detail: { refused: (error as Error).message },
        ip,
      });
      throw error;
    }
  }

  @PostRoute(
    ':id/events/import',
    EDITORS,
    'Import a CSV of events (eventId,memberKey,type,value,occurredAt) as a job; all-or-nothing unless ?mode=keep-good-rows (or the older ?partial=true)',
  )
  @HttpCode(202)
  @ApiConsumes('text/csv')
  async importEvents(
    @Param('id') id: string,
    @Req() req: { body?: unknown },
    @Query() query: ImportEventsQueryDto,
    @Actor() { account: actor, ip }: RequestActor,
  ): Promise<JobRunDto> {
    await this.campaigns.find(id);
    const upload = await saveCsvBody(this.uploads, req.body);
    const run = await this.jobs.enqueue(
      JobName.ImportCampaignEvents,
      { campaignId: id, oid: upload.oid, mode: importModeOf(query) },
      { requestedBy: actor.id, attempts: 1 },
    );
    await this.audit.record({
      action: 'campaign.events.import',
      outcome: 'SUCCESS',
      actor,
      entityType: 'campaign',
      entityId: id,
      detail: { jobId: run.id, bytes: upload.bytes },
      ip,
    });
    return toJobDto(run);
  }

  @PostRoute(':id/analyses', ALL_ROLES, 'Queue an analysis (method FIXED_HORIZON or SEQUENTIAL); the job stores a campaign_analysis row')
  @HttpCode(202)
  async analyse(@Param('id') id: string, @Body() body: AnalyseDto, @CurrentAccount() actor: AuthenticatedAccount): Promise<JobRunDto> {
    await this.campaigns.find(id);
    return toJobDto(
      await this.jobs.enqueue(
        JobName.AnalyseCampaign,
        { campaignId: id, method: body.method ?? 'FIXED_HORIZON' },
        { requestedBy: actor.id },
      ),
    );
  }

  @GetRoute(':id/analyses', ALL_ROLES, 'The analysis history of a campaign, newest first (simple-REST)')
  listAnalyses(@Param('id') id: string, @ListRequest(ANALYSIS_LIST) page: ListPage): Promise<CampaignAnalysisDto[]> {
    return page.answer(this.campaigns.listAnalyses(id, page.query));
  }

  @GetRoute(':id/analyses/:analysisId', ALL_ROLES, 'One stored analysis: the full result and its summary sentence')
  getAnalysis(@Param('id') id: string, @Param('analysisId') analysisId: string): Promise<CampaignAnalysisDto> {
    return this.campaigns.getAnalysis(id, analysisId);
  }

  @GetRoute(':id/cumulative-conversions', ALL_ROLES, 'Daily cumulative members and converters per variant, for the performance chart')
  async cumulative(@Param('id') id: string): Promise<CumulativeConversionPoint[]> {
    await this.campaigns.find(id);
    return this.analyses.cumulativeConversions(id);
  }
}
