import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { SegmentMaterialiserService } from '../segment-materialiser.service';

export interface MaterialiseSegmentsPayload {
  /** One segment, or every segment when absent. */
  segmentId?: string;
  /** ISO instant the behaviour windows count back from; in the payload so a retry matches the same members. */
  asOf: string;
}

/** Recomputes memberships, one transaction per segment; a retry redoes the unfinished segments and reaches the same sets. */
@JobHandler(JobName.MaterialiseSegments)
export class MaterialiseSegmentsJob implements JobRunner<JobName.MaterialiseSegments> {
  constructor(private readonly materialiser: SegmentMaterialiserService) {}

  async run(payload: MaterialiseSegmentsPayload, context: JobContext): Promise<{ segments: number; sizes: Record<string, number> }> {
    const ids = payload.segmentId ? [payload.segmentId] : await this.materialiser.segmentIds();
    const sizes: Record<string, number> = {};
    for (const [index, id] of ids.entries()) {
      await context.throwIfCancelled();
      sizes[id] = await this.materialiser.materialise(id, new Date(payload.asOf));
      await context.reportProgress((100 * (index + 1)) / ids.length, `Segment ${index + 1} of ${ids.length}: ${sizes[id]} members`);
    }
    return { segments: ids.length, sizes };
  }
}
