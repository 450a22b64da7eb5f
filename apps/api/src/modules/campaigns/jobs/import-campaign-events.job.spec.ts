import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fakeAudit } from '../../../core/audit/testing/fake-audit';
import { JobCancelledError } from '../../../core/queue/job-handler';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import type { UploadStore } from '../../imports/upload-store';
import type { RejectedRow } from '@crosslane/contracts';
import type { CampaignEventImportRepository } from '../campaign-event-import.repository';
import type { CampaignEventsService, ParsedEvent } from '../campaign-events.service';
import { ImportCampaignEventsJob, type ImportCampaignEventsPayload } from './import-campaign-events.job';

const JOB = '00000000-0000-4000-8000-0000000000e1';
const HEADER = 'eventId,memberKey,type,value,occurredAt';
const GOOD = ['e1,alice,EXPOSURE,,2026-11-02', 'e2,alice,REVENUE,120.5,2026-11-03T10:00:00Z', 'e3,bob,CLICK,,2026-11-02'];

type StoredEvent = { memberId: bigint; type: string; value: number | null; occurredAt: string };

/**
 * One campaign in memory: members alice and bob assigned, carol a member
 * not assigned. The events service resolves keys and inserts idempotently by
 * eventId like the real one; the import repository's transaction puts the
 * stored events back when its callback throws (a rollback); uploads are
 * buffers by oid, streamed in small chunks.
 */
function fakeCampaign() {
  const members = new Map([
    ['alice', { id: 1n, assigned: true }],
    ['bob', { id: 2n, assigned: true }],
    ['carol', { id: 3n, assigned: false }],
  ]);
  const stored = new Map<string, StoredEvent>();
  const events = {
    resolveMembers: async <T extends ParsedEvent & { index: number }>(_campaignId: string, batch: T[], label: (e: T) => string) => {
      const accepted: (T & { memberId: bigint })[] = [];
      const problems: { index: number; field: string; message: string }[] = [];
      for (const e of batch) {
        const m = members.get(e.memberKey);
        if (!m)
          problems.push({ index: e.index, field: 'memberKey', message: `${label(e)}.memberKey "${e.memberKey}" is not a known member` });
        else if (!m.assigned)
          problems.push({
            index: e.index,
            field: 'memberKey',
            message: `${label(e)}.memberKey "${e.memberKey}" is not assigned to this campaign`,
          });
        else accepted.push({ ...e, memberId: m.id });
      }
      return { accepted, problems };
    },
    insert: async (_tx: unknown, _campaignId: string, batch: (ParsedEvent & { memberId: bigint })[]) => {
      let fresh = 0;
      for (const e of batch) {
        if (stored.has(e.eventId)) continue;
        stored.set(e.eventId, { memberId: e.memberId, type: e.type, value: e.value, occurredAt: e.occurredAt.toISOString() });
        fresh++;
      }
      return fresh;
    },
  };
  const rejections = new Map<string, RejectedRow[]>();
  let analyses = 0;
  const imports = {
    clearRejections: async (jobId: string) => void rejections.delete(jobId),
    keepRejections: async (jobId: string, rows: RejectedRow[]) => void rejections.set(jobId, [...(rejections.get(jobId) ?? []), ...rows]),
    inTransaction: async (fn: (tx: unknown) => Promise<void>) => {
      const before = new Map(stored);
      try {
        await fn({});
      } catch (error) {
        stored.clear();
        for (const [k, v] of before) stored.set(k, v);
        throw error;
      }
    },
    refreshPlannerStatistics: async () => void analyses++,
  };
  const files = new Map<number, Buffer>();
  const uploads = {
    size: async (oid: number) => files.get(oid)!.length,
    open: (oid: number) => {
      const data = files.get(oid)!;
      const chunks = Array.from({ length: Math.ceil(data.length / 16) }, (_, i) => data.subarray(i * 16, i * 16 + 16));
      return Readable.from(chunks, { objectMode: false });
    },
    remove: async (oid: number) => void files.delete(oid),
  };
  const { audit, entries: audits } = fakeAudit();
  let nextOid = 100;
  const upload = (text: string | Buffer) => {
    const oid = nextOid++;
    files.set(oid, Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));
    return oid;
  };
  const job = new ImportCampaignEventsJob(
    imports as unknown as CampaignEventImportRepository,
    events as unknown as CampaignEventsService,
    uploads as unknown as UploadStore,
    audit,
  );
  const run = (oid: number, options: Partial<ImportCampaignEventsPayload> = {}, context = fakeJobContext({ jobId: JOB })) =>
    job.run({ campaignId: 'c1', oid, ...options }, context);
  return { run, stored, rejections, files, upload, audits, analyses: () => analyses };
}

