import { Readable } from 'node:stream';
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { fakeAudit } from '../../../core/audit/testing/fake-audit';
import type { AppConfig } from '../../../core/config/app-config';
import { JobCancelledError } from '../../../core/queue/job-handler';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import type { UploadStore } from '../../imports/upload-store';
import type { RejectedRow } from '@crosslane/contracts';
import type { FinishedTestCampaignDraft, FinishedTestImportRepository } from '../finished-test-import.repository';
import { FinishedTestImportService } from '../finished-test-import.service';
import { HILLSTROM_CAMPAIGN_NAME, ImportFinishedTestJob } from './import-finished-test.job';

const HEADER = 'recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend';
const GOOD = [
  '10,2) $100 - $200,142.44,1,0,Surburban,0,Phone,Womens E-Mail,0,0,0',
  '6,3) $200 - $350,329.08,1,1,Rural,1,Web,No E-Mail,1,0,0',
  '7,2) $100 - $200,180.65,0,1,Surburban,1,Web,Womens E-Mail,1,1,29.99',
  '9,5) $500 - $750,675.83,1,0,Rural,1,Web,Mens E-Mail,0,0,0',
];
const KIDS = '2,1) $0 - $100,45.34,1,0,Urban,0,Web,Kids E-Mail,0,0,0';

type StoredUnit = Parameters<FinishedTestImportRepository['createCampaignWithUnits']>[1][number];

/**
 * An in-memory repository: a campaign and its units become visible only when
 * createCampaignWithUnits returns, as the real one commits them in one transaction.
 */
function fakeRepository(existing: Record<string, string> = {}) {
  const campaigns: { id: string; draft: FinishedTestCampaignDraft; units: StoredUnit[] }[] = [];
  const rejections = new Map<string, RejectedRow[]>();
  let analysed = 0;
  const repository = {
    campaignIdByName: async (name: string) => existing[name] ?? campaigns.find((c) => c.draft.name === name)?.id ?? null,
    replaceRejections: async (jobId: string, rows: readonly RejectedRow[]) => void rejections.set(jobId, [...rows]),
    createCampaignWithUnits: async (
      draft: FinishedTestCampaignDraft,
      units: readonly StoredUnit[],
      hooks: { beforeChunk: () => Promise<void>; afterChunk: (written: number) => Promise<void> },
    ) => {
      await hooks.beforeChunk();
      await hooks.afterChunk(units.length);
      const id = `campaign-${campaigns.length + 1}`;
      campaigns.push({ id, draft, units: [...units] });
      return id;
    },
    analyseUnitTable: async () => void (analysed += 1),
  };
  return { repository: repository as unknown as FinishedTestImportRepository, campaigns, rejections, analysed: () => analysed };
}

function fakeUploads(files: Record<number, string>) {
  const removed: number[] = [];
  const uploads = {
    exists: async (id: number) => id in files && !removed.includes(id),
    open: (id: number) => Readable.from([Buffer.from(files[id]!, 'utf8')]),
    remove: async (id: number) => void removed.push(id),
  };
  return { uploads: uploads as unknown as UploadStore, removed };
}

function setup(files: Record<number, string>, existing: Record<string, string> = {}) {
  const repo = fakeRepository(existing);
  const { uploads, removed } = fakeUploads(files);
  const { audit, entries: events } = fakeAudit();
  const importer = new FinishedTestImportService({ datasetsDir: '/nonexistent-datasets' } as AppConfig);
  return { ...repo, removed, events, job: new ImportFinishedTestJob(repo.repository, audit, uploads, importer) };
}

