import http from 'node:http';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrosslane, RunningCrosslane } from '../../apps/api/src/bootstrap/start-crosslane';
import { startTestApp, TEST_ADMIN, TestApp } from '../support/test-app';

/**
 * The API listens on 127.0.0.1 and trusts 127.0.0.2 as its proxy: requests
 * sent from 127.0.0.1 play a client that writes its own X-Forwarded-For,
 * requests sent from 127.0.0.2 play the load balancer.
 */
const UNTRUSTED = '127.0.0.1';
const PROXY = '127.0.0.2';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A request whose connection starts from `localAddress`, which is what the API sees as the socket address. */
function requestFrom(
  baseUrl: string,
  localAddress: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const url = new URL(path, baseUrl);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        localAddress,
        agent: false,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface AuditRow {
  action: string;
  outcome: string;
  ip: string | null;
  actorEmail: string | null;
  entityId: string | null;
  detail: Record<string, unknown> | null;
}

describe('sessions that end, login throttling and the client address', () => {
  let app: TestApp;
  let adminToken: string;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const me = (token: string) => app.http.get('/api/auth/me').set(bearer(token));
  const login = (from: string, email: string, password: string, forwardedFor?: string) =>
    requestFrom(app.url, from, 'POST', '/api/auth/login', {
      body: { email, password },
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });
  const audit = async (filter: Record<string, string>): Promise<AuditRow[]> => {
    const response = await app.http
      .get('/api/audit-events')
      .query({ filter: JSON.stringify(filter), range: '[0,199]' })
      .set(bearer(adminToken));
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    app = await startTestApp({ label: 'sessions', env: { CROSSLANE_TRUSTED_PROXIES: PROXY } });
    adminToken = await app.login(TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(async () => app?.close());

  describe('tokens', () => {
    it('refuses the old token with 401 at once after a password change, and the new password logs in', async () => {
      const analyst = await app.createAccount(adminToken, 'ANALYST');
      expect((await me(analyst.token)).status).toBe(200);

      const changed = await app.http
        .put(`/api/accounts/${analyst.id}`)
        .set(bearer(adminToken))
        .send({ password: 'gearbox-ratios-and-track-days' });
      expect(changed.status).toBe(200);

      const old = await me(analyst.token);
      expect(old.status).toBe(401);
      expect(old.body.message).toBe('Session expired or invalid: log in again');
      expect((await app.http.post('/api/auth/login').send({ email: analyst.email, password: analyst.password })).status).toBe(401);
      const fresh = await app.login(analyst.email, 'gearbox-ratios-and-track-days');
      expect((await me(fresh)).status).toBe(200);

      const [revocation] = await audit({ action: 'auth.sessions.revoke', entityId: analyst.id });
      expect(revocation).toMatchObject({
        outcome: 'SUCCESS',
        actorEmail: TEST_ADMIN.email,
        detail: { reasons: ['password changed'], tokenVersion: 1 },
      });
    });

    it('refuses the old token at once after a role change, and the new token carries the new role', async () => {
      const manager = await app.createAccount(adminToken, 'MANAGER');
      expect((await app.http.get('/api/partners').set(bearer(manager.token))).status).toBe(200);
      expect((await app.http.put(`/api/accounts/${manager.id}`).set(bearer(adminToken)).send({ role: 'ANALYST' })).status).toBe(200);
      expect((await me(manager.token)).status).toBe(401);
      const again = await app.http.post('/api/auth/login').send({ email: manager.email, password: manager.password });
      expect(again.body.account.role).toBe('ANALYST');
    });

    it('keeps tokens when only the display name changes', async () => {
      const analyst = await app.createAccount(adminToken, 'ANALYST');
      expect((await app.http.put(`/api/accounts/${analyst.id}`).set(bearer(adminToken)).send({ displayName: 'Lin' })).status).toBe(200);
      expect((await me(analyst.token)).status).toBe(200);
    });

    it('refuses the token at once after deactivation, in another API process too', async () => {
      // A second API process on the same database and Redis: its own guard, its own cache.
      let second: RunningCrosslane | undefined;
      try {
        second = await startCrosslane({ ...app.config, role: 'api', port: 0 }, () => undefined);
        const otherApi = (token: string) => requestFrom(second!.url!, UNTRUSTED, 'GET', '/api/auth/me', { headers: bearer(token) });
        const manager = await app.createAccount(adminToken, 'MANAGER');
        // Both processes have now checked the token and hold it in their caches.
        expect((await me(manager.token)).status).toBe(200);
        expect((await otherApi(manager.token)).status).toBe(200);

        expect((await app.http.delete(`/api/accounts/${manager.id}`).set(bearer(adminToken))).status).toBe(200);
        expect((await me(manager.token)).status).toBe(401);
        expect((await otherApi(manager.token)).status).toBe(401);
      } finally {
        await second?.close();
      }
    });

    it('ends only the current token on logout, and audits it', async () => {
      const analyst = await app.createAccount(adminToken, 'ANALYST');
      const laptop = analyst.token;
      const phone = await app.login(analyst.email, analyst.password);

      const out = await app.http.post('/api/auth/logout').set(bearer(laptop));
      expect(out.status).toBe(204);
      expect((await me(laptop)).status).toBe(401);
      expect((await app.http.post('/api/auth/logout').set(bearer(laptop))).status).toBe(401);
      expect((await me(phone)).status).toBe(200);

      const events = await audit({ action: 'auth.logout', actorEmail: analyst.email });
      expect(events).toHaveLength(1);
      expect(events[0].outcome).toBe('SUCCESS');
    });
  });

  describe('passwords', () => {
    const create = (email: string, password: string) =>
      app.http.post('/api/accounts').set(bearer(adminToken)).send({ email, role: 'ANALYST', password });

    it('refuses weak passwords with the reasons, and stores no account', async () => {
      const email = 'weak.passwords@crosslane.test';
      const cases: [string, RegExp][] = [
        ['aaaaaaaaaaaa', /too easy to guess \(strength 0 of 4; 3 is needed\): Repeated characters like "aaa" are easy to guess/],
        [' '.repeat(12), /password must not be only spaces/],
        [email, /password must not be the e-mail address/],
        ['Password123!', /too easy to guess.*commonly used password/],
        ['crosslane123!', /too easy to guess/],
        ['x7'.repeat(40), /password must be at most 72 bytes in UTF-8 \(this one is 80\): bcrypt would silently ignore the rest/],
      ];
      for (const [password, reason] of cases) {
        const response = await create(email, password);
        expect(response.status, JSON.stringify(password)).toBe(400);
        expect(response.body.fields[0].field).toBe('password');
        expect(response.body.fields[0].message).toMatch(reason);
        expect(response.body.message).toMatch(reason);
      }
      const listed = await app.http
        .get('/api/accounts')
        .query({ filter: JSON.stringify({ q: 'weak.passwords' }) })
        .set(bearer(adminToken));
      expect(listed.body).toEqual([]);
    });

    it('refuses a new password equal to the account’s e-mail, keeping the old one', async () => {
      const analyst = await app.createAccount(adminToken, 'ANALYST');
      const response = await app.http.put(`/api/accounts/${analyst.id}`).set(bearer(adminToken)).send({ password: analyst.email });
      expect(response.status).toBe(400);
      expect(response.body.fields).toEqual([{ field: 'password', message: 'password must not be the e-mail address' }]);
      expect((await me(analyst.token)).status).toBe(200);
      await app.login(analyst.email, analyst.password);
    });
  });

  describe('failed logins and the client address', () => {
    it('keys the limit and the audit on the socket address when X-Forwarded-For comes from an untrusted client', async () => {
      const target = await app.createAccount(adminToken, 'ANALYST');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        // A fresh made-up address on every try: none of them is believed.
        statuses.push((await login(UNTRUSTED, target.email, `guess-${i}`, `198.51.100.${10 + i}`)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429]);

      const failures = await audit({ action: 'auth.login', outcome: 'FAILURE', actorEmail: target.email });
      expect(failures).toHaveLength(4);
      expect(failures.map((e) => e.ip)).toEqual([UNTRUSTED, UNTRUSTED, UNTRUSTED, UNTRUSTED]);
    });

    it('keys the limit and the audit on the forwarded address from a trusted proxy, so the owner still logs in from elsewhere', async () => {
      const target = await app.createAccount(adminToken, 'MANAGER');
      const attacker = '203.0.113.66';
      const owner = '192.0.2.10';
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await login(PROXY, target.email, `guess-${i}`, attacker)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      // The attacker's address is held back even with the right password...
      expect((await login(PROXY, target.email, target.password, attacker)).status).toBe(429);
      // ...while the owner, from their own address, logs in.
      const ownerLogin = await login(PROXY, target.email, target.password, `${owner}, ${PROXY}`);
      expect(ownerLogin.status).toBe(200);

      const failures = await audit({ action: 'auth.login', outcome: 'FAILURE', actorEmail: target.email });
      expect(new Set(failures.map((e) => e.ip))).toEqual(new Set([attacker]));
      const [success] = await audit({ action: 'auth.login', outcome: 'SUCCESS', actorEmail: target.email });
      expect(success.ip).toBe(owner);
    });

    it('audits every 429 with the address and the e-mail hash, never the password', async () => {
      const target = await app.createAccount(adminToken, 'ANALYST');
      const attacker = '203.0.113.99';
      for (let i = 0; i < 4; i++) expect((await login(PROXY, target.email, `secret-guess-${i}`, attacker)).status).toBe(401);
      const refused = [
        await login(PROXY, target.email, 'secret-guess-4', attacker),
        await login(PROXY, target.email, 'secret-guess-5', attacker),
      ];
      expect(refused.map((r) => r.status)).toEqual([429, 429]);
      expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(0);

      const emailHash = createHash('sha256').update(target.email).digest('hex');
      const denied = (await audit({ action: 'auth.login', outcome: 'DENIED' })).filter((e) => e.detail?.emailHash === emailHash);
      expect(denied).toHaveLength(2);
      for (const event of denied) {
        expect(event).toMatchObject({
          ip: attacker,
          actorEmail: null,
          detail: { reason: 'throttled', scope: 'account-and-address', emailHash },
        });
        expect(JSON.stringify(event)).not.toContain('secret-guess');
        expect(JSON.stringify(event)).not.toContain(target.email);
      }
    });
  });

  describe('caching', () => {
    it('marks login answers, authenticated answers and refusals no-store', async () => {
      const loginAnswer = await app.http.post('/api/auth/login').send(TEST_ADMIN);
      expect(loginAnswer.status).toBe(200);
      expect(loginAnswer.headers['cache-control']).toBe('no-store');
      for (const path of ['/api/auth/me', '/api/accounts', '/api/jobs']) {
        const answer = await app.http.get(path).set(bearer(adminToken));
        expect(answer.status, path).toBe(200);
        expect(answer.headers['cache-control'], path).toBe('no-store');
      }
      expect((await app.http.get('/api/accounts')).headers['cache-control']).toBe('no-store');
    });
  });
});
