import { Module } from '@nestjs/common';
import { EventsService } from './events.service';
import { ImportPool } from './import-pool.service';
import { IdentityService } from '../../core/identity/identity.service';
import { ImportRunner } from './import-runner';
import { ImportFileJob, importRunnerFor } from './jobs/import-file.job';
import { UploadStore } from './upload-store';

/** The import job and what it needs: loaded in every role (workers run it, the API validates its name). */
@Module({
  providers: [
    ImportPool,
    UploadStore,
    { provide: ImportRunner, useFactory: importRunnerFor, inject: [ImportPool, IdentityService] },
    ImportFileJob,
    EventsService,
  ],
  exports: [ImportPool, UploadStore, EventsService],
})
export class ImportsJobsModule {}
