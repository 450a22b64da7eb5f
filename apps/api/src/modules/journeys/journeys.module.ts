import { Module } from '@nestjs/common';
import { SegmentsModule } from '../segments/segments.module';
import { FunnelsController, RetentionController } from './funnels.controller';
import { FunnelsService } from './funnels.service';
import { RunJourneyJob } from './jobs/run-journey.job';
import { JourneysEngineService } from './journeys-engine.service';

/** The engine and the run-journey job: loaded in every role. */
@Module({ providers: [JourneysEngineService, RunJourneyJob], exports: [JourneysEngineService] })
export class JourneysJobsModule {}

@Module({
  imports: [JourneysJobsModule, SegmentsModule],
  controllers: [FunnelsController, RetentionController],
  providers: [FunnelsService],
})
export class JourneysModule {}
