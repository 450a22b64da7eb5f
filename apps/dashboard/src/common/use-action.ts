import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';

/** The message of a failed request as the API words it, or react-admin's generic one when it has none. */
export const errorMessage = (error: unknown): string => (error as Error)?.message || 'ra.notification.http_error';

export interface ActionOptions<T> {
  /** What to tell the user when it worked; nothing when omitted. */
  success?: string | ((result: T) => string);
  successType?: 'info' | 'success' | 'warning';
  /** Reload the page's records afterwards (the default), or not when the action leaves the page. */
  refresh?: boolean;
  /** What to do with the result, e.g. open the job it queued. */
  then?: (result: T) => void;
  multiLine?: boolean;
}

/**
 * The flow every action button shares: one request at a time (`pending`),
 * then the success notice and a refresh, or the error as the API words it.
 * `run` resolves to whether the action succeeded.
 */
export function useAction() {
  const notify = useNotify();
  const refreshPage = useRefresh();
  const [pending, setPending] = useState(false);
  const run = async <T>(
    work: () => Promise<T>,
    { success, successType = 'info', refresh = true, then, multiLine }: ActionOptions<T> = {},
  ): Promise<boolean> => {
    setPending(true);
    try {
      const result = await work();
      const message = typeof success === 'function' ? success(result) : success;
      if (message) notify(message, { type: successType });
      then?.(result);
      if (refresh) refreshPage();
      return true;
    } catch (error) {
      notify(errorMessage(error), { type: 'error', ...(multiLine ? { multiLine } : {}) });
      return false;
    } finally {
      setPending(false);
    }
  };
  return { run, pending };
}
