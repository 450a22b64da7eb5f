import { Module } from '@nestjs/common';
import { SegmentsHttpModule } from '../segments/segments.module';
import { FunnelsController, RetentionController } from './funnels.controller';
import { FunnelsService } from './funnels.service';
import { RunJourneyJob } from './jobs/run-journey.job';
import { JourneysEngineService } from './journeys-engine.service';

/** The engine and the run-journey job: loaded in every role. */
@Module({ providers: [JourneysEngineService, RunJourneyJob], exports: [JourneysEngineService] })
export class JourneysJobsModule {}

@Module({
  imports: [JourneysJobsModule, SegmentsHttpModule],
  controllers: [FunnelsController, RetentionController],
  providers: [FunnelsService],
})
export class JourneysHttpModule {}
