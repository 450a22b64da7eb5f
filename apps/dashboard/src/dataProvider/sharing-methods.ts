import type {
  ExportLinkDto,
  OverlapResultDto,
  PartnerDetailDto,
  PartnerMeasuresDto,
  PartnerPrivacyDto,
  PartnerScorecard,
  SharingAgreementDto,
} from '@crosslane/contracts';
import type { Identifier } from 'react-admin';
import type { HttpClient } from './http-client';

/** Governed sharing calls beyond CRUD: scorecard, measures, overlap, revocation, download links. */
export interface SharingMethods {
  getPartnerMeasures(id: Identifier): Promise<{ data: PartnerMeasuresDto }>;
  setPartnerScorecard(id: Identifier, scorecard: PartnerScorecard): Promise<{ data: PartnerDetailDto }>;
  getPartnerOverlap(id: Identifier, segmentId?: string): Promise<{ data: OverlapResultDto }>;
  getPartnerPrivacy(id: Identifier): Promise<{ data: PartnerPrivacyDto }>;
  revokeAgreement(id: Identifier, reason?: string): Promise<{ data: SharingAgreementDto }>;
  createExportLink(id: Identifier): Promise<{ data: ExportLinkDto }>;
}

export function createSharingMethods(httpClient: HttpClient, url: (path: string) => string): SharingMethods {
  const send = async <T>(method: string, path: string, body?: unknown): Promise<{ data: T }> => ({
    data: (await httpClient(url(path), { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })).json as T,
  });
  const id = (value: Identifier) => encodeURIComponent(String(value));
  return {
    getPartnerMeasures: (partnerId) => send('GET', `/partners/${id(partnerId)}/measures`),
    setPartnerScorecard: (partnerId, scorecard) => send('PUT', `/partners/${id(partnerId)}/scorecard`, scorecard),
    getPartnerOverlap: (partnerId, segmentId) => send('POST', `/partners/${id(partnerId)}/overlap`, segmentId ? { segmentId } : {}),
    getPartnerPrivacy: (partnerId) => send('GET', `/partners/${id(partnerId)}/privacy`),
    revokeAgreement: (agreementId, reason) => send('POST', `/agreements/${id(agreementId)}/revoke`, reason ? { reason } : {}),
    createExportLink: (exportId) => send('POST', `/exports/${id(exportId)}/link`, {}),
  };
}
