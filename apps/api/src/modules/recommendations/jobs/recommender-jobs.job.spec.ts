import { describe, expect, it } from 'vitest';
import type { TrainingParams } from '@crosslane/contracts';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import type { RecommenderTrainingService, TrainRecommenderPayload, TuningBudget } from '../recommender-training.service';
import { DEFAULT_TUNING_TRIALS } from '../training-params';
import { TrainRecommenderJob } from './train-recommender.job';
import { TuneRecommenderJob } from './tune-recommender.job';

/** A training pipeline that keeps the versions it was asked for in memory, numbered as the registry numbers them. */
function fakeTraining() {
  const versions: { jobId: string; name: string; scope: string; tuning: TuningBudget | null }[] = [];
  const service = {
    run: async (payload: TrainRecommenderPayload, context: { jobId: string }, tuning?: TuningBudget) => {
      versions.push({ jobId: context.jobId, name: payload.name, scope: payload.scope, tuning: tuning ?? null });
      return { modelId: `model-${versions.length}`, version: versions.length, ndcg: 0.31, baselineNdcg: 0.2, activated: true };
    },
  };
  return { service: service as unknown as RecommenderTrainingService, versions };
}

const payload: TrainRecommenderPayload = {
  name: 'ALL model',
  scope: 'ALL',
  params: { factors: 32 } as TrainingParams,
  maxInteractionId: '1000',
};

describe('TrainRecommenderJob and TuneRecommenderJob', () => {
  it('train: one version of the payload, trained without a search, its result returned as is', async () => {
    const { service, versions } = fakeTraining();
    const result = await new TrainRecommenderJob(service).run(payload, fakeJobContext({ jobId: 'job-1' }));
    expect(result).toEqual({ modelId: 'model-1', version: 1, ndcg: 0.31, baselineNdcg: 0.2, activated: true });
    expect(versions).toEqual([{ jobId: 'job-1', name: 'ALL model', scope: 'ALL', tuning: null }]);
  });

  it('tune: searches within the trials and seconds the payload gives', async () => {
    const { service, versions } = fakeTraining();
    await new TuneRecommenderJob(service).run({ ...payload, trials: 12, budgetSeconds: 90 }, fakeJobContext({ jobId: 'job-2' }));
    expect(versions[0].tuning).toEqual({ trials: 12, seconds: 90 });
  });

  it('tune: without a seconds budget the search is bounded by trials alone', async () => {
    const { service, versions } = fakeTraining();
    await new TuneRecommenderJob(service).run({ ...payload, trials: DEFAULT_TUNING_TRIALS }, fakeJobContext());
    expect(versions[0].tuning).toEqual({ trials: DEFAULT_TUNING_TRIALS });
  });
});
