import type {
  DropOffSegmentRequest,
  FunnelRunRequest,
  FunnelRunResponse,
  RetentionRunRequest,
  RetentionRunResponse,
  SegmentDto,
} from '@crosslane/contracts';
import type { HttpClient } from './http-client';

/** Funnel and retention runs and the drop-off segment: calls beyond CRUD for the journeys screens. */
export interface JourneyMethods {
  runFunnel(request: FunnelRunRequest): Promise<{ data: FunnelRunResponse }>;
  runRetention(request: RetentionRunRequest): Promise<{ data: RetentionRunResponse }>;
  createDropOffSegment(request: DropOffSegmentRequest): Promise<{ data: SegmentDto }>;
}

export function createJourneyMethods(httpClient: HttpClient, url: (path: string) => string): JourneyMethods {
  const post = async <T>(path: string, body: unknown): Promise<{ data: T }> => ({
    data: (await httpClient(url(path), { method: 'POST', body: JSON.stringify(body) })).json as T,
  });
  return {
    runFunnel: (request) => post('/funnels/run', request),
    runRetention: (request) => post('/retention/run', request),
    createDropOffSegment: (request) => post('/funnels/drop-off-segment', request),
  };
}
