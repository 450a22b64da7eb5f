// Online Retail through the product, scored from outside (issue 13: "import,
// tune with its default budget, top-10 through the batch endpoint, outside
// evaluation on the benchmark's split: NDCG@10 at least 0.28"):
//
//   npm run bench:recommender-product
//
// 1. bench:recommender's split (standard cleaning, binary customer x stock
//    code, splitHoldoutPerUser fraction 0.2 seed 1, held-out items absent from
//    training dropped) is written as train.csv / test.csv, and the original
//    file's rows of the training pairs only as an Online Retail CSV.
// 2. The built API starts on its own embedded PostgreSQL and redis-server
//    (data under tmp/bench-recommender-product/); that CSV is uploaded as an
//    `online-retail` import, then POST /api/recommender/models/tune runs with
//    no budget (the default), and the version it stores is activated as a user
//    would (the gate applies: activation is refused if it loses to popularity).
// 3. Top-10 of every evaluated customer comes from POST
//    /api/recommender/recommendations/batch (member keys are the importer's
//    keyed hash of the CustomerID, computed here with the identity key this
//    run gives the API), stock codes read back from the items' external keys.
// 4. score_topk.py (numpy) scores those lists against test.csv, and
//    ease_ref.py (numpy EASE, Steck 2019) is run on the same split at the λ the
//    tune chose and at λ 100, so our figure prints beside numpy's.
//
// Environment: CROSSLANE_DATASETS_DIR, CROSSLANE_PYTHON (a python3 with numpy
// and scipy; default python3), BENCH_KEEP=1 leaves the API's data folder.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { TuningTrialDto } from '@crosslane/contracts';
import { keyedIdentifierHash } from '@crosslane/domain-privacy';
import { datasetsDir, parseCsv } from './online-retail';
import { onlineRetailBenchmarkSplit } from './online-retail-split';
import { writeSplitFile } from './split-files';

const repoRoot = path.resolve(__dirname, '../..');
const K = 10;
const ADMIN = { email: 'bench@crosslane.local', password: 'bench-password-recommender-product-1' };
/** The importer's namespace and key format (import-file.job.ts, online-retail-writer.ts). */
const ONLINE_RETAIL_NAMESPACE = 'uci-online-retail';
const memberKeyOf = (identityKey: string, customerId: string) =>
  `uci_${keyedIdentifierHash(identityKey, 'customer', `${ONLINE_RETAIL_NAMESPACE}:${customerId}`).slice(0, 24)}`;
const EXTERNAL_KEY_PREFIX = 'uci-retail:';

const log = (line: string) => console.log(`[bench:recommender-product] ${line}`);
const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM')));
process.on('SIGINT', () => process.exit(130));

