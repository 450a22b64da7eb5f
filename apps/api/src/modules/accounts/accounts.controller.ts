import { Body, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ROLES } from '@crosslane/contracts';
import { ApiOperation } from '@nestjs/swagger';
import type { AccountDto } from '@crosslane/contracts';
import { Actor, RequestActor } from '../../core/auth/auth.decorators';
import { SignedInController } from '../../core/http/route.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { ACCOUNT_SORTABLE, AccountsService } from './accounts.service';
import { CreateAccountDto, UpdateAccountDto } from './dto/account.dto';

const ACCOUNT_LIST: ListEndpoint = {
  resource: 'accounts',
  sortable: ACCOUNT_SORTABLE,
  defaultSort: ['email', 'asc'],
  filters: { id: 'uuid', fields: { q: 'text', role: ROLES, active: 'boolean' } },
};

@SignedInController('accounts', 'accounts', ['ADMIN'])
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'List accounts (simple-REST: sort, range, filter {q, role, active})' })
  list(@ListRequest(ACCOUNT_LIST) page: ListPage): Promise<AccountDto[]> {
    return page.answer(this.accounts.list(page.query));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<AccountDto> {
    return this.accounts.get(id);
  }

  @Post()
  create(@Body() body: CreateAccountDto, @Actor() actor: RequestActor): Promise<AccountDto> {
    return this.accounts.create(body, actor.account, actor.ip);
  }

  @Put(':id')
  update(@Param('id') id: string, @Body() body: UpdateAccountDto, @Actor() actor: RequestActor): Promise<AccountDto> {
    return this.accounts.update(id, body, actor.account, actor.ip);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Deactivate an account (accounts are never deleted)' })
  deactivate(@Param('id') id: string, @Actor() actor: RequestActor): Promise<AccountDto> {
    return this.accounts.deactivate(id, actor.account, actor.ip);
  }
}