describe('ImportFinishedTestJob', () => {
  it('imports an uploaded Hillstrom file as one concluded campaign: arms at equal shares, units with their metric values and customer bands, audited', async () => {
    const t = setup({ 7: [HEADER, ...GOOD].join('\r\n') });
    const context = fakeJobContext();
    const result = await t.job.run({ uploadId: 7, preset: 'hillstrom', requestedBy: 'acc-1' }, context);
    expect(result).toMatchObject({
      kind: 'finished-test',
      mode: 'all-or-nothing',
      outcome: 'IMPORTED',
      campaignId: 'campaign-1',
      rowsRead: 4,
      accepted: 4,
      inserted: 4,
      rejected: 0,
      unitsPerArm: { control: 1, mens: 1, womens: 2 },
    });
    expect(t.campaigns).toHaveLength(1);
    const { draft, units } = t.campaigns[0]!;
    expect(draft).toMatchObject({ name: HILLSTROM_CAMPAIGN_NAME, createdBy: 'acc-1', startAt: null, endAt: null });
    expect(draft.arms.map((a) => [a.key, a.isControl, a.weight])).toEqual([
      ['control', true, 1 / 3],
      ['mens', false, 1 / 3],
      ['womens', false, 1 / 3],
    ]);
    expect(draft.metrics.map((m) => [m.name, m.role])).toEqual([
      ['conversion', 'primary'],
      ['visit', 'secondary'],
      ['spend', 'secondary'],
    ]);
    // Row 4 of the file: a Womens E-Mail customer who visited and spent $29.99 (history $180.65 is spend's covariate).
    expect(units[2]).toEqual({
      unitKey: 'row-4',
      variantKey: 'womens',
      exposedAt: null,
      rowNumber: 4,
      values: [1, 1, 29.99, 180.65],
      attributes: {
        history_segment: '2) $100 - $200',
        recency: '7',
        zip_code: 'Surburban',
        channel: 'Web',
        newbie: '1',
        mens: '0',
        womens: '1',
      },
    });
    expect(t.analysed()).toBe(1);
    expect(t.removed).toEqual([7]);
    expect(t.events).toEqual([
      expect.objectContaining({
        action: 'campaign.import-finished-test',
        outcome: 'SUCCESS',
        actor: { id: 'acc-1' },
        entityType: 'campaign',
        entityId: 'campaign-1',
        detail: expect.objectContaining({ rowsRead: 4, units: 4, rejected: 0, preset: 'hillstrom', source: 'upload' }),
      }),
    ]);
    expect(context.progress.at(-1)).toEqual({ percent: 98, note: '4 of 4 units written' });
  });

  it('all-or-nothing: one unknown arm stores no campaign, saves the refused row with its field and audits the failure', async () => {
    const t = setup({ 8: [HEADER, GOOD[0], KIDS, GOOD[1]].join('\n') });
    const context = fakeJobContext({ jobId: 'job-8' });
    const result = await t.job.run({ uploadId: 8, preset: 'hillstrom' }, context);
    expect(result).toMatchObject({
      outcome: 'REJECTED',
      campaignId: null,
      rowsRead: 3,
      rejected: 1,
      inserted: 0,
      rejectionsByReason: { 'unknown arm': 1 },
    });
    expect(result.firstRejections[0]).toContain('row 3, field segment');
    expect(t.campaigns).toEqual([]);
    expect(t.rejections.get('job-8')).toEqual([
      { rowNumber: 3, field: 'segment', reason: 'unknown arm', value: 'Kids E-Mail', message: expect.any(String) },
    ]);
    expect(t.events).toEqual([expect.objectContaining({ outcome: 'FAILURE', entityId: undefined })]);
    expect(t.removed).toEqual([8]);
  });

  it('keep-good-rows: the good rows become the campaign and the refused one is reported', async () => {
    const t = setup({ 9: [HEADER, GOOD[0], KIDS, GOOD[1]].join('\n') });
    const result = await t.job.run({ uploadId: 9, preset: 'hillstrom', mode: 'keep-good-rows' }, fakeJobContext());
    expect(result).toMatchObject({ outcome: 'IMPORTED', rowsRead: 3, accepted: 2, inserted: 2, rejected: 1 });
    expect(t.campaigns[0]!.units.map((u) => u.rowNumber)).toEqual([2, 4]);
  });

  it('a file whose header lacks a mapped column is refused whole, naming the field, and nothing is stored', async () => {
    const t = setup({ 10: [HEADER.replace('channel', 'medium'), GOOD[0]].join('\n') });
    const result = await t.job.run({ uploadId: 10, preset: 'hillstrom' }, fakeJobContext({ jobId: 'job-10' }));
    expect(result.outcome).toBe('REJECTED');
    expect(result.fileError).toContain('mapping.attributeColumns[3]: the file has no column "channel"');
    expect(t.rejections.get('job-10')).toEqual([
      expect.objectContaining({ rowNumber: 1, field: 'mapping.attributeColumns[3]', value: null }),
    ]);
    expect(t.campaigns).toEqual([]);
    expect(t.removed).toEqual([10]);
  });

  it('once by name: a campaign of that name already there is answered, not imported again', async () => {
    const t = setup({}, { [HILLSTROM_CAMPAIGN_NAME]: 'campaign-existing' });
    const result = await t.job.run({ preset: 'hillstrom', onceByName: true }, fakeJobContext());
    expect(result).toMatchObject({ outcome: 'IMPORTED', campaignId: 'campaign-existing', skipped: true, inserted: 0 });
    expect(t.campaigns).toEqual([]);
    expect(t.events).toEqual([]);
  });

  it('fails for good when the upload is gone or when neither upload nor shipped file is there', async () => {
    const t = setup({});
    await expect(t.job.run({ uploadId: 11, preset: 'hillstrom' }, fakeJobContext())).rejects.toThrow(UnrecoverableError);
    await expect(t.job.run({ preset: 'hillstrom' }, fakeJobContext())).rejects.toThrow(
      'The Hillstrom file is not at /nonexistent-datasets/hillstrom/hillstrom_email_2008.csv',
    );
    await expect(t.job.run({}, fakeJobContext())).rejects.toThrow('needs a mapping and a campaign name');
  });

  it('cancelled before the units are written: no campaign, and the upload is still removed', async () => {
    const t = setup({ 12: [HEADER, ...GOOD].join('\n') });
    // Checkpoints of a small file: once the rows are checked (1), then before each chunk of units (2).
    await expect(t.job.run({ uploadId: 12, preset: 'hillstrom' }, fakeJobContext({ cancelAfterCheckpoints: 1 }))).rejects.toThrow(
      JobCancelledError,
    );
    expect(t.campaigns).toEqual([]);
    expect(t.removed).toEqual([12]);
  });
});
