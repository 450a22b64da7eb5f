import { describe, expect, it } from 'vitest';
import { auth, importCsv, TestAccount, useTestApp } from '../support/suite';

/**
 * Consent changes end to end (issue 10, item 4): what each import moved,
 * who moved it, what a MANAGER may not turn on, the per-member history,
 * and the audit log, driven through the API as each role.
 */
describe('consent changes: counted, recorded per member, audited; only an ADMIN turns partner sharing on', () => {
  const suite = useTestApp({ label: 'consent', accounts: ['MANAGER', 'ANALYST'], database: true });

  const upload = (as: TestAccount, name: string, csv: string, mode = 'all-or-nothing') =>
    importCsv(suite.app, as, { kind: 'members', name, csv, mode });

  const memberId = async (memberKey: string) => {
    const response = await suite.app.http
      .get('/api/members')
      .query({ filter: JSON.stringify({ q: memberKey }) })
      .set(auth(suite.analyst));
    const member = response.body.find((m: { memberKey: string }) => m.memberKey === memberKey);
    expect(member, `member ${memberKey}`).toBeDefined();
    return member.id as string;
  };

  const consentOf = async (memberKey: string) =>
    (
      await suite.db.query(`SELECT "consentPersonalisation" AS cp, "consentPartnerSharing" AS cs FROM member WHERE "memberKey" = $1`, [
        memberKey,
      ])
    ).rows[0] as { cp: boolean; cs: boolean };

  const history = async (memberKey: string, as: TestAccount = suite.analyst) => {
    const response = await suite.app.http.get(`/api/members/${await memberId(memberKey)}/consent-history`).set(auth(as));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as {
      flag: string;
      from: boolean | null;
      to: boolean;
      source: string;
      sourceId: string | null;
      actorId: string | null;
      actorEmail: string | null;
      at: string;
    }[];
  };

  const auditOf = async (jobId: string) => {
    const response = await suite.auditLog({ action: 'consent.', entityId: jobId });
    expect(response.status).toBe(200);
    return response.body as {
      action: string;
      outcome: string;
      actorId: string | null;
      actorEmail: string | null;
      detail: Record<string, any>;
    }[];
  };

  const historyRows = async () => Number((await suite.db.query('SELECT count(*) FROM consent_change')).rows[0].count);

  const HEADER = 'memberKey,joinedAt,consentPersonalisation,consentPartnerSharing,city';

  it('as ADMIN: new members are created with the consent the file gives, counted per flag, recorded from "none", and audited with the admin', async () => {
    const csv = [
      HEADER,
      ...Array.from({ length: 6 }, (_, i) => `c_${i},2024-01-0${i + 1},${i === 5 ? 'false' : 'true'},${i < 3},Hangzhou`),
    ].join('\n');
    const { id, result } = await upload(suite.admin, 'members-admin.csv', csv);
    expect(result).toMatchObject({ outcome: 'IMPORTED', inserted: 6, notes: 0 });
    expect(result.consent).toEqual({
      consentPartnerSharing: { turnedOn: 0, turnedOff: 0, newOn: 3, newOff: 3, keptOff: 0 },
      consentPersonalisation: { turnedOn: 0, turnedOff: 0, newOn: 5, newOff: 1, keptOff: 0 },
    });
    expect(await consentOf('c_0')).toEqual({ cp: true, cs: true });

    const c0 = await history('c_0');
    expect(c0.map((h) => [h.flag, h.from, h.to, h.source, h.sourceId, h.actorEmail]).sort()).toEqual([
      ['PARTNER_SHARING', null, true, 'IMPORT', id, suite.admin.email],
      ['PERSONALISATION', null, true, 'IMPORT', id, suite.admin.email],
    ]);
    expect(c0[0].actorId).toBe(suite.admin.id);

    const audit = await auditOf(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'consent.import',
      outcome: 'SUCCESS',
      actorId: suite.admin.id,
      actorEmail: suite.admin.email,
    });
    expect(audit[0].detail).toMatchObject({
      source: 'IMPORT',
      role: 'ADMIN',
      consentPartnerSharing: { newOn: 3, newOff: 3 },
      consentPersonalisation: { newOn: 5, newOff: 1 },
    });

    // The same file again moves nothing and writes no history.
    const before = await historyRows();
    const again = await upload(suite.admin, 'members-admin.csv', csv);
    expect(again.result).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 });
    expect(again.result.consent.consentPartnerSharing).toEqual({ turnedOn: 0, turnedOff: 0, newOn: 0, newOff: 0, keptOff: 0 });
    expect(await historyRows()).toBe(before);
  });

  it('as MANAGER: withdrawals go through, partner-sharing grants are kept off row by row, and the report, history and audit say so', async () => {
    const csv = [
      HEADER,
      'c_0,2024-01-01,true,false,Hangzhou', // row 2: partner sharing withdrawn
      'c_1,2024-01-02,true,true,Hangzhou', // row 3: unchanged (already on)
      'c_3,2024-01-04,true,true,Hangzhou', // row 4: asks to turn partner sharing on: kept off
      'c_4,2024-01-05,false,true,Hangzhou', // row 5: personalisation withdrawn (applied), partner sharing on (kept off)
      'c_2,2024-01-03,true,true,Suzhou', // row 6: only the city changes
      'c_6,2024-01-07,true,true,Ningbo', // row 7: a new member asking for partner sharing: created with it off
    ].join('\n');
    const { id, result } = await upload(suite.manager, 'members-manager.csv', csv);
    expect(result).toMatchObject({ outcome: 'IMPORTED', accepted: 6, rejected: 0, inserted: 1, updated: 3, notes: 3 });
    expect(result.consent).toEqual({
      consentPartnerSharing: { turnedOn: 0, turnedOff: 1, newOn: 0, newOff: 1, keptOff: 3 },
      consentPersonalisation: { turnedOn: 0, turnedOff: 1, newOn: 1, newOff: 0, keptOff: 0 },
    });

    expect(await consentOf('c_0')).toEqual({ cp: true, cs: false });
    expect(await consentOf('c_3')).toEqual({ cp: true, cs: false });
    expect(await consentOf('c_4')).toEqual({ cp: false, cs: false });
    expect(await consentOf('c_6')).toEqual({ cp: true, cs: false });
    expect((await suite.db.query(`SELECT city FROM member WHERE "memberKey" = 'c_2'`)).rows[0].city).toBe('Suzhou');

    const notes = await suite.app.http.get(`/api/imports/${id}/notes`).set(auth(suite.analyst));
    expect(notes.status).toBe(200);
    expect(notes.headers['content-range']).toBe('notes 0-2/3');
    expect(notes.body.map((n: { rowNumber: number; field: string }) => [n.rowNumber, n.field])).toEqual([
      [4, 'consentPartnerSharing'],
      [5, 'consentPartnerSharing'],
      [7, 'consentPartnerSharing'],
    ]);
    expect(notes.body[0].note).toBe(
      'partner-sharing consent was not turned on: only an ADMIN may turn it on by import (kept as stored; off for a new member)',
    );

    // The withdrawal is in c_0's history, newest first, signed by the manager and pointing at the import.
    const c0 = await history('c_0');
    expect(c0[0]).toMatchObject({
      flag: 'PARTNER_SHARING',
      from: true,
      to: false,
      source: 'IMPORT',
      sourceId: id,
      actorId: suite.manager.id,
      actorEmail: suite.manager.email,
    });
    expect(await history('c_3')).toHaveLength(2); // only its creation: the grant was not made
    expect((await history('c_4'))[0]).toMatchObject({ flag: 'PERSONALISATION', from: true, to: false, actorEmail: suite.manager.email });

    const audit = await auditOf(id);
    const done = audit.find((e) => e.outcome === 'SUCCESS')!;
    expect(done).toMatchObject({ action: 'consent.import', actorId: suite.manager.id, actorEmail: suite.manager.email });
    expect(done.detail).toMatchObject({
      role: 'MANAGER',
      consentPartnerSharing: { turnedOff: 1, keptOff: 3 },
      consentPersonalisation: { turnedOff: 1 },
    });
    expect(done.detail.summary).toBe('partner-sharing: 1 turned off, 3 kept off; personalisation: 1 turned off, 1 new with it on');
    const denied = audit.find((e) => e.outcome === 'DENIED')!;
    expect(denied).toMatchObject({ action: 'consent.import', actorEmail: suite.manager.email });
    expect(denied.detail).toMatchObject({
      rules: ['only an ADMIN may turn partner-sharing consent on by import'],
      keptOff: { consentPartnerSharing: 3 },
    });
  });

  it('as ADMIN: the grant the manager could not make goes through, recorded from off to on', async () => {
    const { id, result } = await upload(suite.admin, 'grant.csv', `${HEADER}\nc_3,2024-01-04,true,true,Hangzhou\n`);
    expect(result.consent.consentPartnerSharing).toEqual({ turnedOn: 1, turnedOff: 0, newOn: 0, newOff: 0, keptOff: 0 });
    expect(await consentOf('c_3')).toEqual({ cp: true, cs: true });
    expect((await history('c_3'))[0]).toMatchObject({
      flag: 'PARTNER_SHARING',
      from: false,
      to: true,
      sourceId: id,
      actorEmail: suite.admin.email,
    });
    expect((await suite.app.http.get(`/api/imports/${id}/notes`).set(auth(suite.admin))).body).toEqual([]);
  });

  it('a refused all-or-nothing file moves no consent, writes no history and no notes', async () => {
    const before = await historyRows();
    const { id, result } = await upload(
      suite.manager,
      'bad.csv',
      `${HEADER}\nc_1,2024-01-02,true,false,Hangzhou\nc_5,2024-02-30,true,true,Hangzhou\n`,
    );
    expect(result).toMatchObject({ outcome: 'REJECTED', rejected: 1 });
    expect(result.consent).toBeUndefined();
    expect(await consentOf('c_1')).toEqual({ cp: true, cs: true });
    expect(await historyRows()).toBe(before);
    expect((await suite.app.http.get(`/api/imports/${id}/notes`).set(auth(suite.manager))).body).toEqual([]);
    expect(await auditOf(id)).toEqual([]);
  });

  it("one member's consent: a MANAGER may withdraw but not grant partner sharing, an ADMIN may grant, an ANALYST may only read", async () => {
    const id = await memberId('c_5');
    const patch = (as: TestAccount, body: object) => suite.app.http.patch(`/api/members/${id}/consent`).set(auth(as)).send(body);

    const refused = await patch(suite.manager, { consentPartnerSharing: true, consentPersonalisation: true, source: 'SCREEN' });
    expect(refused.status).toBe(403);
    expect(refused.body.fields).toEqual([
      { field: 'consentPartnerSharing', message: 'only an ADMIN may turn consentPartnerSharing on; turning it off is always allowed' },
    ]);
    expect(await consentOf('c_5')).toEqual({ cp: false, cs: false }); // nothing half-written: personalisation stayed off too
    const deniedAudit = await suite.auditLog({ action: 'consent.change', entityId: id, outcome: 'DENIED' });
    expect(deniedAudit.body[0]).toMatchObject({ actorEmail: suite.manager.email, detail: { role: 'MANAGER', source: 'SCREEN' } });

    expect((await patch(suite.analyst, { consentPartnerSharing: false })).status).toBe(403);
    expect((await patch(suite.manager, {})).status).toBe(400);
    const badType = await patch(suite.manager, { consentPartnerSharing: 'yes' });
    expect(badType.status).toBe(400);
    expect(badType.body.fields).toEqual([{ field: 'consentPartnerSharing', message: 'consentPartnerSharing must be true or false' }]);
    expect(
      (await suite.app.http.patch('/api/members/999999/consent').set(auth(suite.admin)).send({ consentPartnerSharing: false })).status,
    ).toBe(404);

    const granted = await patch(suite.admin, { consentPartnerSharing: true, source: 'SCREEN' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(granted.body).toMatchObject({
      memberKey: 'c_5',
      consentPartnerSharing: true,
      changes: [{ flag: 'PARTNER_SHARING', from: false, to: true, source: 'SCREEN', actorEmail: suite.admin.email }],
    });

    const withdrawn = await patch(suite.manager, { consentPartnerSharing: false });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.changes).toMatchObject([
      { flag: 'PARTNER_SHARING', from: true, to: false, source: 'API', actorEmail: suite.manager.email },
    ]);
    // Sending what is stored changes nothing and records nothing.
    expect((await patch(suite.manager, { consentPartnerSharing: false })).body.changes).toEqual([]);

    const c5 = await history('c_5');
    expect(c5.slice(0, 2).map((h) => [h.flag, h.from, h.to, h.source, h.actorEmail])).toEqual([
      ['PARTNER_SHARING', true, false, 'API', suite.manager.email],
      ['PARTNER_SHARING', false, true, 'SCREEN', suite.admin.email],
    ]);
    const audit = await suite.auditLog({ action: 'consent.change', entityId: id, outcome: 'SUCCESS' });
    expect(audit.body.map((e: { actorEmail: string; detail: { changes: unknown[] } }) => [e.actorEmail, e.detail.changes])).toEqual([
      [suite.manager.email, [{ flag: 'PARTNER_SHARING', from: true, to: false }]],
      [suite.admin.email, [{ flag: 'PARTNER_SHARING', from: false, to: true }]],
    ]);
  });

  it('the history of an unknown member is a 404; an analyst reads histories but not the audit log', async () => {
    expect((await suite.app.http.get('/api/members/999999/consent-history').set(auth(suite.analyst))).status).toBe(404);
    expect((await suite.app.http.get('/api/members/not-a-number/consent-history').set(auth(suite.analyst))).status).toBe(404);
    expect((await suite.app.http.get('/api/audit-events').set(auth(suite.analyst))).status).toBe(403);
  });
});
