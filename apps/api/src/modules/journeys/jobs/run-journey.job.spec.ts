import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { FunnelResultDto, RetentionResultDto } from '@crosslane/contracts';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import { journeyError, type FunnelJobPayload, type JourneysEngineService, type RetentionJobPayload } from '../journeys-engine.service';
import { RunJourneyJob, type RunJourneyPayload } from './run-journey.job';

const FUNNEL: FunnelJobPayload = {
  kind: 'funnel',
  definition: { steps: [{ type: 'VIEW' }, { type: 'PURCHASE' }], windowDays: 14, order: 'strict' },
  range: { from: '2026-01-01', to: '2026-07-01' },
} as FunnelJobPayload;
const RETENTION: RetentionJobPayload = {
  kind: 'retention',
  request: { anchor: 'join', period: 'month', periods: 6, range: { from: '2026-01-01', to: '2026-07-01' } },
};

const FUNNEL_RESULT: FunnelResultDto = {
  range: { from: '2026-01-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' },
  groups: [{ key: 'all', label: 'All members', entered: 1200, steps: [], biggestDropOff: null }],
  elapsedMs: 2140,
};
const RETENTION_RESULT: RetentionResultDto = {
  anchor: 'join',
  period: 'month',
  range: { from: '2026-01-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' },
  groups: [{ key: 'all', label: 'All members', cohorts: [{ cohort: '2026-01', size: 40, shares: [1, 0.5], active: [40, 20] }], curve: [] }],
  elapsedMs: 870,
};

/**
 * The engine over a database it answers from canned results; it records what
 * it was asked. A request naming the segment `gone` is refused the way the
 * real engine refuses one (journeyError, a 400 on the live path).
 */
function fakeEngine() {
  const asked: { funnel: unknown[]; retention: unknown[] } = { funnel: [], retention: [] };
  const engine = {
    computeFunnel: async (payload: Omit<FunnelJobPayload, 'kind'>) => {
      asked.funnel.push(payload);
      return FUNNEL_RESULT;
    },
    computeRetention: async (request: RetentionJobPayload['request']) => {
      asked.retention.push(request);
      if (request.breakdown?.segmentIds?.includes('gone'))
        throw journeyError([{ path: 'breakdown.segmentIds[0]', message: 'is not a segment' }]);
      return RETENTION_RESULT;
    },
  };
  return { engine: engine as unknown as JourneysEngineService, asked };
}

describe('RunJourneyJob', () => {
  it('counts a funnel with the engine the live path uses and keeps its result as the job result', async () => {
    const { engine, asked } = fakeEngine();
    const context = fakeJobContext();
    const result = await new RunJourneyJob(engine).run(FUNNEL, context);
    expect(result).toEqual(FUNNEL_RESULT);
    expect(asked).toEqual({ funnel: [FUNNEL], retention: [] });
    expect(context.progress).toEqual([
      { percent: 5, note: 'Counting the funnel in PostgreSQL' },
      { percent: 100, note: 'Done in 2140 ms' },
    ]);
  });

  it('counts retention cohorts from the request inside the payload', async () => {
    const { engine, asked } = fakeEngine();
    const context = fakeJobContext();
    const result = await new RunJourneyJob(engine).run(RETENTION, context);
    expect(result).toEqual(RETENTION_RESULT);
    expect(asked).toEqual({ funnel: [], retention: [RETENTION.request] });
    expect(context.progress.map((p) => p.note)).toEqual(['Counting the cohorts in PostgreSQL', 'Done in 870 ms']);
  });

  it('gives the same answer when run again (a retry computes it afresh and changes nothing)', async () => {
    const { engine } = fakeEngine();
    const job = new RunJourneyJob(engine);
    expect(await job.run(RETENTION, fakeJobContext())).toEqual(await job.run(RETENTION, fakeJobContext()));
  });

  it('fails for good, with the engine wording, when the engine refuses the request', async () => {
    const { engine } = fakeEngine();
    const payload: RetentionJobPayload = {
      kind: 'retention',
      request: { ...RETENTION.request, breakdown: { by: 'segment', segmentIds: ['gone'] } },
    };
    const context = fakeJobContext();
    const run = new RunJourneyJob(engine).run(payload, context);
    await expect(run).rejects.toThrow(UnrecoverableError);
    await expect(run).rejects.toThrow('breakdown.segmentIds[0]: is not a segment');
    expect(context.progress.map((p) => p.percent)).toEqual([5]);
  });

  it('refuses a payload of another kind without asking the engine', async () => {
    const { engine, asked } = fakeEngine();
    const run = new RunJourneyJob(engine).run({ kind: 'cohorts' } as unknown as RunJourneyPayload, fakeJobContext());
    await expect(run).rejects.toThrow(UnrecoverableError);
    await expect(run).rejects.toThrow('run-journey needs kind "funnel" or "retention"; got "cohorts"');
    expect(asked).toEqual({ funnel: [], retention: [] });
  });
});
