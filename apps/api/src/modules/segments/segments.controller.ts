import { Body, HttpCode, Inject, Param } from '@nestjs/common';
import {} from '@nestjs/swagger';
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
import { Actor, ALL_ROLES, AuthenticatedAccount, CurrentAccount, EDITORS, RequestActor } from '../../core/auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { DeleteRoute, GetRoute, PostRoute, PutRoute, SignedInController } from '../../core/http/route.decorators';
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

const SEGMENT_LIST: ListEndpoint = {
  resource: 'segments',
  sortable: SEGMENT_SORTABLE,
  defaultSort: ['name', 'asc'],
  filters: { id: 'uuid', fields: { q: 'text', kind: SEGMENT_KINDS } },
};

@SignedInController('segments', 'segments')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly jobs: JobQueueService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @GetRoute('', ALL_ROLES, 'Segments with size and 30-day trend (simple-REST; filter {q, kind})')
  list(@ListRequest(SEGMENT_LIST) page: ListPage): Promise<SegmentDto[]> {
    return page.answer(this.segments.list(page.query));
  }

  @GetRoute('overlaps', ALL_ROLES, 'Overlap matrix between segments (member counts and Jaccard), from stored memberships')
  overlaps(): Promise<OverlapMatrixDto> {
    return this.segments.overlapMatrix();
  }

  @PostRoute(
    'preview',
    ALL_ROLES,
    'Validate a rule and count the members it matches now (for the editor); 400 names the path of each problem',
  )
  @HttpCode(200)
  preview(@Body() body: PreviewSegmentDto): Promise<SegmentPreviewResponse> {
    return this.segments.preview(body);
  }

  @PostRoute('joint', EDITORS, 'Create a joint segment: members with measured interest in both domains')
  joint(@Body() body: JointSegmentDto, @Actor() actor: RequestActor): Promise<SegmentDto> {
    return this.segments.createJoint(body, actor.account, actor.ip);
  }

  @PostRoute('clusters/suggest', ALL_ROLES, 'Inertia and silhouette for k = 2..8 on a sample (k-means++, fixed seed), to choose k')
  @HttpCode(200)
  suggest(@Body() body: ClusterSuggestDto): Promise<ClusterSuggestionDto> {
    return this.segments.suggestClusters(body);
  }

  @PostRoute('clusters', EDITORS, 'Queue build-cluster-segments: k cluster segments described in words')
  @HttpCode(202)
  async clusters(@Body() body: BuildClustersDto, @Actor() { account: actor, ip }: RequestActor): Promise<JobRunDto> {
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

  @PostRoute('materialise', EDITORS, 'Queue materialise-segments for every segment')
  @HttpCode(202)
  async materialiseAll(@Actor() { account: actor, ip }: RequestActor): Promise<{ jobId: string }> {
    const jobId = await this.segments.enqueueMaterialise(undefined, actor);
    await this.audit.record({ action: 'segment.materialise.request', outcome: 'SUCCESS', actor, entityType: 'job', entityId: jobId, ip });
    return { jobId };
  }

  @PostRoute('snapshot', EDITORS, "Queue today's size snapshot now (the daily cron does the same)")
  @HttpCode(202)
  async snapshot(@Actor() { account: actor, ip }: RequestActor): Promise<JobRunDto> {
    const run = await this.jobs.enqueue(
      JobName.SnapshotSegmentSizes,
      { slot: this.clock.now().toISOString().slice(0, 10) },
      { requestedBy: actor.id },
    );
    await this.audit.record({ action: 'segment.snapshot.request', outcome: 'SUCCESS', actor, entityType: 'job', entityId: run.id, ip });
    return toJobDto(run);
  }

  @GetRoute(':id', ALL_ROLES, 'One segment')
  get(@Param('id') id: string): Promise<SegmentDto> {
    return this.segments.get(id);
  }

  @GetRoute(':id/history', ALL_ROLES, 'Daily size history with shareable counts per partner (suppressed below the minimum group size)')
  history(@Param('id') id: string): Promise<SegmentSizePointDto[]> {
    return this.segments.history(id);
  }

  @GetRoute(
    ':id/partners',
    ALL_ROLES,
    "Overlap with each partner's matched customers through the disclosure gate (threshold and difference checks, or noise: see disclosure) and the shareable count",
  )
  partners(@Param('id') id: string, @CurrentAccount() actor: AuthenticatedAccount): Promise<SegmentPartnerOverlapDto[]> {
    return this.segments.partnerOverlaps(id, actor);
  }

  @GetRoute(':id/insights', ALL_ROLES, 'RFM distribution, top categories and averages of the members')
  insights(@Param('id') id: string): Promise<SegmentInsightsDto> {
    return this.segments.insights(id);
  }

  @PostRoute('', EDITORS, 'Create a rule segment (validated; membership computed by a queued job)')
  create(@Body() body: CreateSegmentDto, @Actor() actor: RequestActor): Promise<SegmentDto> {
    return this.segments.create(body, actor.account, actor.ip);
  }

  @PutRoute(':id', EDITORS, 'Change a segment (a new rule is validated and re-materialised)')
  update(@Param('id') id: string, @Body() body: UpdateSegmentDto, @Actor() actor: RequestActor): Promise<SegmentDto> {
    return this.segments.update(id, body, actor.account, actor.ip);
  }

  @PostRoute(':id/materialise', EDITORS, 'Queue materialise-segments for this segment')
  @HttpCode(202)
  async materialise(@Param('id') id: string, @Actor() { account: actor, ip }: RequestActor): Promise<{ jobId: string }> {
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

  @DeleteRoute(':id', EDITORS, 'Delete a segment (refused while another rule or a campaign uses it)')
  remove(@Param('id') id: string, @Actor() actor: RequestActor): Promise<SegmentDto> {
    return this.segments.remove(id, actor.account, actor.ip);
  }
}
