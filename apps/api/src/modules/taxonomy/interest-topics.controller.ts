import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { InterestTopicDto } from '@crosslane/contracts';
import { ALL_ROLES, AuthenticatedAccount, ClientIp, CurrentAccount, Roles } from '../../core/auth/auth.decorators';
import { parseListQuery, RawListQuery, setListHeaders } from '../../core/http/list-query';
import { CreateInterestTopicDto, UpdateInterestTopicDto } from './dto/interest-topic.dto';
import { InterestTaxonomyService, TOPIC_SORTABLE } from './interest-taxonomy.service';

type Reply = { header(n: string, v: string): unknown };

/** Everyone reads the taxonomy (it explains car interest); only admins change it, since a change moves every profile and segment. */
@ApiTags('interest-topics')
@ApiBearerAuth()
@Controller('interest-topics')
export class InterestTopicsController {
  constructor(private readonly taxonomy: InterestTaxonomyService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Topics of the interest taxonomy with their mapped categories and tags (simple-REST; filter {q})' })
  async list(@Query() raw: RawListQuery, @Res({ passthrough: true }) reply: Reply): Promise<InterestTopicDto[]> {
    const query = parseListQuery(raw, TOPIC_SORTABLE, ['name', 'asc'], { id: 'uuid', fields: { q: 'text' } });
    const { rows, total } = await this.taxonomy.list(query);
    setListHeaders(reply, 'interest-topics', query, total);
    return rows;
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One topic' })
  get(@Param('id') id: string): Promise<InterestTopicDto> {
    return this.taxonomy.get(id);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create a topic (audited); queues recompute-car-interest when the car vocabulary changes' })
  create(
    @Body() body: CreateInterestTopicDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<InterestTopicDto> {
    return this.taxonomy.create(body, actor, ip);
  }

  @Put(':id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Edit a topic (audited with before and after); queues recompute-car-interest when the car vocabulary changes' })
  update(
    @Param('id') id: string,
    @Body() body: UpdateInterestTopicDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<InterestTopicDto> {
    return this.taxonomy.update(id, body, actor, ip);
  }

  @Delete(':id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Delete a topic (audited); queues recompute-car-interest when the car vocabulary changes' })
  remove(@Param('id') id: string, @CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null): Promise<InterestTopicDto> {
    return this.taxonomy.remove(id, actor, ip);
  }
}
