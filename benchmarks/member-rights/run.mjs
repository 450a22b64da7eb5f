#!/usr/bin/env node
// npm run bench:member-rights [-- --members 12000 --erase 10000 --runs 5 --reuse --no-doc]
//
// Erasing 10,000 members in one batch on the `npm start` world (issue 17),
// beside a plain DELETE of the same members' rows, in the same run:
//   1. an embedded PostgreSQL and a redis-server of its own (data under
//      tmp/bench-member-rights/, wiped first), and the real API on them
//      (dist/apps/api/src/main.js, role "all"), which loads the demo world
//      of --members members and completes it as `npm start` does
//      (agreements, profiles, segments, the first model, the running
//      campaign); one member list with partner pseudonyms is delivered to a
//      partner, so the erasure also searches a delivered file;
//   2. the API is stopped and the database copied (CREATE DATABASE ...
//      TEMPLATE): on the copy, the reference deletes the --erase members'
//      rows in every table that holds them (interaction, consent_change,
//      segment_membership, campaign_assignment, campaign_event,
//      partner_review, member_profile, partner_customer, member) with one
//      DELETE per table in one transaction, committed;
//   3. the API is started again and an ADMIN files the same members as one
//      CSV batch; timed from the POST until the erase-members job is
//      COMPLETED (the job's own run time is printed too).
// Prints both times and the ratio product / DELETE (goal: within 3x), and
// writes docs/benchmarks/member-rights.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callApi, cli, dist, freePort, loadApi, repoRoot, require, time } from '../lib/bench.mjs';

const { args, flag } = cli();
const MEMBERS = flag('members', 12_000);
const ERASE = flag('erase', 10_000);
const RUNS = flag('runs', 5);
if (ERASE > MEMBERS) throw new Error(`--erase (${ERASE}) must not exceed --members (${MEMBERS})`);
const ADMIN = { email: 'bench@crosslane.local', password: 'bench-password-rights-1' };
const say = (line) => console.log(`[bench:member-rights] ${line}`);

const mainJs = await loadApi();
const { startEmbeddedPostgres, startLocalRedis } = dist('apps/api/src/core/local-services/index.js');
const { Client } = require('pg');

const dataDir = path.join(repoRoot, 'tmp', 'bench-member-rights');
// --reuse keeps the loaded world as a template database (world_template) and, when one is there, starts from a copy of
// it instead of loading the world again: for trying changes to the erasure, not for the figures in the doc.
const REUSE = args.includes('--reuse');
const worldMarker = path.join(dataDir, 'world-ready.json');
const reusing = REUSE && fs.existsSync(worldMarker);
if (!reusing) fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true, mode: 0o777 });
fs.chmodSync(dataDir, 0o777);
const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), log: () => undefined });
const redis = await startLocalRedis({ dataDir: path.join(dataDir, 'redis'), log: () => undefined });
const children = [];
process.on('exit', () => children.forEach((child) => child.exitCode === null && child.kill('SIGKILL')));
process.on('SIGINT', () => process.exit(130));

