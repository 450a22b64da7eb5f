import { BadRequestException, Body, HttpCode, Param, Query } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { Actor, ALL_ROLES, EDITORS, RequestActor } from '../../core/auth/auth.decorators';
import { isUuid } from '../../core/http/ids';
import { GetRoute, PostRoute, PutRoute, SignedInController } from '../../core/http/route.decorators';
import { DecisionsService } from './decisions.service';
import { CampaignEconomicsDto, NextCampaignDraftDto, TrainUpliftModelDto } from './dto/decisions.dto';

const campaignId = (id: string): string => {
  if (!isUuid(id)) throw new BadRequestException({ message: 'id must be a UUID', fields: [{ field: 'id', message: 'id must be a UUID' }] });
  return id;
};

@SignedInController('/', 'decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @PutRoute(
    'campaigns/:id/economics',
    EDITORS,
    "Set a campaign's costs and the value of a conversion (audited); negative figures -> 400 naming the field",
  )
  setEconomics(@Param('id') id: string, @Body() body: CampaignEconomicsDto, @Actor() actor: RequestActor) {
    return this.decisions.setEconomics(campaignId(id), body, actor.account, actor.ip);
  }

  @GetRoute(
    'campaigns/:id/decisions',
    ALL_ROLES,
    'Segment effects, ROI and uplift models of a concluded campaign; 409 if not concluded or without control',
  )
  @ApiQuery({
    name: 'metric',
    required: false,
    description: "The yes/no metric to break down by segment (an imported test's; default its primary one)",
  })
  get(@Param('id') id: string, @Query('metric') metric?: string) {
    return this.decisions.decisions(campaignId(id), metric === undefined || metric === '' ? {} : { metric });
  }

  @PostRoute('decisions/uplift-models', EDITORS, 'Queue the train-uplift-model job for a concluded live campaign (audited)')
  @HttpCode(202)
  trainUplift(@Body() body: TrainUpliftModelDto, @Actor() actor: RequestActor) {
    return this.decisions.trainUpliftModel(body, actor.account, actor.ip);
  }

  @GetRoute('decisions/next-campaign', ALL_ROLES, 'Ranked segment x partner x offer candidates; refused ones carry their reason')
  nextCampaign() {
    return this.decisions.nextCampaign();
  }

  @PostRoute(
    'decisions/next-campaign/drafts',
    EDITORS,
    'One click: a DRAFT campaign for a candidate, planner MDE filled; 409 naming the reason when refused',
  )
  @HttpCode(201)
  createDraft(@Body() body: NextCampaignDraftDto, @Actor() actor: RequestActor) {
    return this.decisions.createDraft(body, actor.account, actor.ip);
  }
}
