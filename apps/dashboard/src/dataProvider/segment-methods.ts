import type {
  JobRunDto,
  OverlapMatrixDto,
  SegmentInsightsDto,
  SegmentPartnerOverlapDto,
  SegmentPreviewResponse,
  SegmentSizePointDto,
} from '@crosslane/contracts';
import type { Identifier } from 'react-admin';
import type { HttpClient } from './http-client';

/** Profile and segment calls beyond CRUD: live preview, history, partner overlaps, insights, the overlap matrix. */
export interface SegmentMethods {
  previewSegment(rule: unknown, signal?: AbortSignal): Promise<{ data: SegmentPreviewResponse }>;
  getSegmentHistory(id: Identifier): Promise<{ data: SegmentSizePointDto[] }>;
  getSegmentPartners(id: Identifier): Promise<{ data: SegmentPartnerOverlapDto[] }>;
  getSegmentInsights(id: Identifier): Promise<{ data: SegmentInsightsDto }>;
  getSegmentOverlaps(): Promise<{ data: OverlapMatrixDto }>;
  computeProfiles(): Promise<{ data: JobRunDto }>;
  materialiseSegment(id: Identifier): Promise<{ data: { jobId: string } }>;
}

export function createSegmentMethods(httpClient: HttpClient, url: (path: string) => string): SegmentMethods {
  const send = async <T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<{ data: T }> => ({
    data: (await httpClient(url(path), { method, signal, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })).json as T,
  });
  const id = (value: Identifier) => encodeURIComponent(String(value));
  return {
    previewSegment: (rule, signal) => send('POST', '/segments/preview', { rule }, signal),
    getSegmentHistory: (segmentId) => send('GET', `/segments/${id(segmentId)}/history`),
    getSegmentPartners: (segmentId) => send('GET', `/segments/${id(segmentId)}/partners`),
    getSegmentInsights: (segmentId) => send('GET', `/segments/${id(segmentId)}/insights`),
    getSegmentOverlaps: () => send('GET', '/segments/overlaps'),
    computeProfiles: () => send('POST', '/profiles/compute', {}),
    materialiseSegment: (segmentId) => send('POST', `/segments/${id(segmentId)}/materialise`),
  };
}
