import { describe, expect, it } from 'vitest';
import type { RecommenderModelDto, TrainingParams } from '@crosslane/contracts';
import { JobCancelledError } from '../../../core/queue/job-handler';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import type { TuneRecommenderPayload } from '../recommender-training.service';
import { DEFAULT_TRAINING_PARAMS } from '../training-params';
import { generatedInteractions, trainingOver } from './recommender-jobs.fakes';
import { TuneRecommenderJob } from './tune-recommender.job';

const WORLD = generatedInteractions(11);
// No algorithm named: the tune job searches ALS and EASE and chooses per direction.
const PARAMS = { ...DEFAULT_TRAINING_PARAMS, algorithm: undefined, factors: 4, iterations: 3, seed: 5 } as TrainingParams;
const PAYLOAD: TuneRecommenderPayload = { name: 'tuned ALL', scope: 'ALL', params: PARAMS, maxInteractionId: '240', trials: 4 };

type StoredParams = TrainingParams & { tuning: NonNullable<RecommenderModelDto['params']['tuning']> };

describe('TuneRecommenderJob', () => {
  it('searches ALS and EASE within the trial budget and trains the best of each as a READY version with its search table', async () => {
    const world = trainingOver({ ALL: WORLD });
    const context = fakeJobContext({ jobId: 'job-t' });
    const result = await new TuneRecommenderJob(world.service).run(PAYLOAD, context);

    expect(result).toMatchObject({ modelId: 'model-1', version: 1, activated: false });
    const [row] = world.rows;
    expect(row).toMatchObject({ jobId: 'job-t', algorithm: 'implicit-als + ease (tuned)', status: 'READY' });

    const stored = row.outcome!.params as StoredParams;
    const { trials } = stored.tuning;
    const bestByAlgorithm = stored.tuning.bestByAlgorithm!;
    expect(trials.length).toBeGreaterThanOrEqual(2);
    expect(trials.length).toBeLessThanOrEqual(4);
    expect(new Set(trials.map((t) => t.algorithm))).toEqual(new Set(['als', 'ease']));
    // The version is trained with the winners of the search, not the parameters it was asked for.
    expect(stored).toMatchObject({
      factors: bestByAlgorithm.als!.factors,
      alpha: bestByAlgorithm.als!.alpha,
      regularization: bestByAlgorithm.als!.regularization,
      easeLambda: bestByAlgorithm.ease!.lambda,
    });
    expect(Math.max(...trials.map((t) => t.validationNdcg))).toBe(stored.tuning.best.validationNdcg);

    const artifact = world.artifacts.get('model-1')!;
    expect(artifact.factors).toBe(stored.factors);
    expect(artifact.easeWeights!.byteLength).toBe(24 * 24 * 4);
    expect(world.events.map((e) => [e.action, e.entityId])).toEqual([['recommender.model.tune', 'model-1']]);
    expect(context.progress.filter((p) => p.note?.startsWith('Tuning: trial 1 of 4 ('))).toHaveLength(1);
  });

  it('same payload and seed, same search and same chosen parameters', async () => {
    const runs = [];
    for (const jobId of ['job-a', 'job-b']) {
      const world = trainingOver({ ALL: WORLD });
      await new TuneRecommenderJob(world.service).run(PAYLOAD, fakeJobContext({ jobId }));
      const { tuning, ...chosen } = world.rows[0].outcome!.params as StoredParams;
      runs.push({ chosen, trials: tuning.trials.map(({ seconds: _seconds, ...trial }) => trial) });
    }
    expect(runs[1]).toEqual(runs[0]);
  });

  it('stops between trials when cancelled, leaving the version FAILED as cancelled and nothing stored', async () => {
    const world = trainingOver({ ALL: WORLD });
    // Checkpoint 1 follows the load; checkpoint 2 precedes the first trial.
    await expect(new TuneRecommenderJob(world.service).run(PAYLOAD, fakeJobContext({ cancelAfterCheckpoints: 1 }))).rejects.toThrow(
      JobCancelledError,
    );
    expect(world.rows[0]).toMatchObject({ status: 'FAILED', error: 'Training cancelled', params: PARAMS });
    expect(world.artifacts.size).toBe(0);
    expect(world.events).toEqual([]);
  });
});
