import type { MarketSignalSeriesDto, PartnerVoiceDto } from '@crosslane/contracts';
import type { Identifier } from 'react-admin';
import type { HttpClient } from './http-client';

/** Voice of the customer: a partner's reviews and the market signals (read-only). */
export interface VoiceMethods {
  getPartnerVoice(id: Identifier): Promise<{ data: PartnerVoiceDto }>;
  getMarketSignals(): Promise<{ data: MarketSignalSeriesDto[] }>;
}

export function createVoiceMethods(httpClient: HttpClient, url: (path: string) => string): VoiceMethods {
  return {
    getPartnerVoice: async (id) => ({
      data: (await httpClient(url(`/voice/partners/${encodeURIComponent(String(id))}`))).json as PartnerVoiceDto,
    }),
    getMarketSignals: async () => ({ data: (await httpClient(url('/voice/market-signals'))).json as MarketSignalSeriesDto[] }),
  };
}
