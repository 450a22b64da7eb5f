import { describe, expect, it } from 'vitest';
import { TEST_ADMIN } from '../support/test-app';
import { auth, useTestApp } from '../support/suite';

describe('auth, roles and API conventions', () => {
  const suite = useTestApp({ label: 'auth', accounts: ['ANALYST', 'MANAGER'] });

  it('logs in with the right password and returns a JWT with an expiry', async () => {
    const response = await suite.app.http.post('/api/auth/login').send(TEST_ADMIN);
    expect(response.status).toBe(200);
    expect(response.body.account).toMatchObject({ email: TEST_ADMIN.email, role: 'ADMIN' });
    const claims = JSON.parse(Buffer.from(response.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(response.body.expiresIn);
  });

  it('answers a wrong password and an unknown e-mail with the same 401, revealing neither', async () => {
    const wrongPassword = await suite.app.http.post('/api/auth/login').send({ email: suite.manager.email, password: 'not-the-password' });
    const unknownEmail = await suite.app.http
      .post('/api/auth/login')
      .send({ email: 'nobody@crosslane.test', password: 'not-the-password' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.message).toBe('Invalid e-mail or password');
  });

  it('refuses calls without a token, or with a forged one, with 401', async () => {
    expect((await suite.app.http.get('/api/jobs')).status).toBe(401);
    expect((await suite.app.http.get('/api/jobs').set('Authorization', 'Bearer not.a.token')).status).toBe(401);
  });

  it('gives an analyst 403 on admin-only endpoints and their data', async () => {
    const response = await suite.app.http.get('/api/accounts').set(auth(suite.analyst));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect((await suite.app.http.get('/api/audit-events').set(auth(suite.manager))).status).toBe(403);
    expect((await suite.app.http.get('/api/jobs').set(auth(suite.analyst))).status).toBe(200);
  });

  it('answers a malformed body with 400 naming the field', async () => {
    const response = await suite.app.http
      .post('/api/accounts')
      .set(auth(suite.admin))
      .send({ email: 'not-an-email', role: 'OWNER', password: 'short' });
    expect(response.status).toBe(400);
    expect(response.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'password', 'role']);
    expect(response.body.message).toContain('role must be one of ADMIN, MANAGER, ANALYST');

    const unknownField = await suite.app.http.post('/api/auth/login').send({ ...TEST_ADMIN, remember: true });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.fields).toEqual([{ field: 'remember', message: 'remember is not a known field' }]);

    const notJson = await suite.app.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":');
    expect(notJson.status).toBe(400);
    expect(notJson.body.statusCode).toBe(400);
  });

  it('lists in react-admin simple-REST form with a total, and names a bad sort field', async () => {
    const response = await suite.app.http
      .get('/api/accounts')
      .query({ sort: JSON.stringify(['email', 'DESC']), range: JSON.stringify([0, 1]), filter: JSON.stringify({ active: true }) })
      .set(auth(suite.admin));
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(2);
    expect(response.headers['content-range']).toBe('accounts 0-1/3');
    expect(response.body[0].email > response.body[1].email).toBe(true);
    expect(response.body[0]).not.toHaveProperty('passwordHash');

    const badSort = await suite.app.http.get('/api/accounts').query({ sort: '["passwordHash","ASC"]' }).set(auth(suite.admin));
    expect(badSort.status).toBe(400);
    expect(badSort.body.fields[0].field).toBe('sort');
  });

  it('audits logins, failed logins and account changes', async () => {
    const changed = await suite.app.http
      .put(`/api/accounts/${suite.analyst.id}`)
      .set(auth(suite.admin))
      .send({ displayName: 'Renamed Analyst' });
    expect(changed.status).toBe(200);
    const events = await suite.app.http.get('/api/audit-events').query({ range: '[0,199]' }).set(auth(suite.admin));
    const seen = events.body.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'auth.login:SUCCESS',
        'auth.login:FAILURE',
        'account.create:SUCCESS',
        'account.update:SUCCESS',
        'access.denied:DENIED',
      ]),
    );
    const denied = events.body.find((e: { action: string }) => e.action === 'access.denied');
    expect(denied.entityId).toMatch(/^GET \/api\/(accounts|audit-events)/);
    const update = events.body.find((e: { action: string }) => e.action === 'account.update');
    expect(update.detail.changes.displayName.to).toBe('Renamed Analyst');
    expect(update.actorEmail).toBe(TEST_ADMIN.email);
  });

  it('stops a deactivated account at its very next request and keeps the last admin', async () => {
    const victim = await suite.app.createAccount(suite.admin.token, 'MANAGER');
    expect((await suite.app.http.get('/api/jobs').set('Authorization', `Bearer ${victim.token}`)).status).toBe(200);
    expect((await suite.app.http.delete(`/api/accounts/${victim.id}`).set(auth(suite.admin))).status).toBe(200);
    expect((await suite.app.http.get('/api/jobs').set('Authorization', `Bearer ${victim.token}`)).status).toBe(401);

    const me = await suite.app.http.get('/api/auth/me').set(auth(suite.admin));
    const demoteSelf = await suite.app.http.put(`/api/accounts/${me.body.id}`).set(auth(suite.admin)).send({ role: 'ANALYST' });
    expect(demoteSelf.status).toBe(409);
  });

  it('slows repeated failed logins for one e-mail from one address with 429 and Retry-After', async () => {
    const target = await suite.app.createAccount(suite.admin.token, 'ANALYST');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await suite.app.http.post('/api/auth/login').send({ email: target.email, password: 'guess-number-' + i })).status);
    }
    // Three typing mistakes pass; the fourth failure starts a 4 s wait.
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const throttled = await suite.app.http.post('/api/auth/login').send({ email: target.email, password: target.password });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(4);
    expect(throttled.body.message).toMatch(/^Too many failed logins; try again in [1-4] seconds?$/);
  });

  it('reports database and Redis health without a token', async () => {
    const response = await suite.app.http.get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', database: { ok: true }, redis: { ok: true }, role: 'all' });
  });

  it('serves OpenAPI with security headers and no open CORS', async () => {
    const response = await suite.app.http.get('/api/docs-json').set('Origin', 'https://evil.example');
    expect(response.status).toBe(200);
    expect(response.body.paths).toHaveProperty('/api/auth/login');
    expect(response.body.paths).toHaveProperty('/api/jobs/{id}/retry');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect((await suite.app.http.get('/api/docs')).status).toBe(200);
  });

  it('answers an unknown API path with a JSON 404 in the common error shape', async () => {
    const response = await suite.app.http.get('/api/no-such-thing').set(auth(suite.admin));
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
