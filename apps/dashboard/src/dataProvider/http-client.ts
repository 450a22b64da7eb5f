import type { ApiErrorBody } from '@crosslane/contracts';
import { fetchUtils, HttpError } from 'react-admin';
import { SESSION_EXPIRED, SessionStore } from '../authProvider';

export const FORBIDDEN_MESSAGE = 'Your role cannot do this';

export type HttpClient = (
  url: string,
  options?: fetchUtils.Options,
) => Promise<{
  status: number;
  headers: Headers;
  body: string;
  // react-admin's own fetchJson types the parsed body as any; callers narrow it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}>;

/**
 * Turns the API's error body into what react-admin shows: `message` in the
 * notification, `fields` as errors under the matching form inputs (react-admin
 * reads `body.errors` on a failed save), and a plain sentence for a 403.
 */
export function toHttpError(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  const body = (error.body ?? {}) as Partial<ApiErrorBody> & { errors?: Record<string, unknown> };
  if (error.status === 403) return new HttpError(FORBIDDEN_MESSAGE, 403, body);
  if (Array.isArray(body.fields) && body.fields.length > 0) {
    const errors: Record<string, unknown> = {};
    for (const { field, message } of body.fields) {
      if (field && !(field in errors)) errors[field] = message;
    }
    errors.root = { serverError: body.message ?? 'Please correct the fields marked in red' };
    return new HttpError(body.message ?? error.message, error.status, { ...body, errors });
  }
  return error;
}

/**
 * `fetchUtils.fetchJson` with the bearer token. An expired token is not sent:
 * the call fails as a 401 at once, which signs the user out.
 */
export function createHttpClient(sessions: SessionStore = new SessionStore()): HttpClient {
  return async (url, options = {}) => {
    const session = sessions.read();
    if (session && sessions.isExpired(session)) {
      throw new HttpError(SESSION_EXPIRED, 401, { statusCode: 401, error: 'Unauthorized', message: SESSION_EXPIRED });
    }
    const headers = new Headers(options.headers ?? { Accept: 'application/json' });
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    try {
      return await fetchUtils.fetchJson(url, {
        ...options,
        headers,
        user: session ? { authenticated: true, token: `Bearer ${session.accessToken}` } : undefined,
      });
    } catch (error) {
      throw toHttpError(error);
    }
  };
}
