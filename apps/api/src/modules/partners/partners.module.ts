import { Module } from '@nestjs/common';
import { SharingJobsModule } from '../sharing/sharing-jobs.module';
import { PartnersController } from './partners.controller';
import { PartnersService } from './partners.service';

/** The partner records and their rules, without routes: loaded in every role, so the demo world's loader writes partners through them. */
@Module({ providers: [PartnersService], exports: [PartnersService] })
export class PartnersCoreModule {}

/** The HTTP half: the partner screens' routes. */
@Module({ imports: [PartnersCoreModule, SharingJobsModule], controllers: [PartnersController], exports: [PartnersCoreModule] })
export class PartnersModule {}
