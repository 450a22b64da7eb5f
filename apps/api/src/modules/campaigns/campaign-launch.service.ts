import { ConflictException, Injectable } from '@nestjs/common';
import type { CampaignDto, CampaignPlanDto } from '@crosslane/contracts';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { CampaignPlannerService } from './campaign-planner.service';
import { CampaignsService } from './campaigns.service';

export interface LaunchRequest {
  reason?: string;
  overrideReason?: string;
}

/**
 * Starting (or resuming) a campaign. A first launch, from DRAFT or
 * SCHEDULED, is planned again: an arm below a partner's minimum group size
 * or underpowered for the minimum effect blocks it (409, audited as DENIED)
 * unless an override reason is given (audited as an override). A launch
 * from any state but STOPPED then queues the sticky assignment of the
 * target segment.
 */
@Injectable()
export class CampaignLaunchService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly planner: CampaignPlannerService,
    private readonly jobs: JobQueueService,
    private readonly audit: AuditService,
  ) {}

  async launch(id: string, request: LaunchRequest, actor: AuthenticatedAccount, ip: string | null): Promise<CampaignDto> {
    const campaign = await this.campaigns.find(id);
    let detail: Record<string, unknown> = {};
    if (campaign.status === 'DRAFT' || campaign.status === 'SCHEDULED') {
      const plan = await this.planner.plan({
        targetSegmentId: campaign.targetSegmentId,
        partnerIds: campaign.partnerIds,
        primaryMetric: campaign.primaryMetric as CampaignPlanDto['primaryMetric'],
        minimumEffect: campaign.minimumEffect,
        variants: campaign.variants,
      });
      if (plan.blockers.length > 0 && !request.overrideReason) {
        await this.audit.record({
          action: 'campaign.launch',
          outcome: 'DENIED',
          actor,
          entityType: 'campaign',
          entityId: id,
          detail: { blockers: plan.blockers },
          ip,
        });
        throw new ConflictException({
          message: `Launch refused: ${plan.blockers.map((b) => b.message).join('; ')}. Fix the plan or launch with an overrideReason.`,
          fields: plan.blockers.map((b) => ({ field: `variants.${b.arm}`, message: b.message })),
        });
      }
      if (plan.blockers.length > 0) {
        detail = { override: true, overrideReason: request.overrideReason, blockers: plan.blockers };
        await this.audit.record({
          action: 'campaign.launch-override',
          outcome: 'SUCCESS',
          actor,
          entityType: 'campaign',
          entityId: id,
          detail,
          ip,
        });
      }
    }
    const launched = await this.campaigns.transition(id, 'RUNNING', actor, ip, request.reason, {
      overrideReason: detail.override ? request.overrideReason : undefined,
      detail,
    });
    if (campaign.status !== 'STOPPED')
      await this.jobs.enqueue(JobName.AssignCampaignSegment, { campaignId: id }, { requestedBy: actor.id });
    return launched;
  }
}
