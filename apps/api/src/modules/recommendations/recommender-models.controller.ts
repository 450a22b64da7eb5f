import { Body, HttpCode, Param } from '@nestjs/common';
import { MODEL_STATUSES } from '../recommendations/model-registry.service';
import {} from '@nestjs/swagger';
import type { JobRunDto, RecommenderModelDto, RecommenderSettingsDto, Role } from '@crosslane/contracts';
import { Actor, ALL_ROLES, RequestActor } from '../../core/auth/auth.decorators';
import { ListEndpoint, ListPage, ListRequest } from '../../core/http/list-query';
import { GetRoute, PostRoute, PutRoute, SignedInController } from '../../core/http/route.decorators';
import { ActivateModelDto, RecommenderSettingsInputDto, RollbackDto, TrainModelDto, TuneModelDto } from './dto/recommender.dto';
import { ModelCacheService } from './model-cache.service';
import { MODEL_SORTABLE, ModelRegistryService } from './model-registry.service';

/** Who trains and switches model versions (in this order in the 403 message). */
const MODEL_EDITORS: readonly Role[] = ['MANAGER', 'ADMIN'];

const MODEL_LIST: ListEndpoint = {
  resource: 'models',
  sortable: MODEL_SORTABLE,
  defaultSort: ['version', 'desc'],
  filters: { id: 'uuid', fields: { status: MODEL_STATUSES, scope: 'text' } },
};

@SignedInController('recommender', 'recommender')
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

  @GetRoute(
    'models',
    ALL_ROLES,
    'Model versions (simple-REST: sort, range, filter {status, scope}) with metrics beside the popularity baseline',
  )
  list(@ListRequest(MODEL_LIST) page: ListPage): Promise<RecommenderModelDto[]> {
    return page.answer(this.registry.list(page.query));
  }

  @GetRoute('models/:id', ALL_ROLES, 'One model version, with its loss per iteration (live while it trains)')
  get(@Param('id') id: string): Promise<RecommenderModelDto> {
    return this.registry.get(id);
  }

  @PostRoute('models', MODEL_EDITORS, 'Queue a training job (train-recommender); answers the job')
  train(@Body() body: TrainModelDto, @Actor() actor: RequestActor): Promise<JobRunDto> {
    return this.registry.enqueueTraining(body, actor.account, actor.ip, false);
  }

  @PostRoute(
    'models/tune',
    MODEL_EDITORS,
    'Queue a tuning job (tune-recommender): grid sample on a validation split, best by NDCG@10 trained as a new version',
  )
  tune(@Body() body: TuneModelDto, @Actor() actor: RequestActor): Promise<JobRunDto> {
    return this.registry.enqueueTraining(body, actor.account, actor.ip, true);
  }

  @PostRoute('models/rollback', MODEL_EDITORS, "Activate the scope's previously active version; the current one becomes READY")
  @HttpCode(200)
  rollback(@Body() body: RollbackDto, @Actor() actor: RequestActor): Promise<RecommenderModelDto> {
    const { scope, ...input } = body;
    return this.thenReload(this.registry.rollback(scope, input, actor.account, actor.ip));
  }

  @PostRoute(
    'models/:id/activate',
    MODEL_EDITORS,
    'Activate a READY or RETIRED version (one ACTIVE per scope); one that loses to popularity needs {override: true, reason}',
  )
  @HttpCode(200)
  activate(@Param('id') id: string, @Body() body: ActivateModelDto, @Actor() actor: RequestActor): Promise<RecommenderModelDto> {
    return this.thenReload(this.registry.activate(id, body, actor.account, actor.ip));
  }

  @PostRoute('models/:id/retire', MODEL_EDITORS, 'Retire a version (an ACTIVE one leaves its scope to the popularity fallback)')
  @HttpCode(200)
  retire(@Param('id') id: string, @Actor() actor: RequestActor): Promise<RecommenderModelDto> {
    return this.thenReload(this.registry.retire(id, actor.account, actor.ip));
  }

  @GetRoute('settings', ALL_ROLES, 'The retraining cadence')
  settings(): Promise<RecommenderSettingsDto> {
    return this.registry.settings();
  }

  @PutRoute(
    'settings',
    ['ADMIN'],
    'Set the retraining cadence (off, daily, weekly), its scope and whether scheduled versions that beat popularity activate themselves',
  )
  updateSettings(@Body() body: RecommenderSettingsInputDto, @Actor() actor: RequestActor): Promise<RecommenderSettingsDto> {
    return this.registry.updateSettings(body, actor.account, actor.ip);
  }
}
