import type {
  ActivateModelRequest,
  JobRunDto,
  MemberHistoryDto,
  RecommendationsDto,
  RecommenderModelDto,
  TrainModelRequest,
} from '@crosslane/contracts';
import { createHttpClient, type HttpClient } from '../../dataProvider';
import { isManagerOrAdmin } from '../../common/permissions';

/** The recommender calls beyond list/show, on the same authenticated client as the data provider. */
export function createRecommenderApi(httpClient: HttpClient = createHttpClient(), apiUrl = '/api') {
  const post = async <T>(path: string, body: unknown): Promise<T> =>
    (await httpClient(`${apiUrl}${path}`, { method: 'POST', body: JSON.stringify(body) })).json as T;
  const get = async <T>(path: string): Promise<T> => (await httpClient(`${apiUrl}${path}`)).json as T;
  return {
    train: (body: TrainModelRequest) => post<JobRunDto>('/recommender/models', body),
    tune: (body: TrainModelRequest & { trials?: number }) => post<JobRunDto>('/recommender/models/tune', body),
    activate: (id: string, body: ActivateModelRequest) =>
      post<RecommenderModelDto>(`/recommender/models/${encodeURIComponent(id)}/activate`, body),
    retire: (id: string) => post<RecommenderModelDto>(`/recommender/models/${encodeURIComponent(id)}/retire`, {}),
    history: (memberKey: string) => get<MemberHistoryDto>(`/recommender/members/${encodeURIComponent(memberKey)}/history`),
    recommendations: (memberKey: string, domain: string, n = 10) =>
      get<RecommendationsDto>(`/recommender/members/${encodeURIComponent(memberKey)}/recommendations?n=${n}&domain=${domain}&explain=true`),
  };
}

export const canManageModels = isManagerOrAdmin;

/** Which buttons a version offers: activation needs READY or RETIRED, and an override reason when it loses to popularity. */
export function modelActions(model: Pick<RecommenderModelDto, 'status' | 'beatsBaseline'> | undefined) {
  if (!model) return { activate: false, needsOverride: false, retire: false };
  const activate = model.status === 'READY' || model.status === 'RETIRED';
  return {
    activate,
    needsOverride: activate && model.beatsBaseline !== true,
    retire: model.status === 'READY' || model.status === 'ACTIVE' || model.status === 'FAILED',
  };
}
