// The first analysis after a bulk import, beside a warm one (issue 12: after a bulk load the first
// analysis took 207 s and 343 s, the same one a minute later under 1 s: stale planner statistics).
//
// Generates a finished test of 300,000 units (test/support/finished-test-data.mjs, seeded), stores it
// as an upload and runs the product's import job on it (which ends with ANALYZE of the table it
// wrote), then times the product's analysis path (CampaignAnalysisService.analyse + store) at once,
// and again warm. Goal: the first within 2x of the best warm run.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { time } from '../lib/bench.mjs';

export async function runFirstAnalysisCase({ require, repoRoot, prisma, db, units, runs, log }) {
  const { generateFinishedTestCsv, FINISHED_TEST_MAPPING } = await import('../../test/support/finished-test-data.mjs');
  const dist = (p) => path.join(repoRoot, 'dist/apps/api/src', p);
  const { ImportFinishedTestJob } = require(dist('modules/campaigns/jobs/import-finished-test.job.js'));
  const { FinishedTestImportService } = require(dist('modules/campaigns/finished-test-import.service.js'));
  const { CampaignUploadStore } = require(dist('modules/campaigns/csv-upload.js'));
  const { CampaignAnalysisService } = require(dist('modules/campaigns/campaign-analysis.service.js'));
  const { AuditService } = require(dist('core/audit/audit.service.js'));
  const name = 'Benchmark finished test';

  await db.query(`DELETE FROM experiment_unit WHERE "campaignId" IN (SELECT id FROM campaign WHERE name = $1)`, [name]);
  await db.query('DELETE FROM campaign WHERE name = $1', [name]);
  const csv = generateFinishedTestCsv({ units, seed: 7 });
  const uploads = new CampaignUploadStore(prisma);
  const { oid } = await uploads.save(Readable.from([Buffer.from(csv)]));
  const job = new ImportFinishedTestJob(
    prisma,
    new AuditService(prisma),
    uploads,
    new FinishedTestImportService({ repoRoot, datasetsDir: repoRoot }),
  );
  const context = { jobId: randomUUID(), attempt: 1, reportProgress: async () => undefined, throwIfCancelled: async () => undefined };
  const imported = await time(() => job.run({ uploadId: oid, mapping: FINISHED_TEST_MAPPING, name, mode: 'keep-good-rows' }, context));
  const campaignId = imported.result.campaignId;
  if (imported.result.outcome !== 'IMPORTED' || imported.result.inserted !== units)
    throw new Error(`The import did not write ${units} units: ${JSON.stringify(imported.result)}`);
  log(
    `Imported ${units.toLocaleString('en')} units (${(csv.length / 1024 / 1024).toFixed(1)} MB, ${imported.result.rejected} dirty rows refused) in ${(imported.ms / 1000).toFixed(2)} s`,
  );

  const service = new CampaignAnalysisService(prisma);
  const analyse = () =>
    time(async () => {
      const report = await service.analyse(campaignId, 'FIXED_HORIZON');
      await service.store(campaignId, null, report);
      return report;
    });
  const first = await analyse();
  log(`first analysis ${(first.ms / 1000).toFixed(3)} s`);
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const w = await analyse();
    warm.push(w.ms);
    log(`warm analysis ${i + 1}: ${(w.ms / 1000).toFixed(3)} s`);
  }
  await db.query('DELETE FROM campaign_analysis WHERE "campaignId" = $1', [campaignId]);
  return {
    units,
    importMs: imported.ms,
    firstMs: first.ms,
    warmMs: warm,
    summary: first.result.summary.split('\n')[0],
    rejected: imported.result.rejected,
  };
}
