import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/clock/clock';
import type { PrismaService } from '../../../core/database/prisma.service';
import type { JobQueueService } from '../../../core/queue/job-queue.service';
import { deduplicationKey, JobName } from '../../../core/queue/queue-names';
import type { AnalyseCampaignPayload } from '../jobs/analyse-campaign.job';
import { AnalyseRunningCampaignsCron } from './analyse-running-campaigns.cron';

describe('AnalyseRunningCampaignsCron', () => {
  it('queues one analysis per running campaign with the hour as its slot, so workers firing together dedupe', async () => {
    const queued: { name: string; payload: AnalyseCampaignPayload }[] = [];
    const prisma = { $queryRaw: async () => [{ id: 'c1' }, { id: 'c2' }] } as unknown as PrismaService;
    const jobs = {
      enqueue: async (name: string, payload: AnalyseCampaignPayload) => queued.push({ name, payload }),
    } as unknown as JobQueueService;
    const cron = new AnalyseRunningCampaignsCron(prisma, jobs, fixedClock(new Date('2025-03-01T10:07:00Z')));
    expect(await cron.enqueue()).toBe(2); // the hour comes from the injected clock
    expect(queued).toEqual([
      { name: 'analyse-campaign', payload: { campaignId: 'c1', method: 'FIXED_HORIZON', slot: '2025-03-01T10' } },
      { name: 'analyse-campaign', payload: { campaignId: 'c2', method: 'FIXED_HORIZON', slot: '2025-03-01T10' } },
    ]);
    expect(deduplicationKey({ name: JobName.AnalyseCampaign, data: queued[0].payload })).toBe('analyse-campaign:c1:2025-03-01T10');
    // On-demand analyses carry no slot: each request is a new run.
    expect(deduplicationKey({ name: JobName.AnalyseCampaign, data: { campaignId: 'c1' } })).toBeUndefined();
  });
});
