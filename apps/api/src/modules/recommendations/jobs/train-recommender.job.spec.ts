import { describe, expect, it } from 'vitest';
import type { TrainingParams } from '@crosslane/contracts';
import { JobCancelledError } from '../../../core/queue/job-handler';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import type { TrainRecommenderPayload } from '../recommender-training.service';
import { DEFAULT_TRAINING_PARAMS } from '../training-params';
import { generatedInteractions, TRAINED_AT, trainingOver } from './recommender-jobs.fakes';
import { TrainRecommenderJob } from './train-recommender.job';

const WORLD = generatedInteractions(7);
const PARAMS: TrainingParams = { ...DEFAULT_TRAINING_PARAMS, algorithm: 'als', factors: 4, iterations: 4, seed: 3 };
const PAYLOAD: TrainRecommenderPayload = { name: 'ALL nightly', scope: 'ALL', params: PARAMS, maxInteractionId: '240', requestedBy: 'a1' };

describe('TrainRecommenderJob', () => {
  it('trains a READY version on the scope snapshot, stores its factors for every member and item, and audits it', async () => {
    const world = trainingOver({ ALL: WORLD });
    const context = fakeJobContext({ jobId: 'job-1' });
    const result = await new TrainRecommenderJob(world.service).run(PAYLOAD, context);

    expect(world.loads).toEqual([{ scope: 'ALL', maxInteractionId: 240n }]);
    expect(result).toEqual({
      modelId: 'model-1',
      version: 1,
      ndcg: expect.any(Number),
      baselineNdcg: expect.any(Number),
      activated: false,
    });
    // Two taste groups: the factor model finds them, popularity cannot.
    expect(result.ndcg!).toBeGreaterThan(result.baselineNdcg!);

    const [row] = world.rows;
    expect(row).toMatchObject({ jobId: 'job-1', name: 'ALL nightly', algorithm: 'implicit-als', status: 'READY', error: null });
    expect(row.createdAt).toEqual(TRAINED_AT);
    expect(row.createdBy).toBe('a1');
    expect(row.lossHistory).toHaveLength(PARAMS.iterations);
    expect(row.lossHistory.at(-1)!).toBeLessThan(row.lossHistory[0]);
    expect(row.outcome!.snapshot).toMatchObject({ members: 40, items: 24, maxInteractionId: WORLD.snapshot.maxInteractionId });
    expect(row.outcome!.metrics).toMatchObject({ algorithm: 'als', overall: { ndcg: result.ndcg } });

    const artifact = world.artifacts.get('model-1')!;
    expect(artifact.memberIds).toEqual(WORLD.memberIds);
    expect(artifact.itemIds).toEqual(WORLD.itemIds);
    expect(artifact.factors).toBe(4);
    expect(artifact.userFactors.byteLength).toBe(40 * 4 * 4);
    expect(artifact.itemFactors.byteLength).toBe(24 * 4 * 4);
    expect(artifact.easeWeights).toBeNull();

    expect(world.events).toEqual([
      expect.objectContaining({
        action: 'recommender.model.train',
        outcome: 'SUCCESS',
        actor: { id: 'a1' },
        entityType: 'recommender_model',
        entityId: 'model-1',
        detail: expect.objectContaining({ version: 1, scope: 'ALL', algorithm: 'als', jobId: 'job-1', ndcg: result.ndcg }),
      }),
    ]);
    expect(context.progress.at(-1)).toEqual({ percent: 95, note: 'Storing the model version' });
    expect(context.progress.map((p) => p.note)).toContain(
      `Iteration ${PARAMS.iterations} of ${PARAMS.iterations}, loss ${row.lossHistory.at(-1)!.toFixed(5)}`,
    );
  });

  it('a retried job reuses its own version row and stores the same model', async () => {
    const world = trainingOver({ ALL: WORLD });
    const job = new TrainRecommenderJob(world.service);
    const first = await job.run(PAYLOAD, fakeJobContext({ jobId: 'job-1' }));
    const firstFactors = Buffer.from(world.artifacts.get('model-1')!.userFactors);
    const retry = await job.run(PAYLOAD, fakeJobContext({ jobId: 'job-1', attempt: 2 }));

    expect(retry).toEqual(first);
    expect(world.rows).toHaveLength(1);
    expect(Buffer.from(world.artifacts.get('model-1')!.userFactors).equals(firstFactors)).toBe(true);
  });

  it('activates the version when asked to and it beats popularity', async () => {
    const world = trainingOver({ ALL: WORLD });
    const result = await new TrainRecommenderJob(world.service).run({ ...PAYLOAD, autoActivate: true }, fakeJobContext());
    expect(result.activated).toBe(true);
    expect(world.activated).toEqual(['model-1']);
  });

  it('refuses a scope without interactions, leaving the version FAILED with the reason and nothing stored', async () => {
    const world = trainingOver({ ALL: WORLD });
    const message = 'No data to train on in scope PARTNER: 0 members, 0 items with interactions (need at least 2 of each)';
    await expect(new TrainRecommenderJob(world.service).run({ ...PAYLOAD, scope: 'PARTNER' }, fakeJobContext())).rejects.toThrow(message);
    expect(world.rows[0]).toMatchObject({ status: 'FAILED', error: message });
    expect(world.artifacts.size).toBe(0);
    expect(world.events).toEqual([]);
  });

  it('stops when cancelled, leaving the version FAILED as cancelled and nothing stored', async () => {
    const world = trainingOver({ ALL: WORLD });
    await expect(new TrainRecommenderJob(world.service).run(PAYLOAD, fakeJobContext({ cancelAfterCheckpoints: 1 }))).rejects.toThrow(
      JobCancelledError,
    );
    expect(world.rows[0]).toMatchObject({ status: 'FAILED', error: 'Training cancelled' });
    expect(world.artifacts.size).toBe(0);
    expect(world.events).toEqual([]);
  });
});
