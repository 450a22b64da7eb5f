#!/usr/bin/env node
// npm run bench:serving [-- --seconds 10 --clients 100 --members 4000]
//
// Starts the real API (dist/apps/api/src/main.js, role "all") on its own
// embedded PostgreSQL and redis-server (data under tmp/bench-serving/), loads
// the demo world, trains and activates a model through the API, then drives
// GET /api/recommender/members/:key/recommendations?n=10 with N concurrent
// keep-alive clients for a fixed time, cycling over a thousand members.
// Reference, same run, same load generator: a bare Node http server (its own
// process) answering a fixed JSON body, i.e. the floor any Node HTTP service
// has on this machine. Prints requests/s and p50/p95/p99 for both and the
// ratios, and writes docs/benchmarks/serving.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = flag('seconds', 10);
const CLIENTS = flag('clients', 100);
const MEMBERS = flag('members', 4000);
const WARMUP_SECONDS = 2;
const ADMIN = { email: 'bench@crosslane.local', password: 'bench-password-serving-1' };
const say = (line) => console.log(`[bench:serving] ${line}`);

const { buildApi } = await import('../../scripts/build.mjs');
const mainJs = await buildApi();

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const children = [];
const stopAll = () => children.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// --- the API under test -----------------------------------------------------
const dataDir = path.join(repoRoot, 'tmp', 'bench-serving');
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true, mode: 0o777 });
fs.chmodSync(dataDir, 0o777);
const apiPort = await freePort();
const env = { ...process.env };
delete env.DATABASE_URL;
delete env.REDIS_URL;
say(`starting the API on 127.0.0.1:${apiPort} with its own PostgreSQL and Redis (demo world of ${MEMBERS} members)`);
const api = spawn(process.execPath, [mainJs, 'serve'], {
  cwd: repoRoot,
  env: {
    ...env,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    CROSSLANE_ROLE: 'all',
    CROSSLANE_DATA_DIR: dataDir,
    CROSSLANE_ADMIN_EMAIL: ADMIN.email,
    CROSSLANE_ADMIN_PASSWORD: ADMIN.password,
    CROSSLANE_DEMO_MEMBERS: String(MEMBERS),
    CROSSLANE_LOG_LEVEL: 'warn',
    CROSSLANE_QUEUE_PREFIX: 'bench-serving',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
children.push(api);
const base = `http://127.0.0.1:${apiPort}`;
await waitFor(`${base}/api/health`, 180_000);

const call = async (method, url, token, body) => {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
};
const waitForJob = async (token, id) => {
  for (;;) {
    const job = await call('GET', `/api/jobs/${id}`, token);
    if (job.status === 'COMPLETED') return job;
    if (job.status === 'FAILED' || job.status === 'CANCELLED') throw new Error(`job ${id} ${job.status}: ${job.error}`);
    await new Promise((r) => setTimeout(r, 500));
  }
};

// The API listens before it creates the first admin: retry the login briefly.
let token;
for (let attempt = 0; !token; attempt++) {
  try {
    ({ accessToken: token } = await call('POST', '/api/auth/login', null, ADMIN));
  } catch (error) {
    if (attempt >= 20) throw error;
    await new Promise((r) => setTimeout(r, 500));
  }
}
const demoJobs = await call('GET', `/api/jobs?filter=${encodeURIComponent(JSON.stringify({ name: 'load-demo-world' }))}`, token);
if (demoJobs[0]) {
  say('waiting for the demo world to load');
  await waitForJob(token, demoJobs[0].id);
}
say('training a model through the API');
const trainJob = await call('POST', '/api/recommender/models', token, { scope: 'ALL', name: 'bench:serving' });
const trained = await waitForJob(token, trainJob.id);
const model = await call('GET', `/api/recommender/models/${trained.result.modelId}`, token);
await call('POST', `/api/recommender/models/${model.id}/activate`, token, model.beatsBaseline ? {} : { override: true, reason: 'benchmark of serving speed' });
say(`model v${model.version}: NDCG@10 ${model.metrics.overall.ndcg.toFixed(4)} vs popularity ${model.baselineMetrics.overall.ndcg.toFixed(4)}; trained in ${model.timings.totalMs} ms`);
const members = await call('GET', `/api/members?range=${encodeURIComponent('[0,999]')}`, token);
const keys = members.map((m) => m.memberKey);
const personalised = (await call('POST', '/api/recommender/recommendations/batch', token, { memberKeys: keys, n: 10 })).results.filter((r) => r.personalised).length;
say(`${keys.length} members in the rotation, ${personalised} of them get a personal list`);

// --- the reference: a bare Node http server answering fixed JSON ------------
const refPort = await freePort();
const reference = spawn(
  process.execPath,
  ['-e', `const body = JSON.stringify({ status: 'ok', items: Array.from({ length: 10 }, (_, i) => ({ itemId: String(i), score: 1 / (i + 1) })) });
require('node:http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); }).listen(${refPort}, '127.0.0.1');`],
  { stdio: 'inherit' },
);
children.push(reference);
await waitFor(`http://127.0.0.1:${refPort}/`, 10_000);

// --- the load generator ------------------------------------------------------
/** CLIENTS loops, each with its own keep-alive socket, for `seconds`; latencies in ms. */
async function drive(port, pathFor, headers, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies = [];
  let errors = 0;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const one = (p) =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = http.request({ host: '127.0.0.1', port, path: p, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - started);
          else errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) await one(pathFor(n++));
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: pct(50), p95: pct(95), p99: pct(99) };
}

const recPath = (n) => `/api/recommender/members/${keys[n % keys.length]}/recommendations?n=10`;
const auth = { Authorization: `Bearer ${token}` };
say(`warming up both servers (${WARMUP_SECONDS} s each)`);
await drive(apiPort, recPath, auth, WARMUP_SECONDS);
await drive(refPort, () => '/', {}, WARMUP_SECONDS);
// The framework's own floor: an authenticated route that does nothing but the guard (JWT + cached account).
const framework = await drive(apiPort, () => '/api/auth/me', auth, SECONDS);
say(`driving ${CLIENTS} concurrent clients for ${SECONDS} s against each`);
const served = await drive(apiPort, recPath, auth, SECONDS);
const bare = await drive(refPort, () => '/', {}, SECONDS);

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const rows = [
  ['GET recommendations (Crosslane API)', served],
  ['GET /api/auth/me (same API: Fastify + Nest + auth guard only)', framework],
  ['bare Node http, fixed JSON (reference)', bare],
];
const table = [
  '| target | requests | errors | requests/s | p50 ms | p95 ms | p99 ms |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map(([name, r]) => `| ${name} | ${r.requests} | ${r.errors} | ${f(r.rps, 0)} | ${f(r.p50, 2)} | ${f(r.p95, 2)} | ${f(r.p99, 2)} |`),
];
const ratios = `throughput ratio API / bare reference ${f(served.rps / bare.rps, 3)}; p99 ratio ${f(served.p99 / bare.p99, 2)}; throughput ratio recommendations / auth/me ${f(served.rps / framework.rps, 3)}`;
const load = os.loadavg().map((x) => x.toFixed(2)).join(', ');
const goals = `goals: p99 < 20 ms -> ${served.p99 < 20 ? 'met' : 'NOT met'} (${f(served.p99, 2)} ms); >= 2,000 requests/s -> ${served.rps >= 2000 ? 'met' : 'NOT met'} (${f(served.rps, 0)})`;
console.log(['', ...table, '', ratios, goals, ''].join('\n'));

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const doc = `# Serving benchmark

\`npm run bench:serving\` (benchmarks/serving/run.mjs): the built API (role all) on
its own embedded PostgreSQL and redis-server, the demo world (${MEMBERS} members),
a model trained and activated through the API, then ${CLIENTS} concurrent
keep-alive clients for ${SECONDS} s on
\`GET /api/recommender/members/:memberKey/recommendations?n=10\`, cycling over
${keys.length} members (${personalised} with a personal list, the others on the
non-personal fallback). The reference, measured in the same run by the same
load generator, is a bare Node \`http\` server in its own process answering a
fixed JSON body: the floor of any Node HTTP service on this machine. The load
generator, the API, PostgreSQL and the reference share the machine's cores.

Load average when the run ended: ${load} (the machine is shared).
Measured ${new Date().toISOString().slice(0, 10)} on ${os.availableParallelism()} cores (${cpu}), Node ${process.version}, ${os.platform()} ${os.release()}.
Model v${model.version}: NDCG@10 ${model.metrics.overall.ndcg.toFixed(4)} against popularity's ${model.baselineMetrics.overall.ndcg.toFixed(4)}.

${table.join('\n')}

${ratios}.

${goals}.

Each request reads the member (consent and history) in one SQL query, scores
every item of the active model from Float32 factors held in memory, and
filters by domain, history and partner agreements. The process checks a
version stamp (active model ids, allowed partners) at most every 2 s and
reloads factors only when it changes.
`;
fs.mkdirSync(path.join(repoRoot, 'docs/benchmarks'), { recursive: true });
fs.writeFileSync(path.join(repoRoot, 'docs/benchmarks/serving.md'), doc);
say('wrote docs/benchmarks/serving.md');

api.kill('SIGTERM');
reference.kill('SIGTERM');
await new Promise((resolve) => api.once('exit', resolve));
process.exit(0);
