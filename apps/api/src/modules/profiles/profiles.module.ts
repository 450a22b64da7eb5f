import { Module } from '@nestjs/common';
import { TaxonomyCoreModule } from '../taxonomy/taxonomy-core.module';
import { ComputeProfilesJob } from './jobs/compute-profiles.job';
import { RecomputeCarInterestJob } from './jobs/recompute-car-interest.job';
import { ModelFactorsService } from './model-factors.service';
import { ProfileComputationRepository } from './profile-computation.repository';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';

/** The profile job and the model-factor reader: loaded in every role (job handlers must be known everywhere). */
@Module({
  imports: [TaxonomyCoreModule],
  providers: [ComputeProfilesJob, RecomputeCarInterestJob, ModelFactorsService, ProfileComputationRepository],
  exports: [ModelFactorsService, ComputeProfilesJob],
})
export class ProfilesJobsModule {}

/** The profile explorer's HTTP side. */
@Module({ imports: [ProfilesJobsModule], controllers: [ProfilesController], providers: [ProfilesService] })
export class ProfilesHttpModule {}
