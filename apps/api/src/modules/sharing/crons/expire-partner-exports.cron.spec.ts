import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/clock/clock';
import type { AppConfig } from '../../../core/config/app-config';
import type { JobQueueService } from '../../../core/queue/job-queue.service';
import { deduplicationKey, JobName, QUEUE_OF_JOB, QueueName } from '../../../core/queue/queue-names';
import type { ExpirePartnerExportsPayload } from '../jobs/expire-partner-exports.job';
import { ExpirePartnerExportsCron } from './expire-partner-exports.cron';

describe('ExpirePartnerExportsCron', () => {
  it('queues one maintenance run per day with the configured retention, so workers firing together dedupe', async () => {
    const queued: { name: string; payload: ExpirePartnerExportsPayload }[] = [];
    const jobs = {
      enqueue: async (name: string, payload: ExpirePartnerExportsPayload) => queued.push({ name, payload }),
    } as unknown as JobQueueService;
    const cron = new ExpirePartnerExportsCron(jobs, { exportRetentionDays: 14 } as AppConfig, fixedClock(new Date('2026-06-01T03:29:00Z')));
    await cron.enqueue(); // the day comes from the injected clock
    expect(queued).toEqual([{ name: 'expire-partner-exports', payload: { retentionDays: 14, slot: '2026-06-01' } }]);
    expect(QUEUE_OF_JOB[JobName.ExpirePartnerExports]).toBe(QueueName.Maintenance);
    expect(deduplicationKey({ name: JobName.ExpirePartnerExports, data: queued[0].payload })).toBe('expire-partner-exports:2026-06-01');
    expect(deduplicationKey({ name: JobName.ExpirePartnerExports, data: {} })).toBe('expire-partner-exports:manual');
  });
});
