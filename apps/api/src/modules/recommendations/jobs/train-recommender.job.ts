import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { RecommenderTrainingService, type TrainRecommenderPayload, type TrainRecommenderResult } from '../recommender-training.service';

/** Trains one implicit-ALS version with the given parameters (see RecommenderTrainingService). */
@JobHandler(JobName.TrainRecommender)
export class TrainRecommenderJob implements JobRunner<JobName.TrainRecommender> {
  constructor(private readonly training: RecommenderTrainingService) {}

  run(payload: TrainRecommenderPayload, context: JobContext): Promise<TrainRecommenderResult> {
    return this.training.run(payload, context);
  }
}
