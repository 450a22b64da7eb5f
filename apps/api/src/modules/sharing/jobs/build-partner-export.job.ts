import { JobCancelledError, JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import {
  PartnerExportBuilderService,
  type BuildPartnerExportPayload,
  type BuildPartnerExportResult,
} from '../partner-export-builder.service';

export type { BuildPartnerExportPayload, BuildPartnerExportResult };

const MAX_ATTEMPTS = 3;

/**
 * Builds one partner export (PartnerExportBuilderService). What is the job's
 * own: a cancellation, or a failure on the last attempt, marks the export
 * FAILED so the requester sees why; an earlier failure leaves it for the retry.
 */
@JobHandler(JobName.BuildPartnerExport)
export class BuildPartnerExportJob implements JobRunner<JobName.BuildPartnerExport> {
  constructor(private readonly builder: PartnerExportBuilderService) {}

  async run(payload: BuildPartnerExportPayload, context: JobContext): Promise<BuildPartnerExportResult> {
    try {
      return await this.builder.build(payload, context);
    } catch (error) {
      const cancelled = error instanceof JobCancelledError;
      if (cancelled || context.attempt >= MAX_ATTEMPTS)
        await this.builder.fail(
          payload.exportId,
          cancelled ? 'Cancelled on request' : `Build failed: ${(error as Error).message}`,
          context.jobId,
        );
      throw error;
    }
  }
}
