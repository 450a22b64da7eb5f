import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SharingAgreementDto } from '@crosslane/contracts';
import { ALL_ROLES, AuthenticatedAccount, ClientIp, CurrentAccount, Roles } from '../../core/auth/auth.decorators';
import { parseListQuery, RawListQuery, setListHeaders } from '../../core/http/list-query';
import { AGREEMENT_SORTABLE, AgreementsService, AGREEMENT_STATUSES } from './agreements.service';
import { CreateAgreementDto, RevokeAgreementDto, UpdateAgreementDto } from './dto/sharing.dto';

type Reply = { header(n: string, v: string): unknown };

@ApiTags('sharing')
@ApiBearerAuth()
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Sharing agreements, every version (simple-REST; filter {partnerId, status})' })
  async list(@Query() raw: RawListQuery, @Res({ passthrough: true }) reply: Reply): Promise<SharingAgreementDto[]> {
    const query = parseListQuery(raw, AGREEMENT_SORTABLE, ['createdAt', 'desc'], {
      id: 'uuid',
      fields: { partnerId: 'uuid', status: AGREEMENT_STATUSES },
    });
    const { rows, total } = await this.agreements.list(query);
    setListHeaders(reply, 'agreements', query, total);
    return rows;
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One agreement version' })
  get(@Param('id') id: string): Promise<SharingAgreementDto> {
    return this.agreements.get(id);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create an agreement: a new version that supersedes the active one (audited)' })
  create(
    @Body() body: CreateAgreementDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<SharingAgreementDto> {
    return this.agreements.create(body, actor, ip);
  }

  @Put(':id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Change the active agreement: writes version n+1 and supersedes this one; answers the new version' })
  update(
    @Param('id') id: string,
    @Body() body: UpdateAgreementDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<SharingAgreementDto> {
    return this.agreements.update(id, body, actor, ip);
  }

  @Post(':id/revoke')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Revoke the active agreement: nothing more is shared with the partner until a new one' })
  revoke(
    @Param('id') id: string,
    @Body() body: RevokeAgreementDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<SharingAgreementDto> {
    return this.agreements.revoke(id, body.reason, actor, ip);
  }
}
