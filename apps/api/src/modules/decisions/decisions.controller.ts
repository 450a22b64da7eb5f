import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, ClientIp, CurrentAccount, Roles } from '../../core/auth/auth.decorators';
import { isUuid } from '../../core/http/ids';
import { DecisionsService } from './decisions.service';
import { CampaignEconomicsDto, NextCampaignDraftDto, TrainUpliftModelDto } from './dto/decisions.dto';

const EDITORS = ['ADMIN', 'MANAGER'] as const;
const READERS = ['ADMIN', 'MANAGER', 'ANALYST'] as const;

const campaignId = (id: string): string => {
  if (!isUuid(id)) throw new BadRequestException({ message: 'id must be a UUID', fields: [{ field: 'id', message: 'id must be a UUID' }] });
  return id;
};

@ApiTags('decisions')
@ApiBearerAuth()
@Controller()
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Put('campaigns/:id/economics')
  @Roles(...EDITORS)
  @ApiOperation({ summary: "Set a campaign's costs and the value of a conversion (audited); negative figures -> 400 naming the field" })
  setEconomics(
    @Param('id') id: string,
    @Body() body: CampaignEconomicsDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ) {
    return this.decisions.setEconomics(campaignId(id), body, actor, ip);
  }

  @Get('campaigns/:id/decisions')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Segment effects, ROI and uplift models of a concluded campaign; 409 if not concluded or without control' })
  @ApiQuery({
    name: 'metric',
    required: false,
    description: "The yes/no metric to break down by segment (an imported test's; default its primary one)",
  })
  get(@Param('id') id: string, @Query('metric') metric?: string) {
    return this.decisions.decisions(campaignId(id), metric === undefined || metric === '' ? {} : { metric });
  }

  @Post('decisions/uplift-models')
  @Roles(...EDITORS)
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue the train-uplift-model job for a concluded live campaign (audited)' })
  trainUplift(@Body() body: TrainUpliftModelDto, @CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null) {
    return this.decisions.trainUpliftModel(body, actor, ip);
  }

  @Get('decisions/next-campaign')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Ranked segment x partner x offer candidates; refused ones carry their reason' })
  nextCampaign() {
    return this.decisions.nextCampaign();
  }

  @Post('decisions/next-campaign/drafts')
  @Roles(...EDITORS)
  @HttpCode(201)
  @ApiOperation({ summary: 'One click: a DRAFT campaign for a candidate, planner MDE filled; 409 naming the reason when refused' })
  createDraft(@Body() body: NextCampaignDraftDto, @CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null) {
    return this.decisions.createDraft(body, actor, ip);
  }
}
