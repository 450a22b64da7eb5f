import type { LoginResponse } from '@crosslane/contracts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuthProvider, SESSION_EXPIRED } from './auth-provider';
import { SESSION_KEY, SessionStore, jwtExpiryMs } from './session';

const NOW = Date.parse('2025-06-01T12:00:00Z');

const b64url = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const jwt = (exp: number) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'a1', exp })}.sig`;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const loginResponse = (role: 'ADMIN' | 'MANAGER' | 'ANALYST', exp = NOW / 1000 + 3600): LoginResponse => ({
  accessToken: jwt(exp),
  expiresIn: 3600,
  account: { id: 'a1', email: 'maria@crosslane.test', displayName: 'Maria', role },
});

function setup(respond: (url: string, init?: RequestInit) => Response) {
  let now = NOW;
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => respond(String(input), init));
  const sessions = new SessionStore(localStorage, () => now);
  const auth = createAuthProvider({ apiUrl: '/api', fetch, sessions });
  return { auth, fetch, advance: (ms: number) => (now += ms) };
}

describe('authProvider', () => {
  beforeEach(() => localStorage.clear());

  it('logs in with the email and password, stores the token and reports the role', async () => {
    const res = loginResponse('MANAGER');
    const { auth, fetch } = setup(() => json(201, res));

    await auth.login({ username: ' maria@crosslane.test ', password: 'secret-pass' });

    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/auth/login');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'maria@crosslane.test', password: 'secret-pass' });
    expect(JSON.parse(localStorage.getItem(SESSION_KEY)!).accessToken).toBe(res.accessToken);
    await expect(auth.checkAuth({})).resolves.toBeUndefined();
    await expect(auth.getPermissions!({})).resolves.toBe('MANAGER');
  });

  it('shows the server message on bad credentials and stores nothing', async () => {
    const { auth } = setup(() => json(401, { statusCode: 401, error: 'Unauthorized', message: 'Email or password is wrong' }));
    await expect(auth.login({ username: 'x@y.z', password: 'nope' })).rejects.toThrow('Email or password is wrong');
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
    await expect(auth.getPermissions!({})).resolves.toBeUndefined();
  });

  it('says to wait when sign-in is rate limited', async () => {
    const { auth } = setup(() => new Response('', { status: 429 }));
    await expect(auth.login({ username: 'x@y.z', password: 'p' })).rejects.toThrow(/Too many sign-in attempts/);
  });

  it('rejects checkError on 401 (react-admin then logs out) and logout clears the session', async () => {
    const { auth } = setup(() => json(201, loginResponse('ANALYST')));
    await auth.login({ username: 'maria@crosslane.test', password: 'p' });

    await expect(auth.checkError({ status: 401, message: 'Unauthorized' })).rejects.toMatchObject({
      message: SESSION_EXPIRED,
    });
    await auth.logout({});
    await expect(auth.checkAuth({})).rejects.toBeDefined();
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('ends the session on the server when signing out, and signs out even when the server is unreachable', async () => {
    const res = loginResponse('ANALYST');
    const { auth, fetch } = setup((url) => (url.endsWith('/auth/logout') ? new Response(null, { status: 204 }) : json(200, res)));
    await auth.login({ username: 'maria@crosslane.test', password: 'p' });
    await auth.logout({});
    const [url, init] = fetch.mock.calls[1];
    expect(url).toBe('/api/auth/logout');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>).Authorization).toBe(`Bearer ${res.accessToken}`);
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();

    const offline = setup((url) => {
      if (url.endsWith('/auth/logout')) throw new TypeError('Failed to fetch');
      return json(200, res);
    });
    await offline.auth.login({ username: 'maria@crosslane.test', password: 'p' });
    await expect(offline.auth.logout({})).resolves.toBeUndefined();
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
    // Nothing to end without a session.
    await offline.auth.logout({});
    expect(offline.fetch).toHaveBeenCalledTimes(2);
  });

  it('stays signed in on 403', async () => {
    const { auth } = setup(() => json(201, loginResponse('ANALYST')));
    await auth.login({ username: 'maria@crosslane.test', password: 'p' });

    await expect(auth.checkError({ status: 403, message: 'Your role cannot do this' })).resolves.toBeUndefined();
    await expect(auth.checkAuth({})).resolves.toBeUndefined();
    await expect(auth.getPermissions!({})).resolves.toBe('ANALYST');
  });

  it('rejects checkAuth once the token has expired, and forgets it', async () => {
    const { auth, advance } = setup(() => json(201, loginResponse('ADMIN', NOW / 1000 + 60)));
    await auth.login({ username: 'maria@crosslane.test', password: 'p' });
    await expect(auth.checkAuth({})).resolves.toBeUndefined();

    advance(61_000); // the JWT's exp (60 s) wins over expiresIn (3600 s)

    await expect(auth.checkAuth({})).rejects.toMatchObject({ message: SESSION_EXPIRED });
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
    await expect(auth.getPermissions!({})).resolves.toBeUndefined();
    expect(new SessionStore(localStorage).wasExpired()).toBe(true); // the login page says why

    await auth.login({ username: 'maria@crosslane.test', password: 'p' });
    expect(new SessionStore(localStorage).wasExpired()).toBe(false);
  });

  it('sends no one to a toast on a first visit', async () => {
    const { auth } = setup(() => json(500, {}));
    await expect(auth.checkAuth({})).rejects.toMatchObject({ message: false });
  });

  it('reads the identity from /auth/me with the bearer token', async () => {
    const res = loginResponse('ADMIN');
    const { auth, fetch } = setup((url) =>
      url.endsWith('/auth/me') ? json(200, { ...res.account, displayName: 'Maria Rossi' }) : json(201, res),
    );
    await auth.login({ username: 'maria@crosslane.test', password: 'p' });

    const identity = await auth.getIdentity!();
    expect(identity).toMatchObject({ id: 'a1', fullName: 'Maria Rossi', role: 'ADMIN' });
    const headers = fetch.mock.calls[1][1]?.headers as Record<string, string>;
    expect(headers.Authorization).toBe(`Bearer ${res.accessToken}`);
  });
});

describe('jwtExpiryMs', () => {
  it('reads exp in milliseconds, or null for a token without one', () => {
    expect(jwtExpiryMs(jwt(1_700_000_000))).toBe(1_700_000_000_000);
    expect(jwtExpiryMs('not-a-jwt')).toBeNull();
  });
});
