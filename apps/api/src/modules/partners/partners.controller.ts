import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PartnerDetailDto, PartnerMeasuresDto, PartnerPrivacyDto } from '@crosslane/contracts';
import { ALL_ROLES, AuthenticatedAccount, ClientIp, CurrentAccount, Roles } from '../../core/auth/auth.decorators';
import { parseListQuery, RawListQuery, setListHeaders } from '../../core/http/list-query';
import { PartnerAudienceService } from '../sharing/partner-audience.service';
import { CreatePartnerDto, SetScorecardDto, UpdatePartnerDto } from './dto/partner.dto';
import { PARTNER_SORTABLE, PartnersService, PARTNER_STATUSES } from './partners.service';

type Reply = { header(n: string, v: string): unknown };

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class PartnersController {
  constructor(
    private readonly partners: PartnersService,
    private readonly audience: PartnerAudienceService,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Partners with their scorecard total (simple-REST; filter {q, status, industry})' })
  async list(@Query() raw: RawListQuery, @Res({ passthrough: true }) reply: Reply): Promise<PartnerDetailDto[]> {
    const query = parseListQuery(raw, PARTNER_SORTABLE, ['name', 'asc'], {
      id: 'uuid',
      fields: { q: 'text', status: PARTNER_STATUSES, industry: 'text' },
    });
    const { rows, total } = await this.partners.list(query);
    setListHeaders(reply, 'partners', query, total);
    return rows;
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One partner with its scorecard' })
  get(@Param('id') id: string): Promise<PartnerDetailDto> {
    return this.partners.get(id);
  }

  @Get(':id/measures')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      'What the data measures: matched members (audience overlap), share of car-interested among them, reviews; counts through the disclosure gate',
  })
  async measures(@Param('id') id: string, @CurrentAccount() actor: AuthenticatedAccount): Promise<PartnerMeasuresDto> {
    await this.partners.get(id);
    return this.audience.measures(id, actor);
  }

  @Get(':id/privacy')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: "This month's privacy budget (used and left) and the releases the disclosure gate refused or withheld, with their rule",
  })
  async privacy(@Param('id') id: string): Promise<PartnerPrivacyDto> {
    await this.partners.get(id);
    return this.audience.privacy(id);
  }

  @Post()
  @Roles('ADMIN', 'MANAGER')
  @ApiOperation({ summary: 'Create a partner (audited)' })
  create(
    @Body() body: CreatePartnerDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<PartnerDetailDto> {
    return this.partners.create(body, actor, ip);
  }

  @Put(':id')
  @Roles('ADMIN', 'MANAGER')
  @ApiOperation({ summary: 'Edit a partner; the audit event lists each changed field from/to' })
  update(
    @Param('id') id: string,
    @Body() body: UpdatePartnerDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<PartnerDetailDto> {
    return this.partners.update(id, body, actor, ip);
  }

  @Delete(':id')
  @Roles('ADMIN', 'MANAGER')
  @ApiOperation({ summary: 'Archive a partner (status ARCHIVED; partners are never deleted)' })
  archive(
    @Param('id') id: string,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<PartnerDetailDto> {
    return this.partners.archive(id, actor, ip);
  }

  @Put(':id/scorecard')
  @Roles('ADMIN', 'MANAGER')
  @ApiOperation({ summary: 'Set the five criteria, each a score 0..5 and a weight; answers the partner with its weighted total' })
  setScorecard(
    @Param('id') id: string,
    @Body() body: SetScorecardDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<PartnerDetailDto> {
    return this.partners.setScorecard(id, body, actor, ip);
  }
}