async function main(): Promise<void> {
  const started = performance.now();
  const file = path.join(datasetsDir(repoRoot), 'online_retail/online_retail.csv.gz');
  const split = onlineRetailBenchmarkSplit(file);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosslane-bench-recommender-product-'));
  writeSplitFile(path.join(workDir, 'train.csv'), split.train, split.userIds, split.itemIds);
  writeSplitFile(path.join(workDir, 'test.csv'), split.test, split.userIds, split.itemIds);
  const trainPairs = new Set<string>();
  for (let u = 0; u < split.train.userCount; u++)
    for (let t = split.train.byUser.indptr[u]; t < split.train.byUser.indptr[u + 1]; t++)
      trainPairs.add(`${split.userIds[u]}\u0000${split.itemIds[split.train.byUser.indices[t]]}`);
  const importFile = path.join(workDir, 'online-retail-train.csv');
  const importRows = writeTrainingRows(file, trainPairs, importFile);
  log(
    `split: ${split.userIds.length} customers x ${split.itemIds.length} stock codes; train ${trainPairs.size} pairs ` +
      `(${importRows} rows of the original file written for the import), test ${nnz(split.test)} pairs`,
  );

  // The build script is an ES module with top-level await, which this CommonJS runner cannot require: run it as npm start does.
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  const mainJs = path.join(repoRoot, 'dist/apps/api/src/main.js');
  const dataDir = path.join(repoRoot, 'tmp', 'bench-recommender-product');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o777 });
  fs.chmodSync(dataDir, 0o777);
  const identityKey = randomBytes(32).toString('hex');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['REDIS_URL'];
  const api = spawn(process.execPath, [mainJs, 'serve'], {
    cwd: repoRoot,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CROSSLANE_ROLE: 'all',
      CROSSLANE_DATA_DIR: dataDir,
      CROSSLANE_DEMO_WORLD: 'false',
      CROSSLANE_IDENTITY_KEY: identityKey,
      CROSSLANE_ADMIN_EMAIL: ADMIN.email,
      CROSSLANE_ADMIN_PASSWORD: ADMIN.password,
      CROSSLANE_LOG_LEVEL: 'warn',
      CROSSLANE_QUEUE_PREFIX: 'bench-recommender-product',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(api);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`, 180_000);
  const token = await login(base);
  const call = apiCaller(base, token);

  // --- import only the training interactions ------------------------------
  let t = performance.now();
  const form = new FormData();
  form.append('kind', 'online-retail');
  form.append('format', 'csv');
  // As the dataset import does: the file repeats some rows exactly (same invoice line), which all-or-nothing refuses whole.
  form.append('mode', 'keep-good-rows');
  form.append('file', new Blob([fs.readFileSync(importFile)], { type: 'text/csv' }), 'online-retail-train.csv');
  const importResponse = await fetch(`${base}/api/imports`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  if (importResponse.status !== 202) throw new Error(`upload: ${importResponse.status} ${await importResponse.text()}`);
  const importJob = await waitForJob(call, ((await importResponse.json()) as { id: string }).id);
  const imported = importJob['result'] as Record<string, unknown>;
  log(
    `import: ${imported['accepted']} rows accepted, ${imported['rejected']} rejected ${JSON.stringify(imported['rejectionsByReason'])}, ${imported['inserted']} inserted ` +
      `in ${seconds(t)} s (${JSON.stringify(imported['extra'])})`,
  );

  // --- let the shop's items be recommended --------------------------------
  // Partner items are served only for a partner whose agreement in force allows co-marketing (the sharing rule): without
  // one every list came back empty. A user sets this up once on the Agreements screen; the widest dates make it hold on
  // any day the benchmark runs.
  const partnerId = (imported['extra'] as { partnerId: string }).partnerId;
  await call('POST', '/api/agreements', {
    partnerId,
    fieldsAllowed: ['partner_pseudonym'],
    purposesAllowed: ['CO_MARKETING'],
    validFrom: '2010-12-01T00:00:00Z',
    validTo: '2099-12-31T23:59:59Z',
    note: 'bench:recommender-product: recommend the shop its own items',
  });

  // --- tune with the default budget ---------------------------------------
  t = performance.now();
  const tuneJob = await call('POST', '/api/recommender/models/tune', { scope: 'ALL', name: 'Online Retail, bench:recommender-product' });
  const tuned = await waitForJob(call, (tuneJob as { id: string }).id);
  const tuneResult = tuned['result'] as { modelId: string; activated: boolean; ndcg: number; baselineNdcg: number };
  const tuneSeconds = seconds(t);
  const model = (await call('GET', `/api/recommender/models/${tuneResult.modelId}`)) as Record<string, any>;
  const tuning = model['params']?.tuning;
  const chosen = tuning?.best as TuningTrialDto | undefined;
  const describe = (t?: TuningTrialDto) =>
    t?.algorithm === 'ease' ? `EASE λ ${t.lambda}` : `ALS ${t?.factors} factors, alpha ${t?.alpha}, regularisation ${t?.regularization}`;
  log(
    `tune: ${tuning?.trials?.length} trials in ${tuneSeconds} s, chose ${describe(chosen)} ` +
      `(validation NDCG@10 ${chosen?.validationNdcg?.toFixed(4)}), stopped by ${JSON.stringify(tuning?.stoppedBy)}; ` +
      `served per direction ${JSON.stringify(model['metrics']?.choice?.byDirection ? Object.fromEntries(Object.entries(model['metrics'].choice.byDirection).map(([d, c]: [string, any]) => [d, c.winner])) : model['metrics']?.algorithm)}; ` +
      `the product's own test split: NDCG@10 ${tuneResult.ndcg?.toFixed?.(4)} vs popularity ${tuneResult.baselineNdcg?.toFixed?.(4)}`,
  );
  if (!tuneResult.activated) await call('POST', `/api/recommender/models/${tuneResult.modelId}/activate`, {});

  // --- top-10 through the batch endpoint ----------------------------------
  t = performance.now();
  const evaluated: string[] = [];
  for (let u = 0; u < split.test.userCount; u++)
    if (split.test.byUser.indptr[u + 1] > split.test.byUser.indptr[u]) evaluated.push(split.userIds[u]);
  const customerOf = new Map(evaluated.map((c) => [memberKeyOf(identityKey, c), c]));
  const keys = [...customerOf.keys()];
  const lines = ['user,rank,item'];
  let unknown = 0;
  let notPersonalised = 0;
  let foreign = 0;
  let emptyLists = 0;
  for (let start = 0; start < keys.length; start += 1000) {
    const body = (await call('POST', '/api/recommender/recommendations/batch', { memberKeys: keys.slice(start, start + 1000), n: K })) as {
      results: { memberKey: string; personalised: boolean; items: { externalKey: string | null }[] }[];
      unknown: string[];
    };
    unknown += body.unknown.length;
    for (const result of body.results) {
      if (!result.personalised) notPersonalised++;
      if (result.items.length === 0) emptyLists++;
      result.items.forEach((item, rank) => {
        if (!item.externalKey?.startsWith(EXTERNAL_KEY_PREFIX)) {
          foreign++;
          return;
        }
        lines.push(`${customerOf.get(result.memberKey)},${rank + 1},${item.externalKey.slice(EXTERNAL_KEY_PREFIX.length)}`);
      });
    }
  }
  const recsFile = path.join(workDir, 'recommendations.csv');
  fs.writeFileSync(recsFile, lines.join('\n') + '\n');
  log(
    `batch: top-${K} for ${keys.length} customers in ${seconds(t)} s (${unknown} unknown keys, ${notPersonalised} not personalised, ` +
      `${foreign} items from outside the shop's catalogue, ${emptyLists} empty lists)`,
  );

  // --- outside evaluation --------------------------------------------------
  const python = process.env['CROSSLANE_PYTHON'] || 'python3';
  const pyEnv: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
  delete pyEnv['OPENBLAS_CORETYPE'];
  delete pyEnv['OPENBLAS_L2_SIZE'];
  const py = (script: string, args: string[]) =>
    JSON.parse(execFileSync(python, [path.join(__dirname, script), ...args], { env: pyEnv, maxBuffer: 64 << 20 }).toString('utf8'));
  const ours = py('score_topk.py', [workDir, recsFile, '--k', String(K)]);
  const lambdas = [...new Set([100, ...(chosen?.algorithm === 'ease' && chosen.lambda !== undefined ? [chosen.lambda] : [])])];
  const references = lambdas.map((lambda) => ({ lambda, ...py('ease_ref.py', [workDir, '--lambda', String(lambda), '--k', String(K)]) }));
  const best = references.reduce((a, b) => (b.ndcg > a.ndcg ? b : a));

  console.log(
    `\n## Online Retail through the product (${new Date().toISOString()}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')})`,
  );
  console.log(`outside evaluation (score_topk.py, numpy ${ours.numpy}) on bench:recommender's split, ${ours.users_evaluated} customers:`);
  console.log('| | NDCG@10 | ratio to numpy EASE |');
  console.log('|---|---:|---:|');
  console.log(
    `| product (import, tune default budget, batch top-${K}) | ${ours.ndcg.toFixed(4)} | ${(ours.ndcg / best.ndcg).toFixed(4)} |`,
  );
  for (const r of references)
    console.log(`| numpy EASE λ ${r.lambda} (ease_ref.py) | ${r.ndcg.toFixed(4)} | ${(ours.ndcg / r.ndcg).toFixed(4)} |`);
  console.log(
    `precision@10 ${ours.precision.toFixed(4)}, recall@10 ${ours.recall.toFixed(4)}; customers without a list ${ours.users_without_list}, ` +
      `short lists ${ours.short_lists}, already-bought items listed ${ours.seen_items_listed}`,
  );
  console.log(`at least 0.28: ${ours.ndcg >= 0.28 ? 'met' : 'NOT MET'}; whole run ${seconds(started)} s`);

  api.kill('SIGINT');
  await new Promise((resolve) => api.once('exit', resolve));
  if (process.env['BENCH_KEEP'] !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(workDir, { recursive: true, force: true });
}

/** The original file's rows, cleaned the standard way, whose (customer, stock code) pair is a training pair. */
function writeTrainingRows(file: string, trainPairs: Set<string>, out: string): number {
  const rows = parseCsv(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
  const header = rows[0];
  const col = (name: string) => header.indexOf(name);
  const [cInvoice, cStock, cQuantity, cPrice, cCustomer] = ['InvoiceNo', 'StockCode', 'Quantity', 'UnitPrice', 'CustomerID'].map(col);
  const csv = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [header.join(',')];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length < header.length) continue;
    const customer = row[cCustomer].trim();
    if (customer === '' || row[cInvoice].startsWith('C')) continue;
    if (!(Number(row[cQuantity]) > 0) || !(Number(row[cPrice]) > 0)) continue;
    if (!trainPairs.has(`${customer}\u0000${row[cStock].trim()}`)) continue;
    lines.push(row.map(csv).join(','));
  }
  fs.writeFileSync(out, lines.join('\n') + '\n');
  return lines.length - 1;
}

