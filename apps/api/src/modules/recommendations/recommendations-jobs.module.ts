import { Module } from '@nestjs/common';
import { RetrainRecommenderCron } from './crons/retrain-recommender.cron';
import { TrainRecommenderJob } from './jobs/train-recommender.job';
import { TuneRecommenderJob } from './jobs/tune-recommender.job';
import { ModelRegistryService } from './model-registry.service';
import { ModelVersionRepository } from './model-version.repository';
import { RecommenderDataRepository } from './recommender-data.repository';
import { RecommenderTrainingService } from './recommender-training.service';

/**
 * Training jobs and the retraining cron: loaded in every role (job handlers
 * must exist everywhere; the cron fires only where ScheduleModule runs).
 */
@Module({
  providers: [
    RecommenderDataRepository,
    ModelVersionRepository,
    ModelRegistryService,
    RecommenderTrainingService,
    TrainRecommenderJob,
    TuneRecommenderJob,
    RetrainRecommenderCron,
  ],
  exports: [RecommenderDataRepository, ModelRegistryService],
})
export class RecommendationsJobsModule {}
