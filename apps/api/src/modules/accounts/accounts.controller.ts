import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ROLES } from '@crosslane/contracts';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccountDto } from '@crosslane/contracts';
import { AuthenticatedAccount, ClientIp, CurrentAccount, Roles } from '../../core/auth/auth.decorators';
import { parseListQuery, RawListQuery, setListHeaders } from '../../core/http/list-query';
import { ACCOUNT_SORTABLE, AccountsService } from './accounts.service';
import { CreateAccountDto, UpdateAccountDto } from './dto/account.dto';

@ApiTags('accounts')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'List accounts (simple-REST: sort, range, filter {q, role, active})' })
  async list(
    @Query() raw: RawListQuery,
    @Res({ passthrough: true }) reply: { header(n: string, v: string): unknown },
  ): Promise<AccountDto[]> {
    const query = parseListQuery(raw, ACCOUNT_SORTABLE, ['email', 'asc'], {
      id: 'uuid',
      fields: { q: 'text', role: ROLES, active: 'boolean' },
    });
    const { rows, total } = await this.accounts.list(query);
    setListHeaders(reply, 'accounts', query, total);
    return rows;
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<AccountDto> {
    return this.accounts.get(id);
  }

  @Post()
  create(
    @Body() body: CreateAccountDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<AccountDto> {
    return this.accounts.create(body, actor, ip);
  }

  @Put(':id')
  update(
    @Param('id') id: string,
    @Body() body: UpdateAccountDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<AccountDto> {
    return this.accounts.update(id, body, actor, ip);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Deactivate an account (accounts are never deleted)' })
  deactivate(@Param('id') id: string, @CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null): Promise<AccountDto> {
    return this.accounts.deactivate(id, actor, ip);
  }
}
