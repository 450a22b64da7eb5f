import { Body, Param } from '@nestjs/common';
import {} from '@nestjs/swagger';
import type { InterestTopicDto } from '@crosslane/contracts';
import { Actor, ALL_ROLES, RequestActor } from '../../core/auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { DeleteRoute, GetRoute, PostRoute, PutRoute, SignedInController } from '../../core/http/route.decorators';
import { CreateInterestTopicDto, UpdateInterestTopicDto } from './dto/interest-topic.dto';
import { InterestTaxonomyService, TOPIC_SORTABLE } from './interest-taxonomy.service';

const TOPIC_LIST: ListEndpoint = {
  resource: 'interest-topics',
  sortable: TOPIC_SORTABLE,
  defaultSort: ['name', 'asc'],
  filters: { id: 'uuid', fields: { q: 'text' } },
};

/** Everyone reads the taxonomy (it explains car interest); only admins change it, since a change moves every profile and segment. */
@SignedInController('interest-topics', 'interest-topics')
export class InterestTopicsController {
  constructor(private readonly taxonomy: InterestTaxonomyService) {}

  @GetRoute('', ALL_ROLES, 'Topics of the interest taxonomy with their mapped categories and tags (simple-REST; filter {q})')
  list(@ListRequest(TOPIC_LIST) page: ListPage): Promise<InterestTopicDto[]> {
    return page.answer(this.taxonomy.list(page.query));
  }

  @GetRoute(':id', ALL_ROLES, 'One topic')
  get(@Param('id') id: string): Promise<InterestTopicDto> {
    return this.taxonomy.get(id);
  }

  @PostRoute('', ['ADMIN'], 'Create a topic (audited); queues recompute-car-interest when the car vocabulary changes')
  create(@Body() body: CreateInterestTopicDto, @Actor() actor: RequestActor): Promise<InterestTopicDto> {
    return this.taxonomy.create(body, actor.account, actor.ip);
  }

  @PutRoute(':id', ['ADMIN'], 'Edit a topic (audited with before and after); queues recompute-car-interest when the car vocabulary changes')
  update(@Param('id') id: string, @Body() body: UpdateInterestTopicDto, @Actor() actor: RequestActor): Promise<InterestTopicDto> {
    return this.taxonomy.update(id, body, actor.account, actor.ip);
  }

  @DeleteRoute(':id', ['ADMIN'], 'Delete a topic (audited); queues recompute-car-interest when the car vocabulary changes')
  remove(@Param('id') id: string, @Actor() actor: RequestActor): Promise<InterestTopicDto> {
    return this.taxonomy.remove(id, actor.account, actor.ip);
  }
}