let base;
let api;
async function startApi() {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  api = spawn(process.execPath, [mainJs, 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      CROSSLANE_ROLE: 'all',
      CROSSLANE_DATA_DIR: path.join(dataDir, 'app'),
      CROSSLANE_ADMIN_EMAIL: ADMIN.email,
      CROSSLANE_ADMIN_PASSWORD: ADMIN.password,
      CROSSLANE_DEMO_MEMBERS: String(MEMBERS),
      CROSSLANE_LOG_LEVEL: 'warn',
      CROSSLANE_QUEUE_PREFIX: 'bench-member-rights',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(api);
  for (const deadline = Date.now() + 180_000; ;) {
    try {
      if ((await fetch(`${base}/api/health`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the API did not answer within 180 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  // The API listens before it creates the first admin: retry the login briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      return (await call('POST', '/api/auth/login', null, ADMIN)).accessToken;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
async function stopApi() {
  const exited = new Promise((resolve) => api.once('exit', resolve));
  api.kill('SIGTERM');
  await exited;
}
// `base` changes when the API restarts, so it is read at each call.
const call = (method, url, token, body) => callApi(base, method, url, token, body);
/** A poll answered 503 (the database busy with the load being waited for) is asked again. */
async function poll(url, token) {
  for (;;) {
    try {
      return await call('GET', url, token);
    } catch (error) {
      if (!/: 503 /.test(String(error.message))) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
async function waitForJob(token, id) {
  for (;;) {
    const job = await poll(`/api/jobs/${id}`, token);
    if (job.status === 'COMPLETED') return job;
    if (job.status === 'FAILED' || job.status === 'CANCELLED') throw new Error(`job ${id} ${job.status}: ${job.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
async function waitForIdle(token) {
  for (const deadline = Date.now() + 900_000; ;) {
    const pending = await Promise.all(
      ['QUEUED', 'RUNNING'].map((status) => poll(`/api/jobs?filter=${encodeURIComponent(JSON.stringify({ status }))}`, token)),
    );
    if (pending.flat().length === 0) return;
    if (Date.now() > deadline) throw new Error(`jobs still pending after 15 minutes: ${pending.flat().map((j) => j.name)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const TABLES = [
  'interaction',
  'consent_change',
  'segment_membership',
  'campaign_assignment',
  'campaign_event',
  'partner_review',
  'member_profile',
  'partner_customer',
];

try {
  // 1. The npm start world, at the size asked for.
  const dbName = new URL(pg.url).pathname.slice(1);
  const serverUrl = new URL(pg.url);
  serverUrl.pathname = '/postgres';
  const server = new Client({ connectionString: serverUrl.toString() });
  server.on('error', () => undefined); // the shutdown in `finally` ends it
  await server.connect();
  let token;
  let delivered = 'none';
  if (reusing) {
    ({ delivered } = JSON.parse(fs.readFileSync(worldMarker, 'utf8')));
    say(`reusing the loaded world (--reuse); delivered file: ${delivered}`);
  } else {
    say(`starting the API on its own PostgreSQL and Redis; loading the demo world of ${MEMBERS.toLocaleString('en')} members`);
    token = await startApi();
    const loaded = await time(() => waitForIdle(token));
    say(`demo world loaded and completed in ${(loaded.ms / 1000).toFixed(0)} s`);
    // One delivered member list, so the erasure also searches a file a partner holds (the reference has nothing to do there).
    const segments = await call('GET', `/api/segments?range=${encodeURIComponent('[0,49]')}`, token);
    const partners = await call('GET', `/api/partners?range=${encodeURIComponent('[0,49]')}`, token);
    const partner = partners.find((p) => p.status === 'ACTIVE');
    const segment = [...segments].sort((a, b) => b.size - a.size)[0];
    try {
      const requested = await call('POST', '/api/exports', token, {
        partnerId: partner.id,
        purpose: 'CAMPAIGN_TARGETING',
        kind: 'MEMBER_LIST',
        fields: ['partner_pseudonym'],
        segmentId: segment.id,
      });
      await waitForJob(token, (await call('GET', `/api/exports/${requested.id}`, token)).jobId);
      const file = await call('GET', `/api/exports/${requested.id}`, token);
      delivered = `${file.rowCount ?? '?'} rows of segment "${segment.name}" to ${partner.name} (${file.status})`;
    } catch (error) {
      delivered = `refused (${String(error.message).slice(0, 160)})`;
    }
    say(`delivered file: ${delivered}`);
    await stopApi();
  }
  // Every run starts from a copy of the loaded world (world_template), for the reference and the product alike.
  const hasTemplate = (await server.query(`SELECT 1 FROM pg_database WHERE datname = 'world_template'`)).rowCount > 0;
  if (!hasTemplate) await server.query(`CREATE DATABASE world_template TEMPLATE ${dbName}`);
  if (REUSE && !reusing) fs.writeFileSync(worldMarker, JSON.stringify({ delivered }));
  const refName = `${dbName}_reference`;
  const refUrl = new URL(pg.url);
  refUrl.pathname = `/${refName}`;
  const fresh = async (name) => {
    await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await server.query(`CREATE DATABASE ${name} TEMPLATE world_template`);
  };

  // The members: the first ERASE keys in key order, the same in every copy.
  await fresh(refName);
  let ref = new Client({ connectionString: refUrl.toString() });
  await ref.connect();
  const keys = (await ref.query(`SELECT "memberKey" FROM member ORDER BY "memberKey" LIMIT $1`, [ERASE])).rows.map((r) => r.memberKey);
  const footprint = (
    await ref.query(
      `WITH m AS (SELECT id FROM member WHERE "memberKey" = ANY($1)) SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t} WHERE "memberId" IN (SELECT id FROM m))::int AS "${t}"`).join(', ')}`,
      [keys],
    )
  ).rows[0];
  await ref.end();
  const rowsTotal = Object.values(footprint).reduce((s, n) => s + n, 0) + keys.length;
  say(`${keys.length.toLocaleString('en')} members hold ${rowsTotal.toLocaleString('en')} rows: ${JSON.stringify(footprint)}`);

  // 2. The reference: one DELETE per table, one transaction, committed, on a fresh copy of the world.
  async function referenceRun() {
    await fresh(refName);
    ref = new Client({ connectionString: refUrl.toString() });
    await ref.connect();
    const reference = await time(async () => {
      await ref.query('BEGIN');
      const ids = (await ref.query(`SELECT array_agg(id) AS ids FROM member WHERE "memberKey" = ANY($1)`, [keys])).rows[0].ids;
      for (const table of TABLES) await ref.query(`DELETE FROM ${table} WHERE "memberId" = ANY($1::bigint[])`, [ids]);
      await ref.query(`DELETE FROM member WHERE id = ANY($1::bigint[])`, [ids]);
      await ref.query('COMMIT');
    });
    const refLeft = (await ref.query(`SELECT count(*)::int AS n FROM member WHERE "memberKey" = ANY($1)`, [keys])).rows[0].n;
    await ref.end();
    if (refLeft !== 0) throw new Error(`the reference left ${refLeft} members`);
    return reference.ms;
  }

  // 3. The product: one CSV batch filed by an ADMIN, erased by the job, on a fresh copy of the world.
  async function productRun() {
    await fresh(dbName);
    token = await startApi();
    // What the restart queues (scheduled catch-up work) runs first: the erasure is measured, not its wait in the queue.
    await waitForIdle(token);
    const csv = ['memberKey', ...keys].join('\n');
    let filedMs = 0;
    const product = await time(async () => {
      const filed = await time(() =>
        call('POST', '/api/member-rights/erasures', token, { csv, fileName: 'bench.csv', reason: 'bench:member-rights' }),
      );
      filedMs = filed.ms;
      return waitForJob(token, filed.result.jobId);
    });
    const job = product.result;
    const jobMs = new Date(job.finishedAt).getTime() - new Date(job.startedAt).getTime();
    const db = new Client({ connectionString: pg.url });
    await db.connect();
    const left = (await db.query(`SELECT count(*)::int AS n FROM member WHERE "memberKey" = ANY($1)`, [keys])).rows[0].n;
    const postgres = (await db.query('SHOW server_version')).rows[0].server_version;
    // Both sides must have removed the same rows: every table the reference deletes from is counted in both copies.
    // The erasure may remove more (partner customers matched by hash, logs): those are listed, never hidden.
    const countAll = `SELECT ${[...TABLES, 'member'].map((t) => `(SELECT count(*) FROM ${t})::int AS "${t}"`).join(', ')}`;
    const ours = (await db.query(countAll)).rows[0];
    await db.end();
    const refDb = new Client({ connectionString: refUrl.toString() });
    await refDb.connect();
    const theirs = (await refDb.query(countAll)).rows[0];
    await refDb.end();
    const differences = Object.keys(theirs)
      .filter((t) => ours[t] !== theirs[t])
      .map((t) => `${t}: erasure left ${ours[t]}, reference left ${theirs[t]}`);
    if (differences.length > 0) say(`rows left differ: ${differences.join('; ')}`);
    if (Object.keys(theirs).some((t) => ours[t] > theirs[t])) throw new Error('the erasure left rows the reference deleted');
    await stopApi();
    if (left !== 0) throw new Error(`the erasure left ${left} members`);
    if (job.result.erased !== keys.length) throw new Error(`the job erased ${job.result.erased} of ${keys.length}`);
    return { ms: product.ms, filedMs, jobMs, postgres };
  }

  // Alternately, RUNS times: each pair is the reference then the product, so a noisy minute of the shared machine lands
  // on both sides of a pair, and the figure is the median of the pairs' ratios rather than one run's.
  const pairs = [];
  let postgres = '?';
  for (let run = 1; run <= RUNS; run++) {
    const reference = await referenceRun();
    const product = await productRun();
    postgres = product.postgres;
    const pair = { run, reference, ...product, ratio: product.ms / reference, load: os.loadavg()[0].toFixed(1) };
    pairs.push(pair);
    say(
      `run ${run}/${RUNS}: plain DELETE ${(reference / 1000).toFixed(2)} s | erasure ${(product.ms / 1000).toFixed(2)} s (filing ${(product.filedMs / 1000).toFixed(2)} s, job ${(product.jobMs / 1000).toFixed(2)} s) | ratio ${pair.ratio.toFixed(2)}x | load ${pair.load}`,
    );
  }
  await server.query(`DROP DATABASE IF EXISTS ${refName} WITH (FORCE)`);
  await server.end();
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const machine = {
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgres,
    load: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / '),
  };
  const ratio = median(pairs.map((p) => p.ratio));
  console.log('');
  console.log(
    `World: the demo world of ${MEMBERS.toLocaleString('en')} members; erased ${keys.length.toLocaleString('en')} holding ${rowsTotal.toLocaleString('en')} rows`,
  );
  console.log(
    `Machine: ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}, PostgreSQL ${machine.postgres}, load average ${machine.load}`,
  );
  console.log(
    `Median of ${pairs.length} pairs: erasure ${(median(pairs.map((p) => p.ms)) / 1000).toFixed(2)} s | plain DELETE ${(median(pairs.map((p) => p.reference)) / 1000).toFixed(2)} s | median ratio ${ratio.toFixed(2)}x (goal <= 3x)`,
  );
  if (!args.includes('--no-doc'))
    writeDoc({
      batch: process.env.CROSSLANE_ERASURE_BATCH || '5,000 (the default)',
      pairs,
      ratio,
      rowsTotal,
      footprint,
      erased: keys.length,
      delivered,
      machine,
    });
} catch (error) {
  // Said before the services stop, so a client cut off by the shutdown cannot hide it.
  console.error(error);
  process.exitCode = 1;
} finally {
  if (api && api.exitCode === null) api.kill('SIGKILL');
  await redis.stop();
  await pg.stop();
}

function writeDoc(r) {
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const doc = `# Benchmark: erasing 10,000 members in one batch

\`npm run bench:member-rights\` (benchmarks/member-rights/run.mjs), measured ${new Date().toISOString().slice(0, 10)}.

The demo world \`npm start\` loads, at ${MEMBERS.toLocaleString('en')} members (\`CROSSLANE_DEMO_MEMBERS\`; the
default world has about 4,000, too few to erase 10,000), completed as \`npm start\` completes it (agreements,
profiles, segments, the first model, the running campaign), plus an attempt to deliver one member list with
partner pseudonyms (so the erasure also searches a delivered file): ${r.delivered}.

The ${r.erased.toLocaleString('en')} members (the first in key order) hold ${r.rowsTotal.toLocaleString('en')} rows:
${Object.entries(r.footprint)
  .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
  .join(', ')}, and the members themselves.

Measured alternately, ${r.pairs.length} times in the same run: each pair is the plain \`DELETE\` of the same rows (one per
table, one transaction, on a fresh copy of the loaded world), then the erasure (one CSV batch, from the POST until the
erase-members job is COMPLETED, on another fresh copy). The figure is the median of the pairs' ratios.

| run | plain DELETE | erasure, POST to COMPLETED | of which filing (the POST) | of which the job's run | ratio | load average (1 min) |
|---|---|---|---|---|---|---|
${r.pairs.map((p) => `| ${p.run} | ${s(p.reference)} | ${s(p.ms)} | ${s(p.filedMs)} | ${s(p.jobMs)} | ${p.ratio.toFixed(2)}x | ${p.load} |`).join('\n')}

**Median ratio: ${r.ratio.toFixed(2)}x** (goal: within 3x): ${r.ratio <= 3 ? '**within the goal**' : '**misses the goal**'}; ${r.pairs.filter((p) => p.ratio <= 3).length} of ${r.pairs.length} pairs within 3x.

Machine: ${r.machine.nproc} cores (${r.machine.cpu}), Node ${r.machine.node}, PostgreSQL ${r.machine.postgres} (embedded),
load average ${r.machine.load} (1, 5, 15 min) at the end (the machine is shared with other work).

What the erasure does beyond the reference: files the request (a keyed hash per key, the suppression of every key,
the audit event), locks each batch's request rows and members, searches the delivered files for each member's
pseudonym, decrements segment sizes, strips the members' rows from the model's factors, replaces the keys quoted in
audit events and job logs by a tombstone (every log read once per run, then only what is newer per batch), and checkpoints every member, in transactions of ${r.batch} members
(\`CROSSLANE_ERASURE_BATCH\`), so a crash redoes at most one batch (test/e2e/member-rights-crash.e2e.ts).
`;
  fs.writeFileSync(path.join(repoRoot, 'docs/benchmarks/member-rights.md'), doc);
  say('wrote docs/benchmarks/member-rights.md');
}
