import { UnrecoverableError } from 'bullmq';
import type { AnalysisMethod } from '@crosslane/contracts';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { CampaignAnalysisService, NotEnoughDataError, reportVerdict } from '../campaign-analysis.service';

export interface AnalyseCampaignPayload {
  campaignId: string;
  method?: AnalysisMethod;
  /** Set by the cron: one scheduled analysis per campaign per slot. */
  slot?: string;
}

export interface AnalyseCampaignResult {
  analysisId: string;
  summary: string;
  srmFlagged: boolean;
  verdict: string;
}

/**
 * Aggregates the campaign in SQL, runs the statistics and stores one
 * campaign_analysis row keyed by the job id, so a retried job overwrites
 * its own row instead of adding a second.
 */
@JobHandler(JobName.AnalyseCampaign)
export class AnalyseCampaignJob implements JobRunner<JobName.AnalyseCampaign> {
  constructor(private readonly analyses: CampaignAnalysisService) {}

  async run(payload: AnalyseCampaignPayload, context: JobContext): Promise<AnalyseCampaignResult> {
    await context.reportProgress(5, 'Aggregating assignments and events');
    const report = await this.analyses.analyse(payload.campaignId, payload.method ?? 'FIXED_HORIZON').catch((error: Error) => {
      throw error instanceof NotEnoughDataError ? new UnrecoverableError(error.message) : error;
    });
    await context.throwIfCancelled();
    await context.reportProgress(80, 'Storing the analysis');
    const analysisId = await this.analyses.store(payload.campaignId, context.jobId, report);
    return { analysisId, summary: report.summary, srmFlagged: report.srmFlagged, verdict: reportVerdict(report) };
  }
}
