import { Module } from '@nestjs/common';
import { SharingCoreModule } from '../sharing/sharing-core.module';
import { PartnersController } from './partners.controller';
import { PartnersService } from './partners.service';

@Module({ imports: [SharingCoreModule], controllers: [PartnersController], providers: [PartnersService], exports: [PartnersService] })
export class PartnersModule {}
