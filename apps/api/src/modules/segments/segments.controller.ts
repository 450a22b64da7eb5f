import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  ClusterSuggestionDto,
  JobRunDto,
  OverlapMatrixDto,
  SegmentPartnerOverlapDto,
  SegmentDto,
  SegmentInsightsDto,
  SegmentPreviewResponse,
  SegmentSizePointDto,
} from '@crosslane/contracts';
import { AuditService } from '../../core/audit/audit.service';
import { ALL_ROLES, AuthenticatedAccount, ClientIp, CurrentAccount, Roles } from '../../core/auth/auth.decorators';
import { parseListQuery, RawListQuery, setListHeaders } from '../../core/http/list-query';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { toJobDto } from '../../core/queue/job-run.mapper';
import {
  BuildClustersDto,
  ClusterSuggestDto,
  CreateSegmentDto,
  JointSegmentDto,
  PreviewSegmentDto,
  UpdateSegmentDto,
} from './dto/segment.dto';
import { SEGMENT_SORTABLE, SegmentsService, SEGMENT_KINDS } from './segments.service';
import { CLOCK, type Clock } from '../../core/clock/clock';

const WRITERS = ['ADMIN', 'MANAGER'] as const;

@ApiTags('segments')
@ApiBearerAuth()
@Controller('segments')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly jobs: JobQueueService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Segments with size and 30-day trend (simple-REST; filter {q, kind})' })
  async list(
    @Query() raw: RawListQuery,
    @Res({ passthrough: true }) reply: { header(n: string, v: string): unknown },
  ): Promise<SegmentDto[]> {
    const query = parseListQuery(raw, SEGMENT_SORTABLE, ['name', 'asc'], { id: 'uuid', fields: { q: 'text', kind: SEGMENT_KINDS } });
    const { rows, total } = await this.segments.list(query);
    setListHeaders(reply, 'segments', query, total);
    return rows;
  }

  @Get('overlaps')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Overlap matrix between segments (member counts and Jaccard), from stored memberships' })
  overlaps(): Promise<OverlapMatrixDto> {
    return this.segments.overlapMatrix();
  }

  @Post('preview')
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Validate a rule and count the members it matches now (for the editor); 400 names the path of each problem' })
  preview(@Body() body: PreviewSegmentDto): Promise<SegmentPreviewResponse> {
    return this.segments.preview(body);
  }

  @Post('joint')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Create a joint segment: members with measured interest in both domains' })
  joint(@Body() body: JointSegmentDto, @CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null): Promise<SegmentDto> {
    return this.segments.createJoint(body, actor, ip);
  }

  @Post('clusters/suggest')
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Inertia and silhouette for k = 2..8 on a sample (k-means++, fixed seed), to choose k' })
  suggest(@Body() body: ClusterSuggestDto): Promise<ClusterSuggestionDto> {
    return this.segments.suggestClusters(body);
  }

  @Post('clusters')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Queue build-cluster-segments: k cluster segments described in words' })
  async clusters(
    @Body() body: BuildClustersDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<JobRunDto> {
    // Fail fast (409) when LATENT is asked for without an active model.
    await this.segments.suggestClusters({ features: body.features, sampleSize: 20, seed: body.seed });
    const payload = {
      name: body.name,
      features: body.features,
      k: body.k,
      seed: body.seed ?? 1,
      sampleSize: body.sampleSize ?? 2000,
      requestedBy: actor.id,
    };
    const run = await this.jobs.enqueue(JobName.BuildClusterSegments, payload, { requestedBy: actor.id });
    await this.audit.record({
      action: 'segment.clusters.request',
      outcome: 'SUCCESS',
      actor,
      entityType: 'job',
      entityId: run.id,
      detail: { ...payload },
      ip,
    });
    return toJobDto(run);
  }

  @Post('materialise')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Queue materialise-segments for every segment' })
  async materialiseAll(@CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null): Promise<{ jobId: string }> {
    const jobId = await this.segments.enqueueMaterialise(undefined, actor);
    await this.audit.record({ action: 'segment.materialise.request', outcome: 'SUCCESS', actor, entityType: 'job', entityId: jobId, ip });
    return { jobId };
  }

  @Post('snapshot')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Queue today's size snapshot now (the daily cron does the same)" })
  async snapshot(@CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null): Promise<JobRunDto> {
    const run = await this.jobs.enqueue(
      JobName.SnapshotSegmentSizes,
      { slot: this.clock.now().toISOString().slice(0, 10) },
      { requestedBy: actor.id },
    );
    await this.audit.record({ action: 'segment.snapshot.request', outcome: 'SUCCESS', actor, entityType: 'job', entityId: run.id, ip });
    return toJobDto(run);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One segment' })
  get(@Param('id') id: string): Promise<SegmentDto> {
    return this.segments.get(id);
  }

  @Get(':id/history')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Daily size history with shareable counts per partner (suppressed below the minimum group size)' })
  history(@Param('id') id: string): Promise<SegmentSizePointDto[]> {
    return this.segments.history(id);
  }

  @Get(':id/partners')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      "Overlap with each partner's matched customers through the disclosure gate (threshold and difference checks, or noise: see disclosure) and the shareable count",
  })
  partners(@Param('id') id: string, @CurrentAccount() actor: AuthenticatedAccount): Promise<SegmentPartnerOverlapDto[]> {
    return this.segments.partnerOverlaps(id, actor);
  }

  @Get(':id/insights')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'RFM distribution, top categories and averages of the members' })
  insights(@Param('id') id: string): Promise<SegmentInsightsDto> {
    return this.segments.insights(id);
  }

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Create a rule segment (validated; membership computed by a queued job)' })
  create(
    @Body() body: CreateSegmentDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<SegmentDto> {
    return this.segments.create(body, actor, ip);
  }

  @Put(':id')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Change a segment (a new rule is validated and re-materialised)' })
  update(
    @Param('id') id: string,
    @Body() body: UpdateSegmentDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<SegmentDto> {
    return this.segments.update(id, body, actor, ip);
  }

  @Post(':id/materialise')
  @HttpCode(202)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Queue materialise-segments for this segment' })
  async materialise(
    @Param('id') id: string,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<{ jobId: string }> {
    const jobId = await this.segments.enqueueMaterialise(id, actor);
    await this.audit.record({
      action: 'segment.materialise.request',
      outcome: 'SUCCESS',
      actor,
      entityType: 'segment',
      entityId: id,
      detail: { jobId },
      ip,
    });
    return { jobId };
  }

  @Delete(':id')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Delete a segment (refused while another rule or a campaign uses it)' })
  remove(@Param('id') id: string, @CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null): Promise<SegmentDto> {
    return this.segments.remove(id, actor, ip);
  }
}
