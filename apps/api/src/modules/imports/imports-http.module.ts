import { Module } from '@nestjs/common';
import { EventsController, ImportsController } from './imports.controller';
import { ImportsModule } from './imports.module';
import { ImportsService } from './imports.service';

/** The import endpoints, for processes that serve the API. */
@Module({ imports: [ImportsModule], controllers: [ImportsController, EventsController], providers: [ImportsService] })
export class ImportsHttpModule {}
