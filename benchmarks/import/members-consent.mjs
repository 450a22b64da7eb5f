#!/usr/bin/env node
// node benchmarks/import/members-consent.mjs [-- --rows 100000]
//
// What the consent history costs a members import. Through the product's
// import path (ImportRunner, as the import-file job runs it), on a scratch
// database: (1) an ADMIN's file of N new members (2 history rows each),
// (2) the same file again (nothing moves, no history), (3) an ADMIN's file
// that turns partner sharing on for every member (N history rows), (4) a
// MANAGER's file asking the same of N members whose sharing is off (kept
// off: N notes, no history). Prints seconds and rows/s of each, the
// history rows written and the size of consent_change. Nothing is asserted:
// timings go in benchmarks, never in tests.
//
// Database: DATABASE_URL's server (a scratch database is created and
// dropped), or an embedded PostgreSQL under tmp/bench-import/.
import os from 'node:os';
import { Readable } from 'node:stream';
import { cli, dist, loadApi, logger, openScratchDatabase, require } from '../lib/bench.mjs';

const ROWS = cli().flag('rows', 100_000);
const log = logger('members-consent');

await loadApi();
// The runner the import job uses, with the product's keyed hashes (a benchmark key from the environment below),
// so each row pays for the hashing an import pays for.
const { importRunnerFor } = dist('apps/api/src/modules/imports/jobs/import-file.job.js');
const { IdentityService } = dist('apps/api/src/core/identity/identity.service.js');
process.env.CROSSLANE_IDENTITY_KEY ??= 'crosslane-benchmark-identity-key-0001';
const { Client, Pool } = require('pg');

const csv = (sharing) =>
  'memberKey,joinedAt,consentPersonalisation,consentPartnerSharing,city\n' +
  Array.from({ length: ROWS }, (_, n) => `m_${n},2025-01-01,true,${sharing},Shanghai`).join('\n') +
  '\n';

const { dbUrl, drop } = await openScratchDatabase('crosslane_bench_consent');

try {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const pool = new Pool({ connectionString: dbUrl, max: 2 });
  const runner = importRunnerFor({ pool }, new IdentityService({ dataDir: null }));
  const hooks = { progress: async () => undefined, throwIfCancelled: async () => undefined };
  const step = async (label, role, body) => {
    const jobId = crypto.randomUUID();
    const before = Number((await db.query('SELECT count(*) FROM consent_change')).rows[0].count);
    await db.query('CHECKPOINT');
    const start = process.hrtime.bigint();
    const { result } = await runner.run(
      {
        jobId,
        kind: 'members',
        format: 'csv',
        mode: 'all-or-nothing',
        partnerId: null,
        fileName: 'm.csv',
        gzip: false,
        totalBytes: body.length,
        actor: { id: crypto.randomUUID(), email: `${role.toLowerCase()}@bench`, role },
      },
      Readable.from([body]),
      hooks,
    );
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    const history = Number((await db.query('SELECT count(*) FROM consent_change')).rows[0].count) - before;
    log(
      `${label.padEnd(44)} ${s.toFixed(2)} s  ${Math.round(ROWS / s)
        .toLocaleString('en')
        .padStart(
          9,
        )} rows/s  history +${history.toLocaleString('en')}  notes ${result.notes}  ${JSON.stringify(result.consent.consentPartnerSharing)}`,
    );
  };
  const off = csv(false);
  const on = csv(true);
  await step(`ADMIN: ${ROWS.toLocaleString('en')} new members`, 'ADMIN', off);
  await step('ADMIN: the same file again', 'ADMIN', off);
  await step('MANAGER: partner sharing on for all (kept off)', 'MANAGER', on);
  await step('ADMIN: partner sharing on for all', 'ADMIN', on);
  const size = (await db.query(`SELECT pg_total_relation_size('consent_change') AS b, count(*) AS n FROM consent_change`)).rows[0];
  log(
    `consent_change: ${Number(size.n).toLocaleString('en')} rows, ${(Number(size.b) / 1024 / 1024).toFixed(1)} MB with indexes (${Math.round(Number(size.b) / Number(size.n))} bytes/row)`,
  );
  log(
    `machine: ${os.availableParallelism?.() ?? os.cpus().length} cores, ${os.cpus()[0]?.model}, Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  await pool.end();
  await db.end();
} finally {
  await drop();
}
