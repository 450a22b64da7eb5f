import { Module } from '@nestjs/common';
import { EventsController, ImportsController } from './imports.controller';
import { ImportsJobsModule } from './imports-jobs.module';
import { ImportsService } from './imports.service';

/** The import endpoints, for processes that serve the API. */
@Module({ imports: [ImportsJobsModule], controllers: [ImportsController, EventsController], providers: [ImportsService] })
export class ImportsHttpModule {}