type Call = (method: string, url: string, body?: unknown) => Promise<unknown>;

function apiCaller(base: string, token: string): Call {
  return async (method, url, body) => {
    // A 503 says PostgreSQL or Redis is away for a moment ("try again in a few seconds"): a client retries, so do we, for a while.
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${base}${url}`, {
        method,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await response.json();
      if (response.status === 503 && attempt < 30) {
        log(`${method} ${url}: 503 ${JSON.stringify(json.message)}; retrying in 5 s`);
        await new Promise((r) => setTimeout(r, 5000));
        continue;
      }
      if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    }
  };
}

async function login(base: string): Promise<string> {
  // The API listens before it creates the first admin: retry briefly.
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (response.status < 300) return ((await response.json()) as { accessToken: string }).accessToken;
    if (attempt >= 60) throw new Error(`login: ${response.status} ${await response.text()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function waitForJob(call: Call, id: string): Promise<Record<string, unknown>> {
  let said = '';
  for (;;) {
    const job = (await call('GET', `/api/jobs/${id}`)) as Record<string, unknown>;
    if (job['status'] === 'COMPLETED') return job;
    if (job['status'] === 'FAILED' || job['status'] === 'CANCELLED') throw new Error(`job ${id} ${job['status']}: ${job['error']}`);
    const now = `${job['status']} ${job['progressNote'] ?? ''}`;
    if (now !== said) log(`job ${id}: ${(said = now)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function nnz(m: { byUser: { indptr: Int32Array | number[] }; userCount: number }): number {
  return m.byUser.indptr[m.userCount];
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
