import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/suite';

/**
 * A file refused as a whole is answered one way by both import pipelines:
 * the general imports (POST /api/imports) and the campaigns' (POST
 * /api/campaigns/:id/events/import). The same kind of bad file goes through
 * each, and what a user sees is compared: HTTP status, job status, the
 * report (outcome, counts, error with its row and field), the rejection
 * list, and the audit entry.
 */
describe('a refused file: the same answer from the file imports and from the campaign events import', () => {
  const suite = useTestApp({ label: 'refused-file', accounts: ['MANAGER'], database: true });
  let campaignId: string;
  const auth = () => ({ Authorization: `Bearer ${suite.manager.token}` });

  /** Sends one file through a pipeline; answers what the user would see of it. */
  const send = async (pipeline: 'imports' | 'campaign-events', content: Buffer) => {
    const response =
      pipeline === 'imports'
        ? await suite.app.http.post('/api/imports').set(auth()).field('kind', 'interactions').attach('file', content, 'file.csv')
        : await suite.app.http.post(`/api/campaigns/${campaignId}/events/import`).set(auth()).set('Content-Type', 'text/csv').send(content);
    if (response.status !== 202) return { status: response.status, body: response.body };
    const jobId = response.body.id as string;
    const job = await suite.app.waitForJob(suite.manager.token, jobId);
    const rejectionsPath = pipeline === 'imports' ? `/api/imports/${jobId}/rejections` : `/api/campaigns/imports/${jobId}/rejections`;
    const rejections = await suite.app.http.get(rejectionsPath).query({ range: '[0,99]' }).set(auth());
    // What the audit log says of the file (the upload request's own SUCCESS entry differs by endpoint, as the endpoints do).
    const audit = await suite.db.query(
      `SELECT action, outcome, "entityType", detail FROM audit_event WHERE "entityId" = $1 AND outcome <> 'SUCCESS' ORDER BY id`,
      [jobId],
    );
    const result = job.result as Record<string, unknown>;
    return {
      status: response.status,
      jobStatus: job.status,
      report: {
        mode: result.mode,
        outcome: result.outcome,
        rowsRead: result.rowsRead,
        accepted: result.accepted,
        rejected: result.rejected,
        inserted: result.inserted,
        unchanged: result.unchanged,
        rejectionsByReason: result.rejectionsByReason,
        fileError: result.fileError,
        fileRefusal: result.fileRefusal,
      },
      rejections: (rejections.body as { rowNumber: number; field: string | null; reason: string }[]).map((r) => [
        r.rowNumber,
        r.field,
        r.reason,
      ]),
      audit: audit.rows.map((r) => ({ action: r.action, outcome: r.outcome, entityType: r.entityType, fileRefusal: r.detail.fileRefusal })),
    };
  };

  beforeAll(async () => {
    const created = await suite.app.http
      .post('/api/campaigns')
      .set(auth())
      .send({
        name: 'Refused-file check',
        objective: 'Compare the two import pipelines',
        primaryMetric: 'CONVERSION',
        guardrailMetrics: [],
        variants: [
          { key: 'control', name: 'Holdout', isControl: true, weight: 0.5 },
          { key: 'offer', name: 'Offer', weight: 0.5, offerType: 'NONE' },
        ],
      });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    campaignId = created.body.id;
  });

  it('an unknown column: both complete the job with outcome REJECTED, naming row 1 and the column, and audit import.refused', async () => {
    const general = await send('imports', Buffer.from('eventId,memberKey,itemKey,type,occurredAt,colour\ne1,m1,i1,VIEW,2026-01-01,red\n'));
    const events = await send('campaign-events', Buffer.from('eventId,memberKey,type,occurredAt,colour\ne1,m1,CLICK,2026-01-01,red\n'));
    for (const answer of [general, events]) {
      expect(answer).toMatchObject({
        status: 202,
        jobStatus: 'COMPLETED',
        report: {
          mode: 'all-or-nothing',
          outcome: 'REJECTED',
          accepted: 0,
          inserted: 0,
          unchanged: 0,
          fileRefusal: { rowNumber: 1, field: 'colour' },
        },
        audit: [{ action: 'import.refused', outcome: 'FAILURE', entityType: 'job', fileRefusal: { rowNumber: 1, field: 'colour' } }],
      });
      expect((answer as { report: { fileError: string } }).report.fileError).toMatch(/^unexpected column colour; expected /);
      expect((answer as { rejections: unknown[] }).rejections).toEqual([
        [1, 'colour', (answer as { report: { fileError: string } }).report.fileError],
      ]);
    }
    // Beyond the list of expected columns (each pipeline's own), the two reports are the same.
    const withoutColumns = (a: typeof general) => JSON.parse(JSON.stringify(a).replace(/; expected [^"]*/g, '; expected …'));
    expect(withoutColumns(events)).toEqual(withoutColumns(general));
  });

  it('a file that is not UTF-8: the same report, naming the line of the first bad byte', async () => {
    const latin1 = (header: string, row: string) =>
      Buffer.concat([Buffer.from(`${header}\n${row}`), Buffer.from([0xfc]), Buffer.from('\n')]);
    const general = await send('imports', latin1('eventId,memberKey,itemKey,type,occurredAt', 'e1,m1,i1,VIEW,2026-01-01'));
    const events = await send('campaign-events', latin1('eventId,memberKey,type,occurredAt', 'e1,m1,CLICK,2026-01-01'));
    expect(general).toMatchObject({
      status: 202,
      jobStatus: 'COMPLETED',
      report: { outcome: 'REJECTED', fileRefusal: { rowNumber: 2, field: null } },
    });
    const sameBut = (a: typeof general) => JSON.parse(JSON.stringify(a).replace(/byte offset \d+/g, 'byte offset N'));
    expect(sameBut(events)).toEqual(sameBut(general));
  });

  it('a header with no rows under it: both refused, in the same words', async () => {
    const general = await send('imports', Buffer.from('eventId,memberKey,itemKey,type,occurredAt\n'));
    const events = await send('campaign-events', Buffer.from('eventId,memberKey,type,occurredAt\n'));
    expect(general).toMatchObject({ report: { outcome: 'REJECTED', fileError: 'the file has a header but no data rows' } });
    expect(events).toEqual(general);
  });

  it('an empty file: refused at the upload by both, 400 naming the field file', async () => {
    const general = await send('imports', Buffer.alloc(0));
    const events = await send('campaign-events', Buffer.alloc(0));
    for (const answer of [general, events]) {
      expect(answer.status).toBe(400);
      expect((answer as { body: { message: string; fields: unknown[] } }).body).toMatchObject({
        message: expect.stringMatching(/^the file .*is empty$/),
        fields: [{ field: 'file' }],
      });
    }
  });
});
