import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SharingJobsModule } from '../sharing/sharing-jobs.module';
import { CampaignAnalysisService } from './campaign-analysis.service';
import { CampaignAssignmentService } from './campaign-assignment.service';
import { CampaignEventImportRepository } from './campaign-event-import.repository';
import { CampaignEventsService } from './campaign-events.service';
import { CampaignPlannerService } from './campaign-planner.service';
import { CampaignsController } from './campaigns.controller';
import { DemoCampaignRepository } from './demo-campaign.repository';
import { CampaignLaunchService } from './campaign-launch.service';
import { CampaignsService } from './campaigns.service';
import { AnalyseRunningCampaignsCron } from './crons/analyse-running-campaigns.cron';
import { registerCsvBodies } from './csv-upload';
import { ImportsJobsModule } from '../imports/imports-jobs.module';
import { AnalyseCampaignJob } from './jobs/analyse-campaign.job';
import { AssignCampaignSegmentJob } from './jobs/assign-campaign-segment.job';
import { ImportCampaignEventsJob } from './jobs/import-campaign-events.job';
import { ImportFinishedTestJob } from './jobs/import-finished-test.job';
import { FinishedTestImportRepository } from './finished-test-import.repository';
import { FinishedTestImportService } from './finished-test-import.service';
import { SeedDemoCampaignJob } from './jobs/seed-demo-campaign.job';
import { SegmentAssignmentRepository } from './segment-assignment.repository';

/**
 * Jobs and the cron of campaigns: loaded in every role, so every process
 * knows the handlers (crons fire only where ScheduleModule runs).
 */
@Module({
  // The one upload store (UploadStore) comes from the imports module.
  imports: [ImportsJobsModule],
  providers: [
    CampaignsService,
    CampaignAnalysisService,
    CampaignEventsService,
    AnalyseCampaignJob,
    AssignCampaignSegmentJob,
    SegmentAssignmentRepository,
    ImportCampaignEventsJob,
    CampaignEventImportRepository,
    ImportFinishedTestJob,
    FinishedTestImportService,
    FinishedTestImportRepository,
    SeedDemoCampaignJob,
    DemoCampaignRepository,
    AnalyseRunningCampaignsCron,
  ],
  exports: [CampaignsService, CampaignAnalysisService, CampaignEventsService, FinishedTestImportService],
})
export class CampaignsJobsModule {}

/** The HTTP side of campaigns. */
@Module({
  imports: [CampaignsJobsModule, SharingJobsModule, ImportsJobsModule],
  controllers: [CampaignsController],
  providers: [CampaignAssignmentService, CampaignPlannerService, CampaignLaunchService],
})
export class CampaignsHttpModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // CSV uploads arrive as text/csv bodies, streamed by the controller into PostgreSQL large objects (UploadStore).
    const instance = this.adapterHost.httpAdapter?.getInstance?.();
    if (instance && typeof instance.addContentTypeParser === 'function') registerCsvBodies(instance);
  }
}
