import { useEffect, useState } from 'react';

/** Loads one campaign figure (plan, analyses, chart) and reloads when `version` changes. */
export function useCampaignData<T>(
  load: (() => Promise<T>) | null,
  version: unknown = 0,
): { data: T | null; error: string | null; loading: boolean } {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  useEffect(() => {
    if (!load) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load()
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((error: Error) => live && setState({ data: null, error: error.message, loading: false }));
    return () => {
      live = false;
    };
    // `load` is a new closure on every render; `version` says when to load again.
  }, [version]);
  return state;
}
