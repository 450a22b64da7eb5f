import { Module } from '@nestjs/common';
import { ModelCacheService } from './model-cache.service';
import { RecommendationServingService } from './recommendation-serving.service';
import { ServingDataRepository } from './serving-data.repository';
import { RecommendationsController } from './recommendations.controller';
import { RecommenderModelsController } from './recommender-models.controller';
import { RecommendationsJobsModule } from './recommendations-jobs.module';

/** The registry and serving endpoints, with the per-process serving cache; loaded by processes that serve HTTP. */
@Module({
  imports: [RecommendationsJobsModule],
  controllers: [RecommenderModelsController, RecommendationsController],
  providers: [ServingDataRepository, ModelCacheService, RecommendationServingService],
})
export class RecommendationsHttpModule {}
