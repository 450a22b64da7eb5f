import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionStore } from '../authProvider';
import { createDataProvider } from './data-provider';
import { createHttpClient, FORBIDDEN_MESSAGE } from './http-client';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const account = { id: 'a1', email: 'ann@crosslane.test', displayName: null, role: 'ANALYST' as const };

type Call = { url: string; init: RequestInit };

function setup(respond: (url: string) => Response, now = () => NOW) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      calls.push({ url: String(input), init });
      return respond(String(input));
    }),
  );
  const sessions = new SessionStore(localStorage, now);
  sessions.save('tok-123', 3600, account);
  const dp = createDataProvider({ apiUrl: '/api', httpClient: createHttpClient(sessions) });
  const header = (i: number, name: string) => new Headers(calls[i].init.headers).get(name);
  return { dp, calls, header };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('dataProvider', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('sends the bearer token and reads the total from Content-Range', async () => {
    const { dp, calls, header } = setup(() => json(200, [{ id: 'j1', status: 'RUNNING' }], { 'Content-Range': 'jobs 0-24/319' }));

    const result = await dp.getList('jobs', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'createdAt', order: 'DESC' },
      filter: { status: 'RUNNING' },
    });

    expect(result.total).toBe(319);
    expect(result.data).toEqual([{ id: 'j1', status: 'RUNNING' }]);
    expect(header(0, 'Authorization')).toBe('Bearer tok-123');
    const url = new URL(calls[0].url, 'http://x');
    expect(url.pathname).toBe('/api/jobs');
    expect(JSON.parse(url.searchParams.get('sort')!)).toEqual(['createdAt', 'DESC']);
    expect(JSON.parse(url.searchParams.get('range')!)).toEqual([0, 24]);
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ status: 'RUNNING' });
  });

  it('turns a 403 into "Your role cannot do this"', async () => {
    const { dp } = setup(() => json(403, { statusCode: 403, error: 'Forbidden', message: 'Forbidden resource' }));
    await expect(dp.getOne('accounts', { id: 'a2' })).rejects.toMatchObject({
      status: 403,
      message: FORBIDDEN_MESSAGE,
    });
  });

  it('shows the server message and puts field errors on the form fields', async () => {
    const { dp } = setup(() =>
      json(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Email already in use',
        fields: [{ field: 'email', message: 'is already in use' }],
      }),
    );
    const error = await dp.create('accounts', { data: { email: 'ann@crosslane.test' } }).catch((e) => e);
    expect(error.message).toBe('Email already in use');
    expect(error.body.errors).toMatchObject({ email: 'is already in use' });
  });

  it('does not send an expired token: it fails as a 401 without calling the API', async () => {
    let now = NOW;
    const { dp, calls } = setup(
      () => json(200, {}),
      () => now,
    );
    now += 3601_000;
    await expect(dp.getOne('partners', { id: 'p1' })).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(0);
  });

  it('posts retry and cancel to the job endpoints', async () => {
    const { dp, calls, header } = setup(() => json(201, { id: 'j1', status: 'QUEUED' }));
    const { data } = await dp.retryJob('j1');
    await dp.cancelJob('j 2');
    expect(data.status).toBe('QUEUED');
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['POST /api/jobs/j1/retry', 'POST /api/jobs/j%202/cancel']);
    expect(header(0, 'Authorization')).toBe('Bearer tok-123');
  });

  it('fetches the home figures', async () => {
    const { dp, calls } = setup((url) =>
      url.includes('interactions-per-day') ? json(200, [{ day: '2025-05-01', KNOWLEDGE: 3, PARTNER: 1 }]) : json(200, { members: 10 }),
    );
    expect((await dp.getOverview()).data).toEqual({ members: 10 });
    expect((await dp.getInteractionsPerDay(180)).data).toHaveLength(1);
    expect(calls.map((c) => c.url)).toEqual(['/api/stats/overview', '/api/stats/interactions-per-day?days=180']);
  });

  it('gets many records by id, once per distinct id', async () => {
    const { dp, calls } = setup((url) => json(200, { id: url.split('/').pop(), name: 'P' }));
    const { data } = await dp.getMany('partners', { ids: ['p1', 'p2', 'p1'] });
    expect(data.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(calls.map((c) => c.url)).toEqual(['/api/partners/p1', '/api/partners/p2']);
  });
});
