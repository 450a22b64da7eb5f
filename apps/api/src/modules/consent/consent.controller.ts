import { Body, Param } from '@nestjs/common';
import {} from '@nestjs/swagger';
import type { ConsentChangeDto, MemberConsentDto } from '@crosslane/contracts';
import { Actor, ALL_ROLES, EDITORS, RequestActor } from '../../core/auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { GetRoute, PatchRoute, SignedInController } from '../../core/http/route.decorators';
import { ConsentService } from './consent.service';
import { ChangeConsentDto } from './dto/change-consent.dto';

const HISTORY_LIST: ListEndpoint = {
  resource: 'consent-history',
  sortable: ['at'],
  defaultSort: ['at', 'desc'],
  filters: { id: null, fields: {} },
};

@SignedInController('members', 'members')
export class ConsentController {
  constructor(private readonly consent: ConsentService) {}

  @GetRoute(
    ':id/consent-history',
    ALL_ROLES,
    "A member's consent changes, newest first: flag, from (null when created), to, source (IMPORT with its job, SCREEN, API), actor, at",
  )
  history(@Param('id') id: string, @ListRequest(HISTORY_LIST) page: ListPage): Promise<ConsentChangeDto[]> {
    return page.answer(this.consent.history(id, page.query));
  }

  @PatchRoute(
    ':id/consent',
    EDITORS,
    "Change one member's consent: turning partner-sharing on needs ADMIN (403 otherwise, nothing written); turning any consent off is always allowed. Recorded in the history and audited",
  )
  change(@Param('id') id: string, @Body() body: ChangeConsentDto, @Actor() actor: RequestActor): Promise<MemberConsentDto> {
    return this.consent.change(id, body, actor.account, actor.ip);
  }
}
