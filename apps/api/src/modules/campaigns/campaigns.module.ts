import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SharingJobsModule } from '../sharing/sharing-jobs.module';
import { CampaignAnalysisService } from './campaign-analysis.service';
import { CampaignAssignmentService } from './campaign-assignment.service';
import { CampaignEventsService } from './campaign-events.service';
import { CampaignPlannerService } from './campaign-planner.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignLaunchService } from './campaign-launch.service';
import { CampaignsService } from './campaigns.service';
import { AnalyseRunningCampaignsCron } from './crons/analyse-running-campaigns.cron';
import { CampaignUploadStore, registerCsvBodies } from './csv-upload';
import { AnalyseCampaignJob } from './jobs/analyse-campaign.job';
import { AssignCampaignSegmentJob } from './jobs/assign-campaign-segment.job';
import { ImportCampaignEventsJob } from './jobs/import-campaign-events.job';
import { ImportFinishedTestJob } from './jobs/import-finished-test.job';
import { FinishedTestImportService } from './finished-test-import.service';
import { SeedDemoCampaignJob } from './jobs/seed-demo-campaign.job';

/**
 * Jobs and the cron of campaigns: loaded in every role, so every process
 * knows the handlers (crons fire only where ScheduleModule runs).
 */
@Module({
  providers: [
    CampaignsService,
    CampaignAnalysisService,
    CampaignEventsService,
    CampaignUploadStore,
    AnalyseCampaignJob,
    AssignCampaignSegmentJob,
    ImportCampaignEventsJob,
    ImportFinishedTestJob,
    FinishedTestImportService,
    SeedDemoCampaignJob,
    AnalyseRunningCampaignsCron,
  ],
  exports: [CampaignsService, CampaignAnalysisService, CampaignEventsService, CampaignUploadStore, FinishedTestImportService],
})
export class CampaignsJobsModule {}

/** The HTTP side of campaigns. */
@Module({
  imports: [CampaignsJobsModule, SharingJobsModule],
  controllers: [CampaignsController],
  providers: [CampaignAssignmentService, CampaignPlannerService, CampaignLaunchService],
})
export class CampaignsHttpModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // CSV uploads arrive as text/csv bodies, streamed by the controller into a PostgreSQL large object (CampaignUploadStore).
    const instance = this.adapterHost.httpAdapter?.getInstance?.();
    if (instance && typeof instance.addContentTypeParser === 'function') registerCsvBodies(instance);
  }
}
