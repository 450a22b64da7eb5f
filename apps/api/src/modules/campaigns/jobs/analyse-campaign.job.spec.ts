import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import { NotEnoughDataError, type AnalysisReport, type CampaignAnalysisService } from '../campaign-analysis.service';
import { AnalyseCampaignJob } from './analyse-campaign.job';

/** An analysis service over in-memory campaigns: a report per campaign with enough data, and the stored runs. */
function fakeAnalyses(reports: Record<string, { summary: string; srmFlagged: boolean; verdict: string }>) {
  const stored: { id: string; campaignId: string; jobId: string | null; method: string; summary: string }[] = [];
  const service = {
    analyse: async (campaignId: string, method: string) => {
      const r = reports[campaignId];
      if (!r) throw new NotEnoughDataError(`Campaign ${campaignId} has no assigned members yet`);
      return { ...r, method } as unknown as AnalysisReport;
    },
    store: async (campaignId: string, jobId: string | null, report: AnalysisReport) => {
      const id = `analysis-${stored.length + 1}`;
      stored.push({ id, campaignId, jobId, method: report.method, summary: report.summary });
      return id;
    },
  };
  return { service: service as unknown as CampaignAnalysisService, stored };
}

describe('AnalyseCampaignJob', () => {
  const reports = { c1: { summary: 'B beats A by 1.2 points', srmFlagged: false, verdict: 'B wins' } };

  it('stores one analysis run under its job id and returns its id, summary and verdict', async () => {
    const { service, stored } = fakeAnalyses(reports);
    const context = fakeJobContext({ jobId: 'job-7' });
    const result = await new AnalyseCampaignJob(service).run({ campaignId: 'c1', method: 'SEQUENTIAL' }, context);
    expect(result).toEqual({ analysisId: 'analysis-1', summary: 'B beats A by 1.2 points', srmFlagged: false, verdict: 'B wins' });
    expect(stored).toEqual([
      { id: 'analysis-1', campaignId: 'c1', jobId: 'job-7', method: 'SEQUENTIAL', summary: 'B beats A by 1.2 points' },
    ]);
  });

  it('analyses with a fixed horizon when the payload names no method (the cron and most requests)', async () => {
    const { service, stored } = fakeAnalyses(reports);
    await new AnalyseCampaignJob(service).run({ campaignId: 'c1' }, fakeJobContext());
    expect(stored[0].method).toBe('FIXED_HORIZON');
  });

  it('fails for good, without retries and without storing, when the campaign has too little data', async () => {
    const { service, stored } = fakeAnalyses(reports);
    const run = new AnalyseCampaignJob(service).run({ campaignId: 'c2' }, fakeJobContext());
    await expect(run).rejects.toThrow(UnrecoverableError);
    await expect(run).rejects.toThrow('Campaign c2 has no assigned members yet');
    expect(stored).toEqual([]);
  });
});
