import { Module } from '@nestjs/common';
import { SharingJobsModule } from '../sharing/sharing-jobs.module';
import { PartnersController } from './partners.controller';
import { PartnersService } from './partners.service';

@Module({ imports: [SharingJobsModule], controllers: [PartnersController], providers: [PartnersService], exports: [PartnersService] })
export class PartnersModule {}
