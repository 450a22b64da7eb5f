import { Module } from '@nestjs/common';
import { ErasureRepository } from './erasure.repository';
import { EraseMembersJob } from './jobs/erase-members.job';
import { MemberAccessService } from './member-access.service';
import { MemberRightsController } from './member-rights.controller';
import { MemberRightsService } from './member-rights.service';
import { ExportLinkService } from '../sharing/export-link.service';

/** Loaded in every role: the erase-members job (every process validates job names against their handlers). */
@Module({ providers: [ErasureRepository, EraseMembersJob] })
export class MemberRightsJobsModule {}

/** The HTTP side: erasure requests and access packages (docs/member-rights.md). */
@Module({
  imports: [MemberRightsJobsModule],
  controllers: [MemberRightsController],
  providers: [MemberRightsService, MemberAccessService, ExportLinkService],
})
export class MemberRightsHttpModule {}
