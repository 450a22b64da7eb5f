import { Readable } from 'node:stream';
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { ImportResultDto } from '@crosslane/contracts';
import { refusedFileReport } from '@crosslane/domain-ingest';
import { fakeAudit } from '../../../core/audit/testing/fake-audit';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import type { ImportFileSpec, ImportRequest, ImportRunner } from '../import-runner';
import type { UploadStore } from '../upload-store';
import { ImportFileJob, type ImportFilePayload } from './import-file.job';

const JOB_ID = '00000000-0000-4000-8000-0000000000aa';
const ACTOR = { id: '00000000-0000-4000-8000-0000000000bb', email: 'manager@example.com', role: 'MANAGER' as const };

const imported = (over: Partial<ImportResultDto> = {}): ImportResultDto => ({
  kind: 'interactions',
  mode: 'all-or-nothing',
  outcome: 'IMPORTED',
  fileName: 'events.csv',
  rowsRead: 3,
  accepted: 3,
  rejected: 0,
  inserted: 2,
  updated: 0,
  unchanged: 1,
  rejectionsByReason: {},
  fileError: null,
  ...over,
});

/** An import runner that answers a given result and keeps the request and the file it was handed, as read. */
function fakeRunner(result: ImportResultDto) {
  const calls: { request: ImportRequest; text: string }[] = [];
  const runner = {
    run: async (request: ImportRequest, input: Readable, hooks: { progress: (p: number, note?: string) => Promise<void> }) => {
      let text = '';
      for await (const chunk of input) text += String(chunk);
      calls.push({ request, text });
      await hooks.progress(50, 'half');
      return { result, rejections: [] };
    },
  };
  return { runner: runner as unknown as ImportRunner, calls };
}

/** Uploads as large objects: by oid, removed once read. */
function fakeUploads(files: Record<number, string>) {
  const stored = new Map(Object.entries(files).map(([oid, text]) => [Number(oid), text]));
  const uploads = {
    exists: async (oid: number) => stored.has(oid),
    open: (oid: number) => Readable.from([Buffer.from(stored.get(oid)!)]),
    remove: async (oid: number) => void stored.delete(oid),
  };
  return { uploads: uploads as unknown as UploadStore, stored };
}

/** The file the uploads describe: the job must hand these six fields to the runner as they came. */
const FILE: ImportFileSpec = {
  kind: 'interactions',
  format: 'csv',
  mode: 'all-or-nothing',
  partnerId: null,
  fileName: 'events.csv',
  gzip: false,
};

const upload = (over: Partial<ImportFilePayload> = {}): ImportFilePayload => ({
  ...FILE,
  source: 'upload',
  oid: 41,
  bytes: 30,
  actor: ACTOR,
  ...over,
});

function setUp(result: ImportResultDto, files: Record<number, string> = { 41: 'eventId,memberKey\ne1,m1\n' }) {
  const runner = fakeRunner(result);
  const uploads = fakeUploads(files);
  const audit = fakeAudit();
  const job = new ImportFileJob({ datasetsDir: '/nowhere' }, runner.runner, uploads.uploads, audit.audit);
  return { job, runner, uploads, audit };
}

/** The entry the job writes about the upload of `upload()`: by its actor, about the job run, naming the file. */
const importEntry = (action: string, outcome: string, detail: Record<string, unknown>) => ({
  action,
  outcome,
  actor: ACTOR,
  entityType: 'job',
  entityId: JOB_ID,
  detail: { kind: 'interactions', mode: 'all-or-nothing', fileName: 'events.csv', ...detail },
});

describe('ImportFileJob', () => {
  it('hands the uploaded file to the runner, removes the upload, audits import.run and returns the runner’s result', async () => {
    const { job, runner, uploads, audit } = setUp(imported());
    const context = fakeJobContext({ jobId: JOB_ID });
    const result = await job.run(upload(), context);

    expect(result).toEqual(imported());
    expect(runner.calls).toEqual([
      {
        text: 'eventId,memberKey\ne1,m1\n',
        request: {
          jobId: JOB_ID,
          ...FILE,
          totalBytes: 30,
          actor: ACTOR,
        },
      },
    ]);
    expect(uploads.stored.has(41)).toBe(false);
    expect(audit.entries).toEqual([
      importEntry('import.run', 'SUCCESS', { rowsRead: 3, accepted: 3, rejected: 0, inserted: 2, fileError: null }),
    ]);
    expect(context.progress).toEqual([
      { percent: 1, note: 'Reading the file' },
      { percent: 50, note: 'half' },
    ]);
  });

  it('audits a file refused as a whole as import.refused, with its row and field, and still removes the upload', async () => {
    const refusal = { rowNumber: 1, field: 'memberKey', reason: 'missing column memberKey; expected memberKey,itemKey' };
    const refused: ImportResultDto = { ...imported(), updated: 0, ...refusedFileReport(refusal, 0) };
    const { job, uploads, audit } = setUp(refused);
    const result = await job.run(upload(), fakeJobContext({ jobId: JOB_ID }));
    expect(result).toMatchObject({ outcome: 'REJECTED', accepted: 0, inserted: 0, fileError: refusal.reason, fileRefusal: refusal });
    expect(uploads.stored.has(41)).toBe(false);
    expect(audit.entries).toEqual([
      importEntry('import.refused', 'FAILURE', { rowsRead: 0, fileError: refusal.reason, fileRefusal: refusal }),
    ]);
  });

  it('records a members import’s consent moves, and a DENIED entry naming the flags kept off for the importer’s role', async () => {
    const flag = { turnedOn: 0, turnedOff: 1, newOn: 2, newOff: 0, keptOff: 0 };
    const consent = { consentPersonalisation: flag, consentPartnerSharing: { ...flag, keptOff: 3 } };
    const { job, audit } = setUp(imported({ kind: 'members', consent }));
    await job.run(upload({ kind: 'members', actor: { ...ACTOR, role: 'ANALYST' } }), fakeJobContext({ jobId: JOB_ID }));
    expect(audit.entries.map((e) => [e.action, e.outcome])).toEqual([
      ['import.run', 'SUCCESS'],
      ['consent.import', 'SUCCESS'],
      ['consent.import', 'DENIED'],
    ]);
    expect(audit.entries[2].detail).toMatchObject({ role: 'ANALYST', keptOff: { consentPartnerSharing: 3 } });
  });

  it('refuses, without retrying, an upload that is no longer stored; the runner is not called', async () => {
    const { job, runner, audit } = setUp(imported(), {});
    const run = job.run(upload(), fakeJobContext());
    await expect(run).rejects.toThrow(UnrecoverableError);
    await expect(job.run(upload(), fakeJobContext())).rejects.toThrow('The uploaded file is no longer stored');
    expect(runner.calls).toEqual([]);
    expect(audit.entries).toEqual([]);
  });

  it('refuses, without retrying, the Online Retail import when the dataset is not in the datasets folder, naming where it looked', async () => {
    const { job, runner } = setUp(imported({ kind: 'online-retail' }));
    await expect(job.run(upload({ kind: 'online-retail', source: 'dataset', oid: undefined }), fakeJobContext())).rejects.toThrow(
      'The Online Retail dataset is not at /nowhere/online_retail/online_retail.csv.gz',
    );
    expect(runner.calls).toEqual([]);
  });
});
