import { Injectable } from '@nestjs/common';
import type { FunnelResultDto, RetentionResultDto } from '@crosslane/contracts';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { JourneysEngineService, type FunnelJobPayload, type RetentionJobPayload } from '../journeys-engine.service';

export type RunJourneyPayload = FunnelJobPayload | RetentionJobPayload;

declare module '../../../core/queue/job-types' {
  interface JobTypes {
    [JobName.RunJourney]: { payload: RunJourneyPayload; result: FunnelResultDto | RetentionResultDto };
  }
}

/**
 * A funnel or retention request too large to answer within an HTTP request:
 * the same single statement the live path runs, its result kept on the job
 * (job_run.result), where the dashboard reads it. Read-only, so a retry
 * simply computes it again.
 */
@Injectable()
@JobHandler(JobName.RunJourney)
export class RunJourneyJob implements JobRunner<JobName.RunJourney> {
  constructor(private readonly engine: JourneysEngineService) {}

  async run(payload: RunJourneyPayload, context: JobContext): Promise<FunnelResultDto | RetentionResultDto> {
    await context.reportProgress(5, payload.kind === 'funnel' ? 'Counting the funnel in PostgreSQL' : 'Counting the cohorts in PostgreSQL');
    const result =
      payload.kind === 'funnel' ? await this.engine.computeFunnel(payload) : await this.engine.computeRetention(payload.request);
    await context.reportProgress(100, `Done in ${result.elapsedMs} ms`);
    return result;
  }
}
