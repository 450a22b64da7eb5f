import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { RecommenderTrainingService, type TrainRecommenderResult, type TuneRecommenderPayload } from '../recommender-training.service';
import { DEFAULT_TUNING_TRIALS } from '../training-params';

/**
 * Searches ALS's factors, alpha and regularisation and EASE's λ on a
 * validation split of the training data (trial and seconds budgets), keeps
 * the best of each by NDCG@10, chooses per direction, and trains them as a
 * new version; the search table is stored in the version's params.tuning.
 */
@JobHandler(JobName.TuneRecommender)
export class TuneRecommenderJob implements JobRunner<JobName.TuneRecommender> {
  constructor(private readonly training: RecommenderTrainingService) {}

  run(payload: TuneRecommenderPayload, context: JobContext): Promise<TrainRecommenderResult> {
    return this.training.run(payload, context, {
      trials: payload.trials ?? DEFAULT_TUNING_TRIALS,
      ...(payload.budgetSeconds !== undefined ? { seconds: payload.budgetSeconds } : {}),
    });
  }
}
