import { Module } from '@nestjs/common';
import { EventsService } from './events.service';
import { ImportPool } from './import-pool.service';
import { ImportFileJob } from './jobs/import-file.job';
import { UploadStore } from './upload-store';

/** The import job and what it needs: loaded in every role (workers run it, the API validates its name). */
@Module({ providers: [ImportPool, UploadStore, ImportFileJob, EventsService], exports: [ImportPool, UploadStore, EventsService] })
export class ImportsJobsModule {}