const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

describe('ImportCampaignEventsJob', () => {
  it('stores every event of a good file for its member, removes the upload and reports the counts', async () => {
    const campaign = fakeCampaign();
    const oid = campaign.upload(csv(...GOOD));
    const context = fakeJobContext({ jobId: JOB });
    const result = await campaign.run(oid, {}, context);
    expect(result).toEqual({
      kind: 'campaign-events',
      mode: 'all-or-nothing',
      outcome: 'IMPORTED',
      campaignId: 'c1',
      rowsRead: 3,
      accepted: 3,
      rejected: 0,
      inserted: 3,
      unchanged: 0,
      rejectionsByReason: {},
      fileError: null,
      firstRejections: [],
    });
    expect(Object.fromEntries(campaign.stored)).toEqual({
      e1: { memberId: 1n, type: 'EXPOSURE', value: null, occurredAt: '2026-11-02T00:00:00.000Z' },
      e2: { memberId: 1n, type: 'REVENUE', value: 120.5, occurredAt: '2026-11-03T10:00:00.000Z' },
      e3: { memberId: 2n, type: 'CLICK', value: null, occurredAt: '2026-11-02T00:00:00.000Z' },
    });
    expect(campaign.files.has(oid)).toBe(false);
    expect(campaign.rejections.size).toBe(0);
    expect(campaign.analyses()).toBe(1);
    expect(context.progress.at(-1)?.note).toBe('3 rows read');
  });

  it('stores nothing new when the same events are sent again: they count as unchanged', async () => {
    const campaign = fakeCampaign();
    await campaign.run(campaign.upload(csv(...GOOD)));
    const again = await campaign.run(campaign.upload(csv(...GOOD, 'e4,bob,CONVERSION,,2026-11-04')));
    expect(again).toMatchObject({ outcome: 'IMPORTED', rowsRead: 4, accepted: 4, inserted: 1, unchanged: 3 });
    expect([...campaign.stored.keys()]).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(campaign.analyses()).toBe(2);
  });

  it('refuses the whole file all-or-nothing when a row is bad: nothing stored, each bad row kept with its row number and field', async () => {
    const campaign = fakeCampaign();
    const oid = campaign.upload(csv(...GOOD, 'e4,carol,CLICK,,2026-11-02', 'e5,alice,PURCHASE,,2026-11-02', 'e6,dave,CLICK,,2026-11-31'));
    const result = await campaign.run(oid);
    expect(result).toMatchObject({
      outcome: 'REJECTED',
      mode: 'all-or-nothing',
      rowsRead: 6,
      accepted: 0,
      inserted: 0,
      unchanged: 0,
      rejected: 3,
    });
    expect(result.firstRejections).toEqual([
      'row 5.memberKey "carol" is not assigned to this campaign',
      'row 6.type must be one of EXPOSURE, CLICK, CONVERSION, REVENUE, RETENTION',
      'row 7.occurredAt must be a real calendar date, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in the years 1 to 9999',
    ]);
    expect(result.rejectionsByReason).toEqual({
      'memberKey: "carol" is not assigned to this campaign': 1,
      'type: must be one of EXPOSURE, CLICK, CONVERSION, REVENUE, RETENTION': 1,
      'occurredAt: must be a real calendar date, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, in the years 1 to 9999': 1,
    });
    expect(campaign.stored.size).toBe(0);
    expect(campaign.rejections.get(JOB)).toEqual([
      { rowNumber: 5, field: 'memberKey', reason: 'row 5.memberKey "carol" is not assigned to this campaign', value: null },
      {
        rowNumber: 6,
        field: 'type',
        reason: 'row 6.type must be one of EXPOSURE, CLICK, CONVERSION, REVENUE, RETENTION',
        value: 'PURCHASE',
      },
      {
        rowNumber: 7,
        field: 'occurredAt',
        reason: expect.stringMatching(/^row 7\.occurredAt must be a real calendar date/),
        value: '2026-11-31',
      },
    ]);
    expect(campaign.files.has(oid)).toBe(false);
    expect(campaign.analyses()).toBe(0);
  });

  it('keeps the good rows and reports the bad ones with mode keep-good-rows, and with the old partial flag alike', async () => {
    for (const options of [{ mode: 'keep-good-rows' as const }, { partial: true }]) {
      const campaign = fakeCampaign();
      const result = await campaign.run(campaign.upload(csv(...GOOD, 'e4,nobody,CLICK,,2026-11-02')), options);
      expect(result).toMatchObject({ outcome: 'IMPORTED', mode: 'keep-good-rows', rowsRead: 4, accepted: 3, inserted: 3, rejected: 1 });
      expect(result.firstRejections).toEqual(['row 5.memberKey "nobody" is not a known member']);
      expect([...campaign.stored.keys()]).toEqual(['e1', 'e2', 'e3']);
    }
  });

  it('refuses a file whose header misses a column as a whole, naming row 1 and the column, and audits the refusal', async () => {
    const campaign = fakeCampaign();
    const oid = campaign.upload('eventId,memberKey,value,occurredAt\ne1,alice,,2026-11-02\n');
    const result = await campaign.run(oid);
    expect(result).toMatchObject({ outcome: 'REJECTED', rowsRead: 0, accepted: 0, inserted: 0, rejected: 0 });
    expect(result.fileRefusal).toEqual({ rowNumber: 1, field: 'type', reason: result.fileError });
    expect(result.fileError).toMatch(/missing column type/);
    expect(campaign.rejections.get(JOB)).toEqual([{ rowNumber: 1, field: 'type', reason: result.fileError, value: null }]);
    expect(campaign.audits.map((a) => [a.action, a.outcome])).toEqual([['import.refused', 'FAILURE']]);
    expect(campaign.stored.size).toBe(0);
    expect(campaign.files.has(oid)).toBe(false);
  });

  it('refuses a file that is not UTF-8 as a whole, storing none of the rows before the bad byte', async () => {
    const campaign = fakeCampaign();
    const latin1 = Buffer.concat([
      Buffer.from(csv(...GOOD)),
      Buffer.from('e4,bob,CLICK,,2026-11-02,caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    const result = await campaign.run(campaign.upload(latin1));
    expect(result.outcome).toBe('REJECTED');
    expect(result.fileError).toMatch(/^the file is not UTF-8: .*save it as UTF-8 and upload it again$/);
    expect(campaign.stored.size).toBe(0);
  });

  it('lists only its own rejections when run again under the same job id', async () => {
    const campaign = fakeCampaign();
    await campaign.run(campaign.upload(csv('e1,nobody,CLICK,,2026-11-02')));
    await campaign.run(campaign.upload(csv('e1,alice,PURCHASE,,2026-11-02')));
    expect(campaign.rejections.get(JOB)?.map((r) => r.rowNumber + ':' + r.field)).toEqual(['2:type']);
  });

  it('when cancelled at its checkpoint, rolls back what it had inserted and still removes the upload', async () => {
    const campaign = fakeCampaign();
    const oid = campaign.upload(csv(...GOOD));
    const run = campaign.run(oid, {}, fakeJobContext({ jobId: JOB, cancelAfterCheckpoints: 0 }));
    await expect(run).rejects.toThrow(JobCancelledError);
    expect(campaign.stored.size).toBe(0);
    expect(campaign.files.has(oid)).toBe(false);
  });
});
