import { Body, Param } from '@nestjs/common';
import {} from '@nestjs/swagger';
import type { PartnerDetailDto, PartnerMeasuresDto, PartnerPrivacyDto } from '@crosslane/contracts';
import { Actor, ALL_ROLES, AuthenticatedAccount, CurrentAccount, EDITORS, RequestActor } from '../../core/auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { DeleteRoute, GetRoute, PostRoute, PutRoute, SignedInController } from '../../core/http/route.decorators';
import { PartnerAudienceService } from '../sharing/partner-audience.service';
import { CreatePartnerDto, SetScorecardDto, UpdatePartnerDto } from './dto/partner.dto';
import { PARTNER_SORTABLE, PartnersService, PARTNER_STATUSES } from './partners.service';

const PARTNER_LIST: ListEndpoint = {
  resource: 'partners',
  sortable: PARTNER_SORTABLE,
  defaultSort: ['name', 'asc'],
  filters: { id: 'uuid', fields: { q: 'text', status: PARTNER_STATUSES, industry: 'text' } },
};

@SignedInController('partners', 'partners')
export class PartnersController {
  constructor(
    private readonly partners: PartnersService,
    private readonly audience: PartnerAudienceService,
  ) {}

  @GetRoute('', ALL_ROLES, 'Partners with their scorecard total (simple-REST; filter {q, status, industry})')
  list(@ListRequest(PARTNER_LIST) page: ListPage): Promise<PartnerDetailDto[]> {
    return page.answer(this.partners.list(page.query));
  }

  @GetRoute(':id', ALL_ROLES, 'One partner with its scorecard')
  get(@Param('id') id: string): Promise<PartnerDetailDto> {
    return this.partners.get(id);
  }

  @GetRoute(
    ':id/measures',
    ALL_ROLES,
    'What the data measures: matched members (audience overlap), share of car-interested among them, reviews; counts through the disclosure gate',
  )
  async measures(@Param('id') id: string, @CurrentAccount() actor: AuthenticatedAccount): Promise<PartnerMeasuresDto> {
    await this.partners.get(id);
    return this.audience.measures(id, actor);
  }

  @GetRoute(
    ':id/privacy',
    ALL_ROLES,
    "This month's privacy budget (used and left) and the releases the disclosure gate refused or withheld, with their rule",
  )
  async privacy(@Param('id') id: string): Promise<PartnerPrivacyDto> {
    await this.partners.get(id);
    return this.audience.privacy(id);
  }

  @PostRoute('', EDITORS, 'Create a partner (audited)')
  create(@Body() body: CreatePartnerDto, @Actor() actor: RequestActor): Promise<PartnerDetailDto> {
    return this.partners.create(body, actor.account, actor.ip);
  }

  @PutRoute(':id', EDITORS, 'Edit a partner; the audit event lists each changed field from/to')
  update(@Param('id') id: string, @Body() body: UpdatePartnerDto, @Actor() actor: RequestActor): Promise<PartnerDetailDto> {
    return this.partners.update(id, body, actor.account, actor.ip);
  }

  @DeleteRoute(':id', EDITORS, 'Archive a partner (status ARCHIVED; partners are never deleted)')
  archive(@Param('id') id: string, @Actor() actor: RequestActor): Promise<PartnerDetailDto> {
    return this.partners.archive(id, actor.account, actor.ip);
  }

  @PutRoute(':id/scorecard', EDITORS, 'Set the five criteria, each a score 0..5 and a weight; answers the partner with its weighted total')
  setScorecard(@Param('id') id: string, @Body() body: SetScorecardDto, @Actor() actor: RequestActor): Promise<PartnerDetailDto> {
    return this.partners.setScorecard(id, body, actor.account, actor.ip);
  }
}
