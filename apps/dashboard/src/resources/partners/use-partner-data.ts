import type { PartnerDetailDto } from '@crosslane/contracts';
import { useEffect, useState } from 'react';
import { useDataProvider, useNotify, useRecordContext, type Identifier } from 'react-admin';
import type { CrosslaneDataProvider } from '../../dataProvider';

/**
 * What a panel of the partner page loads for the partner on screen
 * (measures, privacy): loaded again when the partner changes, a failure
 * notified, and an answer that comes back after the page moved on dropped.
 */
export function usePartnerData<T>(load: (dataProvider: CrosslaneDataProvider, partnerId: Identifier) => Promise<{ data: T }>) {
  const partner = useRecordContext<PartnerDetailDto>();
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const notify = useNotify();
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    if (!partner?.id) return;
    let live = true;
    load(dataProvider, partner.id).then(
      (answer) => live && setData(answer.data),
      (error: Error) => notify(error.message, { type: 'error' }),
    );
    return () => {
      live = false;
    };
    // `load` is a fixed call per panel; the partner and the provider are what change.
  }, [partner?.id, dataProvider, notify]);
  return { partner, dataProvider, notify, data };
}
