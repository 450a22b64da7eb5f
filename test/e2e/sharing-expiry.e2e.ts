import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { JobQueueService } from '../../apps/api/src/core/queue/job-queue.service';
import { JobName } from '../../apps/api/src/core/queue/queue-names';
import { auth, AuditEntry, useTestApp } from '../support/suite';

const DAY = 24 * 3600_000;
const MEMBERS = 60;

/**
 * Nothing is shared without an active agreement, including a file built
 * before the agreement ended: a revocation or a new version expires the
 * files built under the old one at once (bytes dropped, audited), a link
 * issued before dies with them, and the nightly retention job drops files
 * that are too old or whose agreement ran out.
 */
describe('governed sharing: export files expire with their agreement', () => {
  const suite = useTestApp({ label: 'sharing-expiry', accounts: ['MANAGER'] });

  const post = (token: string, url: string, body: object) => suite.app.http.post(url).set(auth(token)).send(body);
  const exportRow = (id: string) =>
    suite.prisma.partnerExport.findUniqueOrThrow({ where: { id }, select: { status: true, content: true, refusedReason: true } });

  /** A partner with an active agreement and one READY aggregate export built under it. */
  const partnerWithReadyExport = async (name: string) => {
    const partnerId = (
      await post(suite.manager.token, '/api/partners', {
        name: `${name} ${randomBytes(2).toString('hex')}`,
        industry: 'car-modification',
        status: 'ACTIVE',
      })
    ).body.id as string;
    const agreement = await post(suite.admin.token, '/api/agreements', {
      partnerId,
      fieldsAllowed: ['city', 'member_count'],
      purposesAllowed: ['MEASUREMENT'],
      minGroupSize: 50,
      validFrom: new Date(suite.app.now().getTime() - DAY).toISOString(),
      validTo: new Date(suite.app.now().getTime() + 30 * DAY).toISOString(),
    });
    expect(agreement.status).toBe(201);
    const exportId = await readyExport(partnerId);
    return { partnerId, agreementId: agreement.body.id as string, exportId };
  };
  const readyExport = async (partnerId: string) => {
    const requested = await post(suite.manager.token, '/api/exports', {
      partnerId,
      purpose: 'MEASUREMENT',
      kind: 'AGGREGATE',
      fields: ['city', 'member_count'],
    });
    expect(requested.status).toBe(201);
    await suite.app.waitForJob(suite.manager.token, requested.body.jobId);
    expect((await suite.app.http.get(`/api/exports/${requested.body.id}`).set(auth(suite.manager.token))).body.status).toBe('READY');
    return requested.body.id as string;
  };
  const listedStatus = async (partnerId: string, exportId: string) =>
    (
      (
        await suite.app.http
          .get('/api/exports')
          .query({ filter: JSON.stringify({ partnerId }) })
          .set(auth(suite.manager.token))
      ).body as { id: string; status: string }[]
    ).find((e) => e.id === exportId)?.status;

  beforeAll(async () => {
    await suite.prisma.member.createMany({
      data: Array.from({ length: MEMBERS }, () => ({
        memberKey: `m_${randomBytes(6).toString('hex')}`,
        consentPartnerSharing: true,
        city: 'Shanghai',
        joinedAt: new Date('2025-01-01'),
      })),
    });
  });

  it('expires the files of a revoked agreement: listed EXPIRED, bytes gone, a link refused with 409 naming the revocation, all audited', async () => {
    const { partnerId, agreementId, exportId } = await partnerWithReadyExport('Apex Tuning');
    expect((await exportRow(exportId)).content).not.toBeNull();

    expect((await post(suite.admin.token, `/api/agreements/${agreementId}/revoke`, { reason: 'contract ended' })).body.status).toBe(
      'REVOKED',
    );
    expect(await listedStatus(partnerId, exportId)).toBe('EXPIRED');
    expect(await exportRow(exportId)).toMatchObject({ status: 'EXPIRED', content: null });

    const link = await post(suite.manager.token, `/api/exports/${exportId}/link`, {});
    expect(link.status).toBe(409);
    expect(link.body.message).toBe('This export was built under agreement version 1, which was revoked: request a new export');

    const expiry = (await suite.auditFor(agreementId)).find((a) => a.action === 'export.expire');
    expect(expiry).toMatchObject({
      outcome: 'SUCCESS',
      entityType: 'sharing-agreement',
      detail: { partnerId, version: 1, reason: 'agreement revoked', exports: 1, exportIds: [exportId] },
    });
    expect(await suite.auditFor(exportId)).toContainEqual(
      expect.objectContaining({ action: 'export.link', outcome: 'DENIED', detail: expect.objectContaining({ reason: link.body.message }) }),
    );
  });

  it('expires the files of a version superseded by a change, and serves the new version', async () => {
    const { partnerId, agreementId, exportId } = await partnerWithReadyExport('Bolt Wheels');
    const v2 = await suite.app.http.put(`/api/agreements/${agreementId}`).set(auth(suite.admin.token)).send({ minGroupSize: 60 });
    expect(v2.body).toMatchObject({ version: 2, status: 'ACTIVE' });

    expect(await listedStatus(partnerId, exportId)).toBe('EXPIRED');
    expect(await exportRow(exportId)).toMatchObject({ status: 'EXPIRED', content: null });
    const link = await post(suite.manager.token, `/api/exports/${exportId}/link`, {});
    expect(link.status).toBe(409);
    expect(link.body.message).toBe(
      'This export was built under agreement version 1, which was superseded by a newer version: request a new export',
    );
    expect((await suite.auditFor(agreementId)).find((a) => a.action === 'export.expire')?.detail).toEqual({
      partnerId,
      version: 1,
      reason: 'agreement superseded',
      exports: 1,
      exportIds: [exportId],
    });

    // A file built under the new version is shared as before.
    const fresh = await readyExport(partnerId);
    expect((await post(suite.manager.token, `/api/exports/${fresh}/link`, {})).status).toBe(200);
  });

  it('answers 410 to a link issued while the agreement was active, once it is revoked', async () => {
    const { agreementId, exportId } = await partnerWithReadyExport('Carbon Hoods');
    const link = await post(suite.manager.token, `/api/exports/${exportId}/link`, {});
    expect(link.status).toBe(200);
    await post(suite.admin.token, `/api/agreements/${agreementId}/revoke`, {});

    const download = await suite.app.http.get(link.body.url);
    expect(download.status).toBe(410);
    expect(download.body.message).toBe('This export was built under agreement version 1, which was revoked: request a new export');
    expect(await suite.auditFor(exportId)).toContainEqual(
      expect.objectContaining({
        action: 'export.download',
        outcome: 'DENIED',
        detail: expect.objectContaining({ reason: download.body.message }),
      }),
    );
  });

  it('drops, in the nightly job, files past the retention period and files whose agreement ran out', async () => {
    const old = await partnerWithReadyExport('Drift Lab');
    const ranOut = await partnerWithReadyExport('Exhaust Works');
    const kept = await partnerWithReadyExport('Fender Co');
    await suite.prisma.partnerExport.update({
      where: { id: old.exportId },
      data: { finishedAt: new Date(suite.app.now().getTime() - 31 * DAY) },
    });
    // Validity passing is no request anyone makes: only the job notices it.
    const ranOutOn = new Date(suite.app.now().getTime() - 60_000);
    await suite.prisma.sharingAgreement.update({ where: { id: ranOut.agreementId }, data: { validTo: ranOutOn } });
    const refusedBeforeTheJob = await post(suite.manager.token, `/api/exports/${ranOut.exportId}/link`, {});
    expect(refusedBeforeTheJob.status).toBe(409);
    expect(refusedBeforeTheJob.body.message).toBe(
      `This export was built under agreement version 1, which expired on ${ranOutOn.toISOString()}: request a new export`,
    );

    const run = await suite.app.running.app.get(JobQueueService).enqueue(JobName.ExpirePartnerExports, { retentionDays: 30 });
    expect(run.queue).toBe('maintenance');
    const done = await suite.app.waitForJob(suite.admin.token, run.id);
    expect(done).toMatchObject({ status: 'COMPLETED', result: { expired: 2 } });

    expect(await exportRow(old.exportId)).toEqual({
      status: 'EXPIRED',
      content: null,
      refusedReason: 'This export was deleted after the 30-day retention period: request a new export',
    });
    expect(await exportRow(ranOut.exportId)).toMatchObject({ status: 'EXPIRED', content: null });
    expect((await exportRow(kept.exportId)).status).toBe('READY');
    const link = await post(suite.manager.token, `/api/exports/${old.exportId}/link`, {});
    expect(link.status).toBe(409);
    expect(link.body.message).toContain('30-day retention period');

    const events = (await suite.auditLog({ action: 'export.expire', entityType: 'partner-export' })).body as AuditEntry[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      outcome: 'SUCCESS',
      entityId: null,
      detail: { retentionDays: 30, reason: 'agreement ended and retention', exports: 2 },
    });
    expect(events[0].detail.exportIds).toEqual([ranOut.exportId, old.exportId]);
    expect(events[0].detail.byReason).toEqual({ 'agreement ended': [ranOut.exportId], retention: [old.exportId] });
  });
});
