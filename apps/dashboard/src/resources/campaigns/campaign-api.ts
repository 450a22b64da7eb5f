import type {
  CampaignAnalysisDto,
  CampaignDto,
  CampaignPlanDto,
  CumulativeConversionPoint,
  FinishedTestMappingDto,
  FinishedTestPreviewDto,
  FinishedTestUploadDto,
  JobRunDto,
} from '@crosslane/contracts';
import { createHttpClient } from '../../dataProvider';

const API_URL = import.meta.env.VITE_API_URL ?? '/api';
const http = createHttpClient();
const url = (path: string) => `${API_URL}/campaigns${path}`;
const post = async <T>(path: string, body: unknown = {}): Promise<T> =>
  (await http(url(path), { method: 'POST', body: JSON.stringify(body) })).json as T;
const get = async <T>(path: string): Promise<T> => (await http(url(path))).json as T;

/** The campaign calls beyond CRUD, with the same session and error handling as the data provider. */
export const campaignApi = {
  plan: (id: string) => get<CampaignPlanDto>(`/${encodeURIComponent(id)}/plan`),
  launch: (id: string, overrideReason?: string) =>
    post<CampaignDto>(`/${encodeURIComponent(id)}/launch`, overrideReason ? { overrideReason } : {}),
  transition: (id: string, verb: 'schedule' | 'stop' | 'conclude', reason?: string) =>
    post<CampaignDto>(`/${encodeURIComponent(id)}/${verb}`, reason ? { reason } : {}),
  analyse: (id: string, method: 'FIXED_HORIZON' | 'SEQUENTIAL') => post<JobRunDto>(`/${encodeURIComponent(id)}/analyses`, { method }),
  analyses: (id: string) => get<CampaignAnalysisDto[]>(`/${encodeURIComponent(id)}/analyses?range=${encodeURIComponent('[0,49]')}`),
  cumulative: (id: string) => get<CumulativeConversionPoint[]>(`/${encodeURIComponent(id)}/cumulative-conversions`),
  importHillstrom: () => post<JobRunDto>('/import/hillstrom'),
  /** The file goes as the raw body (CSV or JSON; the API tells them apart by the first character). */
  uploadFinishedTest: async (file: File) =>
    (
      await http(url('/import/uploads'), {
        method: 'POST',
        body: file,
        headers: new Headers({ 'Content-Type': 'text/csv', Accept: 'application/json' }),
      })
    ).json as FinishedTestUploadDto,
  previewFinishedTest: (uploadId: number, mapping: FinishedTestMappingDto) =>
    post<FinishedTestPreviewDto>('/import/preview', { uploadId, mapping }),
  importFinishedTest: (body: {
    uploadId: number;
    mapping: FinishedTestMappingDto;
    name: string;
    mode: 'all-or-nothing' | 'keep-good-rows';
  }) => post<JobRunDto>('/import', body),
};
