import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { SegmentMaterialiserService } from '../segment-materialiser.service';

export interface SnapshotSegmentSizesPayload {
  /** YYYY-MM-DD: the day the snapshot stands for (also the deduplication slot). */
  slot: string;
}

/**
 * The daily size history: materialises every rule segment and upserts one
 * snapshot per segment and day (size and shareable counts per partner), so
 * running it twice on a day leaves one row per segment.
 */
@JobHandler(JobName.SnapshotSegmentSizes)
export class SnapshotSegmentSizesJob implements JobRunner<JobName.SnapshotSegmentSizes> {
  constructor(private readonly materialiser: SegmentMaterialiserService) {}

  async run(payload: SnapshotSegmentSizesPayload, context: JobContext): Promise<{ segments: number }> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(payload.slot)) throw new Error(`slot must be YYYY-MM-DD; got "${payload.slot}"`);
    // The end of the slot's day: a retry on another day still computes the same membership.
    const asOf = new Date(Date.parse(`${payload.slot}T00:00:00Z`) + 86_400_000);
    const ids = await this.materialiser.segmentIds();
    for (const [index, id] of ids.entries()) {
      await context.throwIfCancelled();
      await this.materialiser.snapshot(id, payload.slot, asOf);
      await context.reportProgress((100 * (index + 1)) / ids.length, `Snapshot ${index + 1} of ${ids.length}`);
    }
    return { segments: ids.length };
  }
}
