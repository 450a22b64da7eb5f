import { Body, Controller, Get, Param, Patch, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ConsentChangeDto, MemberConsentDto } from '@crosslane/contracts';
import { ALL_ROLES, AuthenticatedAccount, ClientIp, CurrentAccount, Roles } from '../../core/auth/auth.decorators';
import { parseListQuery, RawListQuery, setListHeaders } from '../../core/http/list-query';
import { ConsentService } from './consent.service';
import { ChangeConsentDto } from './dto/change-consent.dto';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class ConsentController {
  constructor(private readonly consent: ConsentService) {}

  @Get(':id/consent-history')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary:
      "A member's consent changes, newest first: flag, from (null when created), to, source (IMPORT with its job, SCREEN, API), actor, at",
  })
  async history(
    @Param('id') id: string,
    @Query() raw: RawListQuery,
    @Res({ passthrough: true }) reply: { header(n: string, v: string): unknown },
  ): Promise<ConsentChangeDto[]> {
    const query = parseListQuery(raw, ['at'], ['at', 'desc'], { id: null, fields: {} });
    const { rows, total } = await this.consent.history(id, query);
    setListHeaders(reply, 'consent-history', query, total);
    return rows;
  }

  @Patch(':id/consent')
  @Roles('ADMIN', 'MANAGER')
  @ApiOperation({
    summary:
      "Change one member's consent: turning partner-sharing on needs ADMIN (403 otherwise, nothing written); turning any consent off is always allowed. Recorded in the history and audited",
  })
  change(
    @Param('id') id: string,
    @Body() body: ChangeConsentDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<MemberConsentDto> {
    return this.consent.change(id, body, actor, ip);
  }
}
