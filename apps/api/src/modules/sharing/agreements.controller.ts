import { Body, Param } from '@nestjs/common';
import {} from '@nestjs/swagger';
import type { SharingAgreementDto } from '@crosslane/contracts';
import { Actor, ALL_ROLES, RequestActor } from '../../core/auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { GetRoute, PostRoute, PutRoute, SignedInController } from '../../core/http/route.decorators';
import { AGREEMENT_SORTABLE, AgreementsService, AGREEMENT_STATUSES } from './agreements.service';
import { CreateAgreementDto, RevokeAgreementDto, UpdateAgreementDto } from './dto/sharing.dto';

const AGREEMENT_LIST: ListEndpoint = {
  resource: 'agreements',
  sortable: AGREEMENT_SORTABLE,
  defaultSort: ['createdAt', 'desc'],
  filters: { id: 'uuid', fields: { partnerId: 'uuid', status: AGREEMENT_STATUSES } },
};

@SignedInController('agreements', 'sharing')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @GetRoute('', ALL_ROLES, 'Sharing agreements, every version (simple-REST; filter {partnerId, status})')
  list(@ListRequest(AGREEMENT_LIST) page: ListPage): Promise<SharingAgreementDto[]> {
    return page.answer(this.agreements.list(page.query));
  }

  @GetRoute(':id', ALL_ROLES, 'One agreement version')
  get(@Param('id') id: string): Promise<SharingAgreementDto> {
    return this.agreements.get(id);
  }

  @PostRoute('', ['ADMIN'], 'Create an agreement: a new version that supersedes the active one (audited)')
  create(@Body() body: CreateAgreementDto, @Actor() actor: RequestActor): Promise<SharingAgreementDto> {
    return this.agreements.create(body, actor.account, actor.ip);
  }

  @PutRoute(':id', ['ADMIN'], 'Change the active agreement: writes version n+1 and supersedes this one; answers the new version')
  update(@Param('id') id: string, @Body() body: UpdateAgreementDto, @Actor() actor: RequestActor): Promise<SharingAgreementDto> {
    return this.agreements.update(id, body, actor.account, actor.ip);
  }

  @PostRoute(':id/revoke', ['ADMIN'], 'Revoke the active agreement: nothing more is shared with the partner until a new one')
  revoke(@Param('id') id: string, @Body() body: RevokeAgreementDto, @Actor() actor: RequestActor): Promise<SharingAgreementDto> {
    return this.agreements.revoke(id, body.reason, actor.account, actor.ip);
  }
}
