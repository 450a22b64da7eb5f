import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { RecommenderTrainingService, type TrainRecommenderResult, type TuneRecommenderPayload } from '../recommender-training.service';

/**
 * Searches factors, alpha and regularisation on a validation split of the
 * training data, keeps the best by NDCG@10 and trains it as a new version;
 * the search table is stored in the version's params.tuning.
 */
@Injectable()
@JobHandler(JobName.TuneRecommender)
export class TuneRecommenderJob implements JobRunner<TuneRecommenderPayload, TrainRecommenderResult> {
  constructor(private readonly training: RecommenderTrainingService) {}

  run(payload: TuneRecommenderPayload, context: JobContext): Promise<TrainRecommenderResult> {
    return this.training.run(payload, context, payload.trials ?? 6);
  }
}
