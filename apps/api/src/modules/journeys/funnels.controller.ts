import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FunnelRunResponse, RetentionRunResponse, SavedFunnelDto, SegmentDto } from '@crosslane/contracts';
import { ALL_ROLES, AuthenticatedAccount, ClientIp, CurrentAccount, Roles } from '../../core/auth/auth.decorators';
import { parseListQuery, RawListQuery, setListHeaders } from '../../core/http/list-query';
import { DropOffSegmentDto, RunFunnelDto, RunRetentionDto, SaveFunnelDto, UpdateFunnelDto } from './dto/journeys.dto';
import { FUNNEL_SORTABLE, FunnelsService } from './funnels.service';

// Every role analyses; analysts also save funnels and make segments from a drop-off, the work the journeys screens are for (docs/journeys.md).
@ApiTags('journeys')
@ApiBearerAuth()
@Controller('funnels')
export class FunnelsController {
  constructor(private readonly funnels: FunnelsService) {}

  @Post('run')
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Compute a funnel (live when small, else 200 with a job id); 400 names the step and field of each problem' })
  run(@Body() body: RunFunnelDto, @CurrentAccount() actor: AuthenticatedAccount): Promise<FunnelRunResponse> {
    return this.funnels.run(body, actor);
  }

  @Post('drop-off-segment')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Make a rule segment of the members who reached a step but not the next within the window' })
  dropOff(
    @Body() body: DropOffSegmentDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<SegmentDto> {
    return this.funnels.dropOffSegment(body, actor, ip);
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Saved funnels (simple-REST; filter {q})' })
  async list(
    @Query() raw: RawListQuery,
    @Res({ passthrough: true }) reply: { header(n: string, v: string): unknown },
  ): Promise<SavedFunnelDto[]> {
    const query = parseListQuery(raw, FUNNEL_SORTABLE, ['name', 'asc'], { id: 'uuid', fields: { q: 'text' } });
    const { rows, total } = await this.funnels.list(query);
    setListHeaders(reply, 'funnels', query, total);
    return rows;
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  get(@Param('id') id: string): Promise<SavedFunnelDto> {
    return this.funnels.get(id);
  }

  @Post()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Save a funnel (audited)' })
  create(
    @Body() body: SaveFunnelDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<SavedFunnelDto> {
    return this.funnels.create(body, actor, ip);
  }

  @Put(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Change a saved funnel (analysts: their own; audited)' })
  update(
    @Param('id') id: string,
    @Body() body: UpdateFunnelDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<SavedFunnelDto> {
    return this.funnels.update(id, body, actor, ip);
  }

  @Delete(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Delete a saved funnel (analysts: their own; audited)' })
  async remove(
    @Param('id') id: string,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<{ id: string }> {
    await this.funnels.remove(id, actor, ip);
    return { id };
  }
}

@ApiTags('journeys')
@ApiBearerAuth()
@Controller('retention')
export class RetentionController {
  constructor(private readonly funnels: FunnelsService) {}

  @Post('run')
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Retention cohorts (weekly or monthly, by first interaction, join date or first partner purchase)' })
  run(@Body() body: RunRetentionDto, @CurrentAccount() actor: AuthenticatedAccount): Promise<RetentionRunResponse> {
    return this.funnels.runRetention(body, actor);
  }
}
