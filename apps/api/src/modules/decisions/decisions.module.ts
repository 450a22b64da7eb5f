import { Module } from '@nestjs/common';
import { CampaignsJobsModule } from '../campaigns/campaigns.module';
import { SharingJobsModule } from '../sharing/sharing-jobs.module';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { TrainUpliftModelJob } from './jobs/train-uplift-model.job';
import { UpliftTrainingRepository } from './uplift-training.repository';

/** The job of decisions: loaded in every role, so every process knows the handler. */
@Module({ providers: [TrainUpliftModelJob, UpliftTrainingRepository] })
export class DecisionsJobsModule {}

/** The HTTP side of decisions (issue #15): reads campaigns' results, never changes them, except costs and drafts. */
@Module({
  imports: [CampaignsJobsModule, SharingJobsModule],
  controllers: [DecisionsController],
  providers: [DecisionsService],
})
export class DecisionsHttpModule {}
