import { Inject } from '@nestjs/common';
import { describeCluster, kMeans, nearestCentroid, standardise } from '@crosslane/domain-segments';
import type { ClusterFeatureSet } from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';
import { AuditService } from '../../../core/audit/audit.service';
import { recordJobSuccess } from '../../../core/queue/job-audit';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { ClusterFeaturesService } from '../cluster-features.service';
import { ClusterSegmentsRepository } from '../cluster-segments.repository';
import { CLOCK, type Clock } from '../../../core/clock/clock';

export interface BuildClusterSegmentsPayload {
  name: string;
  features: ClusterFeatureSet;
  k: number;
  seed: number;
  sampleSize: number;
  requestedBy?: string | null;
}

export interface BuildClusterSegmentsResult {
  segments: { id: string; name: string; size: number; description: string }[];
}

/**
 * k-means (k-means++ seeding, fixed seed) fitted on a deterministic sample of
 * standardised profiles, then every scored member assigned to its nearest
 * centre. One transaction replaces the previous segments of the same name
 * group, so a retry after a crash produces the same clusters.
 */
@JobHandler(JobName.BuildClusterSegments)
export class BuildClusterSegmentsJob implements JobRunner<JobName.BuildClusterSegments> {
  constructor(
    private readonly segments: ClusterSegmentsRepository,
    private readonly features: ClusterFeaturesService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(payload: BuildClusterSegmentsPayload, context: JobContext): Promise<BuildClusterSegmentsResult> {
    const space = await this.features.space(payload.features);
    await context.reportProgress(5, 'Sampling profiles');
    const sample = await this.features.sample(space, payload.sampleSize, payload.seed);
    if (sample.rows.length < payload.k)
      throw new Error(`k = ${payload.k} needs at least ${payload.k} profiled members; found ${sample.rows.length}`);
    const { rows: scaled, means, sds } = standardise(sample.rows);
    const fit = kMeans(scaled, payload.k, { seed: payload.seed });
    await context.reportProgress(20, `Fitted ${payload.k} clusters on ${sample.rows.length} members`);

    const members: bigint[][] = Array.from({ length: payload.k }, () => []);
    const sums: number[][] = Array.from({ length: payload.k }, () => new Array<number>(space.labels.length).fill(0));
    for await (const page of this.features.pages(space)) {
      await context.throwIfCancelled();
      page.rows.forEach((raw, i) => {
        const z = raw.map((v, j) => (sds[j] > 0 ? (v - means[j]) / sds[j] : 0));
        const c = nearestCentroid(z, fit.centroids).index;
        members[c].push(page.memberIds[i]);
        raw.forEach((v, j) => (sums[c][j] += v));
      });
    }
    await context.reportProgress(60, 'Writing cluster segments');

    const result = await this.segments.replaceGroup(payload.name, async (group) => {
      const out: BuildClusterSegmentsResult['segments'] = [];
      for (let c = 0; c < payload.k; c++) {
        const name = `${payload.name} ${c + 1}`;
        const size = members[c].length;
        const id = await group.create({
          name,
          size,
          materialisedAt: this.clock.now(),
          createdBy: payload.requestedBy ?? null,
          config: {
            group: payload.name,
            features: payload.features,
            k: payload.k,
            seed: payload.seed,
            cluster: c + 1,
            labels: space.labels,
            centroid: fit.centroids[c],
          },
        });
        await group.addMembers(id, members[c]);
        const { rfm, topCategories } = await group.summarise(id);
        const description = describeCluster(
          {
            means: sums[c].map((s) => (size > 0 ? s / size : 0)),
            size,
            topCategories,
            rfm: rfm.r === null ? undefined : { r: rfm.r, f: rfm.f!, m: rfm.m! },
          },
          { labels: space.labels, means, sds },
        );
        await group.describe(id, description);
        out.push({ id, name, size, description });
      }
      return { segments: out };
    });
    await recordJobSuccess(this.audit, context.jobId, {
      action: 'segment.clusters.build',
      actor: payload.requestedBy ? { id: payload.requestedBy } : null,
      detail: {
        name: payload.name,
        k: payload.k,
        features: payload.features,
        sizes: result.segments.map((s) => s.size),
      } as Prisma.JsonObject,
    });
    await context.reportProgress(100, `${payload.k} cluster segments`);
    return result;
  }
}
