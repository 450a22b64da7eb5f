import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from './core/audit/audit.module';
import { AuthCoreModule } from './core/auth/auth.module';
import { CLOCK, fixedClock, systemClock } from './core/clock/clock';
import { APP_CONFIG, AppConfig, runsHttp, runsWorkers } from './core/config/app-config';
import { DatabaseModule } from './core/database/database.module';
import { IdentityModule } from './core/identity/identity.module';
import { QueueModule } from './core/queue/queue.module';
import { AccountsModule } from './modules/accounts/accounts.module';
import { AuditEventsModule } from './modules/audit-events/audit-events.module';
import { AuthModule } from './modules/auth/auth.module';
import { CampaignsJobsModule, CampaignsHttpModule } from './modules/campaigns/campaigns.module';
import { CatalogueModule } from './modules/catalogue/catalogue.module';
import { ConsentModule } from './modules/consent/consent.module';
import { DecisionsJobsModule, DecisionsHttpModule } from './modules/decisions/decisions.module';
import { DemoWorldModule } from './modules/demo-world/demo-world.module';
import { HealthModule } from './modules/health/health.module';
import { ImportsHttpModule } from './modules/imports/imports-http.module';
import { ImportsJobsModule } from './modules/imports/imports-jobs.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { MaintenanceModule } from './modules/maintenance/maintenance.module';
import { MemberRightsJobsModule, MemberRightsHttpModule } from './modules/member-rights/member-rights.module';
import { PartnersModule } from './modules/partners/partners.module';
import { SharingJobsModule } from './modules/sharing/sharing-jobs.module';
import { SharingHttpModule } from './modules/sharing/sharing-http.module';
import { StatsModule } from './modules/stats/stats.module';
import { ProfilesJobsModule, ProfilesHttpModule } from './modules/profiles/profiles.module';
import { RecommendationsHttpModule } from './modules/recommendations/recommendations-http.module';
import { RecommendationsJobsModule } from './modules/recommendations/recommendations-jobs.module';
import { SegmentsJobsModule, SegmentsHttpModule } from './modules/segments/segments.module';
import { JourneysJobsModule, JourneysHttpModule } from './modules/journeys/journeys.module';
import { TaxonomyModule } from './modules/taxonomy/taxonomy.module';
import { VoiceModule } from './modules/voice/voice.module';

/** Feature modules with HTTP controllers; loaded by processes that serve the API. */
const HTTP_FEATURES = [
  AuthModule,
  AccountsModule,
  JobsModule,
  AuditEventsModule,
  HealthModule,
  StatsModule,
  CatalogueModule,
  PartnersModule,
  SharingHttpModule,
  ProfilesHttpModule,
  SegmentsHttpModule,
  CampaignsHttpModule,
  ImportsHttpModule,
  RecommendationsHttpModule,
  ConsentModule,
  MemberRightsHttpModule,
  JourneysHttpModule,
  TaxonomyModule,
  VoiceModule,
  DecisionsHttpModule,
];

/**
 * One module tree for every role. Job handlers are always registered (the
 * API validates names against them); Worker instances and crons start only
 * where the role includes "worker".
 */
@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: config.pinnedNow ? fixedClock(config.pinnedNow) : systemClock },
      ],
      exports: [APP_CONFIG, CLOCK],
      imports: [
        DatabaseModule,
        AuditModule,
        IdentityModule,
        QueueModule,
        AuthCoreModule,
        DemoWorldModule,
        MaintenanceModule,
        ProfilesJobsModule,
        SegmentsJobsModule,
        CampaignsJobsModule,
        DecisionsJobsModule,
        SharingJobsModule,
        ImportsJobsModule,
        RecommendationsJobsModule,
        MemberRightsJobsModule,
        JourneysJobsModule,
        ...(runsHttp(config) ? HTTP_FEATURES : []),
        ...(runsWorkers(config) ? [ScheduleModule.forRoot()] : []),
      ],
    };
  }
}
