import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { MODEL_STATUSES } from '../recommendations/model-registry.service';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JobRunDto, RecommenderModelDto, RecommenderSettingsDto } from '@crosslane/contracts';
import { ALL_ROLES, AuthenticatedAccount, ClientIp, CurrentAccount, Roles } from '../../core/auth/auth.decorators';
import { parseListQuery, RawListQuery, setListHeaders } from '../../core/http/list-query';
import { ActivateModelDto, RecommenderSettingsInputDto, RollbackDto, TrainModelDto, TuneModelDto } from './dto/recommender.dto';
import { ModelCacheService } from './model-cache.service';
import { MODEL_SORTABLE, ModelRegistryService } from './model-registry.service';

type Reply = { header(name: string, value: string): unknown };

@ApiTags('recommender')
@ApiBearerAuth()
@Controller('recommender')
export class RecommenderModelsController {
  constructor(
    private readonly registry: ModelRegistryService,
    private readonly cache: ModelCacheService,
  ) {}

  /** This process serves the new version at once; the others see it within STAMP_CHECK_MS. */
  private async thenReload<T>(change: Promise<T>): Promise<T> {
    const result = await change;
    this.cache.invalidate();
    return result;
  }

  @Get('models')
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: 'Model versions (simple-REST: sort, range, filter {status, scope}) with metrics beside the popularity baseline',
  })
  async list(@Query() raw: RawListQuery, @Res({ passthrough: true }) reply: Reply): Promise<RecommenderModelDto[]> {
    const query = parseListQuery(raw, MODEL_SORTABLE, ['version', 'desc'], {
      id: 'uuid',
      fields: { status: MODEL_STATUSES, scope: 'text' },
    });
    const { rows, total } = await this.registry.list(query);
    setListHeaders(reply, 'models', query, total);
    return rows;
  }

  @Get('models/:id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One model version, with its loss per iteration (live while it trains)' })
  get(@Param('id') id: string): Promise<RecommenderModelDto> {
    return this.registry.get(id);
  }

  @Post('models')
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({ summary: 'Queue a training job (train-recommender); answers the job' })
  train(@Body() body: TrainModelDto, @CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null): Promise<JobRunDto> {
    return this.registry.enqueueTraining(body, actor, ip, false);
  }

  @Post('models/tune')
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({
    summary: 'Queue a tuning job (tune-recommender): grid sample on a validation split, best by NDCG@10 trained as a new version',
  })
  tune(@Body() body: TuneModelDto, @CurrentAccount() actor: AuthenticatedAccount, @ClientIp() ip: string | null): Promise<JobRunDto> {
    return this.registry.enqueueTraining(body, actor, ip, true);
  }

  @Post('models/rollback')
  @HttpCode(200)
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({ summary: "Activate the scope's previously active version; the current one becomes READY" })
  rollback(
    @Body() body: RollbackDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<RecommenderModelDto> {
    const { scope, ...input } = body;
    return this.thenReload(this.registry.rollback(scope, input, actor, ip));
  }

  @Post('models/:id/activate')
  @HttpCode(200)
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({
    summary: 'Activate a READY or RETIRED version (one ACTIVE per scope); one that loses to popularity needs {override: true, reason}',
  })
  activate(
    @Param('id') id: string,
    @Body() body: ActivateModelDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<RecommenderModelDto> {
    return this.thenReload(this.registry.activate(id, body, actor, ip));
  }

  @Post('models/:id/retire')
  @HttpCode(200)
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({ summary: 'Retire a version (an ACTIVE one leaves its scope to the popularity fallback)' })
  retire(
    @Param('id') id: string,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<RecommenderModelDto> {
    return this.thenReload(this.registry.retire(id, actor, ip));
  }

  @Get('settings')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'The retraining cadence' })
  settings(): Promise<RecommenderSettingsDto> {
    return this.registry.settings();
  }

  @Put('settings')
  @Roles('ADMIN')
  @ApiOperation({
    summary:
      'Set the retraining cadence (off, daily, weekly), its scope and whether scheduled versions that beat popularity activate themselves',
  })
  updateSettings(
    @Body() body: RecommenderSettingsInputDto,
    @CurrentAccount() actor: AuthenticatedAccount,
    @ClientIp() ip: string | null,
  ): Promise<RecommenderSettingsDto> {
    return this.registry.updateSettings(body, actor, ip);
  }
}
