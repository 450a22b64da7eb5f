import type { InteractionsPerDayPoint, OverviewDto } from '@crosslane/contracts';
import { useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { CrosslaneDataProvider } from '../dataProvider';

export interface HomeData {
  overview?: OverviewDto;
  points?: InteractionsPerDayPoint[];
  error?: string;
  loading: boolean;
}

/** Loads the overview and the chart series in parallel; reloads when `days` changes. */
export function useHomeData(days: number): HomeData {
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const [state, setState] = useState<HomeData>({ loading: true });

  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    Promise.all([dataProvider.getOverview(), dataProvider.getInteractionsPerDay(days)])
      .then(([overview, series]) => {
        if (live) setState({ overview: overview.data, points: series.data ?? [], loading: false });
      })
      .catch((error: unknown) => {
        if (live) setState({ loading: false, error: (error as Error)?.message || 'Could not load the overview' });
      });
    return () => {
      live = false;
    };
  }, [dataProvider, days]);

  return state;
}
