import { BadRequestException } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { FunnelResultDto, RetentionResultDto } from '@crosslane/contracts';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { JourneysEngineService, type FunnelJobPayload, type RetentionJobPayload } from '../journeys-engine.service';

export type RunJourneyPayload = FunnelJobPayload | RetentionJobPayload;

/**
 * A funnel or retention request too large to answer within an HTTP request:
 * the same single statement the live path runs, its result kept on the job
 * (job_run.result), where the dashboard reads it. Read-only, so a retry
 * simply computes it again. A request the engine refuses (a segment deleted
 * since it was queued, a range it cannot take) fails for good with the
 * engine's own wording: computing it again would not change the answer.
 */
@JobHandler(JobName.RunJourney)
export class RunJourneyJob implements JobRunner<JobName.RunJourney> {
  constructor(private readonly engine: JourneysEngineService) {}

  async run(payload: RunJourneyPayload, context: JobContext): Promise<FunnelResultDto | RetentionResultDto> {
    const kind = (payload as { kind?: unknown }).kind;
    if (kind !== 'funnel' && kind !== 'retention')
      throw new UnrecoverableError(`run-journey needs kind "funnel" or "retention"; got ${JSON.stringify(kind)}`);
    await context.reportProgress(5, payload.kind === 'funnel' ? 'Counting the funnel in PostgreSQL' : 'Counting the cohorts in PostgreSQL');
    let result: FunnelResultDto | RetentionResultDto;
    try {
      result = payload.kind === 'funnel' ? await this.engine.computeFunnel(payload) : await this.engine.computeRetention(payload.request);
    } catch (error) {
      if (error instanceof BadRequestException) throw new UnrecoverableError(error.message);
      throw error;
    }
    await context.reportProgress(100, `Done in ${result.elapsedMs} ms`);
    return result;
  }
}
