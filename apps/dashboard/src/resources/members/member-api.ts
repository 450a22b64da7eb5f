import type { ChangeConsentRequest, MemberConsentDto } from '@crosslane/contracts';
import { createHttpClient } from '../../dataProvider';

const API_URL = import.meta.env.VITE_API_URL ?? '/api';
const http = createHttpClient();

/** Member calls beyond CRUD: a change of one member's consent, recorded as made on this screen. */
export const memberApi = {
  changeConsent: async (memberId: string, change: Omit<ChangeConsentRequest, 'source'>): Promise<MemberConsentDto> =>
    (
      await http(`${API_URL}/members/${encodeURIComponent(memberId)}/consent`, {
        method: 'PATCH',
        body: JSON.stringify({ ...change, source: 'SCREEN' }),
      })
    ).json as MemberConsentDto,
};
