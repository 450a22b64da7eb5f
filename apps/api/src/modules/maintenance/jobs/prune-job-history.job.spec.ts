import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/clock/clock';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import type { JobHistoryRepository } from '../job-history.repository';
import { PruneJobHistoryJob, type PruneJobHistoryPayload } from './prune-job-history.job';

const NOW = new Date('2026-11-28T03:17:00.000Z');
const DAY = 86_400_000;

type Row = { id: string; status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED'; finishedAt: Date | null };

/** job_run in memory: removeFinishedBefore drops finished runs older than the cutoff, as the repository's deleteMany does. */
function fakeHistory(rows: Row[]) {
  const table = [...rows];
  const cutoffs: Date[] = [];
  const history = {
    removeFinishedBefore: async (cutoff: Date) => {
      cutoffs.push(cutoff);
      const doomed = table.filter((r) => r.finishedAt !== null && r.finishedAt < cutoff && r.status !== 'QUEUED' && r.status !== 'RUNNING');
      for (const r of doomed) table.splice(table.indexOf(r), 1);
      return doomed.length;
    },
  };
  return { history: history as unknown as JobHistoryRepository, table, cutoffs };
}

const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

describe('PruneJobHistoryJob', () => {
  it('removes finished runs older than the window measured from the injected clock, and keeps the rest', async () => {
    const { history, table, cutoffs } = fakeHistory([
      { id: 'done-31d', status: 'COMPLETED', finishedAt: daysAgo(31) },
      { id: 'failed-45d', status: 'FAILED', finishedAt: daysAgo(45) },
      { id: 'cancelled-30d-1ms', status: 'CANCELLED', finishedAt: new Date(daysAgo(30).getTime() - 1) },
      { id: 'done-exactly-30d', status: 'COMPLETED', finishedAt: daysAgo(30) },
      { id: 'done-29d', status: 'COMPLETED', finishedAt: daysAgo(29) },
      { id: 'queued-old', status: 'QUEUED', finishedAt: null },
    ]);
    const context = fakeJobContext();
    const result = await new PruneJobHistoryJob(history, fixedClock(NOW)).run({ olderThanDays: 30, slot: '2026-11-28' }, context);
    expect(result).toEqual({ removed: 3 });
    expect(cutoffs).toEqual([new Date('2026-10-29T03:17:00.000Z')]);
    expect(table.map((r) => r.id)).toEqual(['done-exactly-30d', 'done-29d', 'queued-old']);
    expect(context.progress).toEqual([{ percent: 100, note: 'Removed 3 finished job records' }]);
  });

  it('removes nothing more when run again for the same slot (a duplicate delivery)', async () => {
    const { history, table } = fakeHistory([
      { id: 'done-31d', status: 'COMPLETED', finishedAt: daysAgo(31) },
      { id: 'done-1d', status: 'COMPLETED', finishedAt: daysAgo(1) },
    ]);
    const job = new PruneJobHistoryJob(history, fixedClock(NOW));
    expect(await job.run({ olderThanDays: 30 }, fakeJobContext())).toEqual({ removed: 1 });
    expect(await job.run({ olderThanDays: 30 }, fakeJobContext())).toEqual({ removed: 0 });
    expect(table.map((r) => r.id)).toEqual(['done-1d']);
  });

  it('refuses, for good, a window that would put the cutoff at or after now and empty the history', async () => {
    for (const olderThanDays of [0, -7, Number.NaN, Number.POSITIVE_INFINITY, undefined, '30']) {
      const { history, table } = fakeHistory([{ id: 'done-1d', status: 'COMPLETED', finishedAt: daysAgo(1) }]);
      const run = new PruneJobHistoryJob(history, fixedClock(NOW)).run(
        { olderThanDays } as unknown as PruneJobHistoryPayload,
        fakeJobContext(),
      );
      await expect(run).rejects.toThrow(UnrecoverableError);
      await expect(run).rejects.toThrow('olderThanDays must be a positive number of days');
      expect(table).toHaveLength(1);
    }
  });
});
