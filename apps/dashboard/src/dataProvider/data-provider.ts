import type { InteractionsPerDayPoint, JobRunDto, OverviewDto } from '@crosslane/contracts';
import type { DataProvider, Identifier } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { createHttpClient, type HttpClient } from './http-client';
import { createSharingMethods, type SharingMethods } from './sharing-methods';
import { createSegmentMethods, type SegmentMethods } from './segment-methods';
import { createJourneyMethods, type JourneyMethods } from './journey-methods';
import { createVoiceMethods, type VoiceMethods } from './voice-methods';
import { createMemberRightsMethods, type MemberRightsMethods } from './member-rights-methods';

/** The calls beyond CRUD. Each answers `{ data }`, as react-admin's own methods do. */
export interface CrosslaneMethods extends SharingMethods, SegmentMethods, JourneyMethods, VoiceMethods, MemberRightsMethods {
  retryJob(id: Identifier): Promise<{ data: JobRunDto }>;
  cancelJob(id: Identifier): Promise<{ data: JobRunDto }>;
  getOverview(): Promise<{ data: OverviewDto }>;
  getInteractionsPerDay(days: number): Promise<{ data: InteractionsPerDayPoint[] }>;
}

export type CrosslaneDataProvider = DataProvider & CrosslaneMethods;

export interface DataProviderOptions {
  apiUrl?: string;
  httpClient?: HttpClient;
}

/**
 * ra-data-simple-rest against `/api`, plus the custom calls. `getMany` asks
 * for each record by id (deduplicated) instead of `?filter={"id":[...]}`, so a
 * resource works in reference fields as soon as it has `GET /:id`.
 */
export function createDataProvider({ apiUrl = '/api', httpClient = createHttpClient() }: DataProviderOptions = {}): CrosslaneDataProvider {
  const rest = simpleRestProvider(apiUrl, httpClient);
  const url = (path: string) => `${apiUrl}${path}`;
  const post = (path: string) => httpClient(url(path), { method: 'POST', body: '{}' });

  return {
    ...rest,
    ...createSharingMethods(httpClient, url),
    ...createSegmentMethods(httpClient, url),
    ...createJourneyMethods(httpClient, url),
    ...createVoiceMethods(httpClient, url),
    ...createMemberRightsMethods(httpClient, url),
    getMany: async (resource, params) => {
      const ids = [...new Set(params.ids)];
      const records = await Promise.all(ids.map((id) => rest.getOne(resource, { id, signal: params.signal })));
      return { data: records.map((r) => r.data) };
    },
    retryJob: async (id) => ({ data: (await post(`/jobs/${encodeURIComponent(id)}/retry`)).json as JobRunDto }),
    cancelJob: async (id) => ({ data: (await post(`/jobs/${encodeURIComponent(id)}/cancel`)).json as JobRunDto }),
    getOverview: async () => ({ data: (await httpClient(url('/stats/overview'))).json as OverviewDto }),
    getInteractionsPerDay: async (days) => ({
      data: (await httpClient(url(`/stats/interactions-per-day?days=${encodeURIComponent(days)}`))).json as InteractionsPerDayPoint[],
    }),
  };
}
